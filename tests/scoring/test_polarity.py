"""A promise that is refused in its own clause is not an over-promise — for the score
card and, through the same detector, for the caller's branches (issue 10, first
item). Sentences written the way trainees refuse: cushions, 〜かねます, potential
negatives, "I'm afraid I can't"."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from scoring.detect import detect
from scoring.polarity import Mood, clause_mood
from simulator.engine.replay import load_replay, run_replay
from simulator.scenario.library import ScenarioLibrary

REFUSED_JA = [
    ("あいにくですが、明日までのお届けはお約束できかねます。", ["明日までにお届け"]),
    ("申し訳ございませんが、今日中の返金は難しい状況です。", ["今日中に返金"]),
    ("すぐにお返しすることはいたしかねます。", ["すぐにお返しします"]),
    ("必ずとは申し上げられません。", []),
    ("全額返金は、規定によりお受けできません。", []),
]
PROMISED_JA = [
    ("はい、明日までにお届けします。", ["明日までにお届け"]),
    ("必ず今日中に返金いたします。", []),
    ("明日お届けしますが、時間のご指定はできかねます。", ["明日お届けします"]),
    ("このようなことは二度と起こりません。", []),
]
REFUSED_EN = [
    ("I'm afraid I can't promise it'll arrive before Saturday.", []),
    ("Unfortunately we're not able to guarantee delivery by Saturday.", ["delivery by Saturday"]),
    ("I wouldn't want to promise you a refund today.", ["refund today"]),
    ("I cant guarantee that, sorry.", []),  # recognisers drop the apostrophe
]
PROMISED_EN = [
    ("I promise it will be there by Saturday.", ["delivery by Saturday"]),
    ("Don't worry, I guarantee it.", []),
    ("I can't change the address, but I promise the refund goes out today.", []),
]


@pytest.mark.parametrize(("text", "forbidden"), REFUSED_JA + REFUSED_EN)
def test_a_refused_promise_is_not_an_over_promise(text: str, forbidden: list[str]) -> None:
    language = "en" if text.isascii() else "ja"
    found = detect(text, language, forbidden_promises=forbidden).categories
    assert "over_promise" not in found


@pytest.mark.parametrize(("text", "forbidden"), PROMISED_JA + PROMISED_EN)
def test_a_promise_is_still_an_over_promise(text: str, forbidden: list[str]) -> None:
    language = "en" if text.isascii() else "ja"
    assert "over_promise" in detect(text, language, forbidden_promises=forbidden).categories


def test_the_clause_limits_the_refusal() -> None:
    text = "明日お届けしますが、時間のご指定はできかねます。"
    assert clause_mood(text, 0, 8, "ja") is Mood.SAID
    text = "I can't change that, but I promise it."
    start = text.index("promise")
    assert clause_mood(text, start, start + 7, "en") is Mood.SAID


@pytest.mark.parametrize(
    ("text", "phrase", "language", "mood"),
    [
        ("本日中のご返金はいたしかねます。", "本日中のご返金", "ja", Mood.REFUSED),
        ("申し訳ないとは思っておりません。", "申し訳ない", "ja", Mood.DENIED),
        ("明日お届けしましょうか？", "明日お届け", "ja", Mood.ASKED),
        ("ありがとうございますと言われても困ります。", "ありがとうございます", "ja", Mood.QUOTED),
        ("I can't promise Saturday.", "promise", "en", Mood.REFUSED),
        ("I'm not sorry.", "sorry", "en", Mood.DENIED),
        ("Don't worry, I guarantee it.", "I guarantee", "en", Mood.SAID),  # another clause
        ("I promise it will be there.", "promise", "en", Mood.SAID),
    ],
)
def test_each_clause_has_a_mood(text: str, phrase: str, language: str, mood: Mood) -> None:
    start = text.index(phrase)
    assert clause_mood(text, start, start + len(phrase), language) is mood


def test_an_apology_may_carry_its_own_denial_a_promise_may_not() -> None:
    text = "I don't understand why you're upset."
    start = text.index("don't understand")
    assert clause_mood(text, start, start + 16, "en", "empathy") is Mood.DENIED
    text = "I promise it will never happen again."
    start = text.index("never")
    assert clause_mood(text, start, len(text) - 1, "en", "over_promise") is Mood.SAID


def test_the_caller_does_not_hear_a_refusal_as_the_forbidden_promise(tmp_path: Path) -> None:
    """ja-angry-broken-item forbids 明日お届けします; refusing it on the `want` turn must
    not take the broken-promise branch, and the card must not call it one."""
    good = Path(__file__).parents[1] / "library" / "replays" / "ja-angry-broken-item" / "good.yaml"
    document = yaml.safe_load(good.read_text(encoding="utf-8"))
    document["replies"][3]["text"] = (
        "明日お使いになりたいお気持ち、ごもっともでございます。申し訳ございませんが、"
        "明日のお届けはお約束できかねます。最短で明後日25日のお届けとなります。"
    )
    replay = tmp_path / "refusal.yaml"
    replay.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    scenario = ScenarioLibrary().resolve("ja-angry-broken-item")
    session = run_replay(scenario, load_replay(replay))
    assert session.record["outcome"] == "resolved"
    assert session.scorecard is not None
    phrases = session.scorecard["metrics"]["phrases"]
    assert not [p for p in phrases if p["category"] == "over_promise"]


DENIED = [
    ("申し訳ございませんとは思っておりません。", "ja", "apology"),
    ("こちらとしてはお詫びする必要はございません。", "ja", "apology"),
    ("I'm not sorry, that's simply the policy.", "en", "apology"),
    ("I never said sorry for that.", "en", "apology"),
    ("I don't understand why you're so upset.", "en", "empathy"),
]
MEANT = [
    ("大変申し訳ございません。", "ja", "apology"),
    ("I can't tell you how sorry I am.", "en", "apology"),
    ("No, I'm so sorry about that.", "en", "apology"),
    ("I can't imagine how stressful that was.", "en", "empathy"),
    ("I do understand, and I'm sorry.", "en", "empathy"),
]


@pytest.mark.parametrize(("text", "language", "category"), DENIED)
def test_a_denied_apology_or_empathy_does_not_count(
    text: str, language: str, category: str
) -> None:
    assert category not in detect(text, language).categories


@pytest.mark.parametrize(("text", "language", "category"), MEANT)
def test_a_meant_apology_or_empathy_counts(text: str, language: str, category: str) -> None:
    assert category in detect(text, language).categories


PARAPHRASES = [
    ("Hi there, this is Priya from customer support.", "en", "self_introduction"),
    ("This is Tom with the complaints team.", "en", "self_introduction"),
    ("Thank you for your patience while I checked the order.", "en", "hold"),
    ("I cannot imagine how annoying that must have been.", "en", "empathy"),
    ("お力になれず心苦しいのですが、交換は難しい状況です。", "ja", "cushion"),
    ("おっしゃることは本当によくわかります。", "ja", "empathy"),
]


@pytest.mark.parametrize(("text", "language", "category"), PARAPHRASES)
def test_everyday_paraphrases_are_understood(text: str, language: str, category: str) -> None:
    assert category in detect(text, language).categories


def test_a_sentence_shaped_like_an_introduction_is_not_one() -> None:
    text = "This is unacceptable from the customer's side."
    assert "self_introduction" not in detect(text, "en").categories


FORBIDDEN = ["明日お届けします", "本日中にご返金"]


@pytest.mark.parametrize(
    "text",
    [
        "はい、明日にはお届けします。",
        "明日中にお届けいたします。",
        "明日までにはお届けできます。",
        "本日中に返金いたします。",
        "では本日中のご返金で手配いたします。",
    ],
)
def test_variants_of_a_forbidden_promise_are_caught(text: str) -> None:
    assert "over_promise" in detect(text, "ja", forbidden_promises=FORBIDDEN).categories


@pytest.mark.parametrize(
    "text",
    [
        "明日のお届けはお約束できかねます。",
        "明日お届けしましょうか？",  # asked, not promised
        "最短で明後日のお届けになります。",
        "本日中のご返金は難しい状況でございます。",
    ],
)
def test_refusals_questions_and_other_days_are_not_the_forbidden_promise(text: str) -> None:
    assert "over_promise" not in detect(text, "ja", forbidden_promises=FORBIDDEN).categories


def test_an_offer_the_policy_allows_is_not_an_over_promise() -> None:
    offers = ["交換を望まない場合は全額返金（品物の返送不要）"]
    text = "交換をご希望でなければ、全額返金いたします。"
    assert "over_promise" in detect(text, "ja").categories  # beyond policy elsewhere
    assert "over_promise" not in detect(text, "ja", allowed_offers=offers).categories
    still = detect("必ず全額返金いたします。", "ja", allowed_offers=offers).categories
    assert "over_promise" in still  # 必ず is a guarantee the policy does not offer
    forbidden = detect(
        "全額返金いたします。", "ja", forbidden_promises=["全額返金"], allowed_offers=offers
    )
    assert "over_promise" in forbidden.categories  # a forbidden promise is never excused


@pytest.mark.parametrize(
    ("text", "language", "key"),
    [
        (
            "I'm afraid I can't share personal information about your neighbours.",
            "en",
            "can't share personal information",
        ),
        ("Unfortunately we cannot evict anyone today.", "en", "cannot evict"),
        ("恐れ入りますが、ほかのお客様の情報はお伝えできかねます。", "ja", "お伝えできかねます"),
    ],
)
def test_a_key_fact_that_is_itself_a_refusal_counts_when_refused(
    text: str, language: str, key: str
) -> None:
    """The scenario wants the refusal said; the clause refusing is the point, not a
    refused fact (found writing the noisy-neighbour call)."""
    assert detect(text, language, key_phrases={"refuse": [key]}).key_phrases == {"refuse"}


def test_a_refused_key_fact_still_does_not_count() -> None:
    text = "I'm afraid I can't give you the tracking number yet."
    assert detect(text, "en", key_phrases={"tracking": ["tracking number"]}).key_phrases == set()
