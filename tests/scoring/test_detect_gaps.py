"""Lexicon gaps found by the scenario writer: negated promises, bare "I understand",
more closings, 「ご不安…」, role + name + でございます, and English key phrases that
tolerate -s/-ed/-ing."""

from __future__ import annotations

import pytest

from scoring import detect
from scoring.lexicon import LexiconError, make_entry
from scoring.text import stem_word


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        ("I can't guarantee that it will arrive tomorrow.", "en", set(), {"over_promise"}),
        ("I cannot promise a refund, but I will ask.", "en", set(), {"over_promise"}),
        ("i cant guarantee that", "en", set(), {"over_promise"}),
        ("I can't guarantee it, but I guarantee a call back.", "en", {"over_promise"}, set()),
        ("I understand.", "en", {"empathy"}, set()),
        ("If I understand correctly, you were charged twice.", "en", {"confirmation"}, {"empathy"}),
        ("Have a good afternoon.", "en", {"closing"}, set()),
        ("Have a lovely day.", "en", {"closing"}, set()),
        ("ご不安な思いをおかけし、申し訳ございません。", "ja", {"empathy", "apology"}, set()),
        ("ご不安でしたよね。", "ja", {"empathy"}, set()),
        ("ご不満なお気持ち、よくわかります。", "ja", {"empathy"}, set()),
        ("弁解の余地もございません。", "ja", {"apology"}, set()),
        ("ご不便をおかけし、", "ja", {"empathy"}, set()),
        ("リーダーの佐藤でございます。", "ja", {"self_introduction"}, set()),
        ("りーだー の さとう で ございます", "ja", {"self_introduction"}, set()),
        ("こちらの商品でございます。", "ja", set(), {"self_introduction"}),
        ("お電話いただき、ありがとうございました。", "ja", {"closing", "gratitude"}, set()),
        ("必ずしもご希望に添えるとは限りません。", "ja", set(), {"over_promise"}),
        ("明日のお届けはお約束いたしかねます。", "ja", set(), {"over_promise"}),
    ],
)
def test_gap_phrases(text: str, language: str, present: set[str], absent: set[str]) -> None:
    found = detect(text, language).categories
    assert present <= found
    assert not absent & found


def test_the_self_introduction_hit_covers_role_and_name() -> None:
    hit = next(
        h
        for h in detect("はい、リーダーの佐藤でございます。", "ja").hits
        if h.category == "self_introduction"
    )
    assert hit.text == "リーダーの佐藤でございます"


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("email", "I'm emailing you now."),
        ("emailed", "I will email you."),
        ("send a replacement", "We are sending a replacement today."),
        ("duplicate charges", "I can see the duplicate charge."),
        ("arrived", "It arrives tomorrow."),
        ("stopped the payment", "I am stopping the payments."),
    ],
)
def test_english_key_phrases_tolerate_inflections(key: str, said: str) -> None:
    assert detect(said, "en", key_phrases={"k": [key]}).key_phrases == {"k"}


@pytest.mark.parametrize(
    ("key", "said"),
    [("arn", "Harnold emails"), ("address", "I'll add it"), ("refund", "a fund transfer")],
)
def test_inflection_tolerance_keeps_whole_words(key: str, said: str) -> None:
    assert detect(said, "en", key_phrases={"k": [key]}).key_phrases == frozenset()


def test_stems_meet_across_inflections() -> None:
    assert {stem_word(w) for w in ("charge", "charges", "charged", "charging")} == {"charg"}
    assert stem_word("address") == stem_word("addresses") == "address"
    assert stem_word("stopped") == stem_word("stop") == "stop"


def test_a_bad_pattern_is_a_one_line_lexicon_error() -> None:
    with pytest.raises(LexiconError, match=r"x\.yaml:1: bad pattern"):
        make_entry("self_introduction", {"text": "a", "pattern": "(unclosed"}, "ja", "x.yaml:1")


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(
    "noise",
    ["İ", "ß", "ﬃ", "㍻", "\u0301", "\U0001f600", "\u202e", "ǅ"],
)
def test_characters_that_change_length_when_folded_do_not_break_detection(
    noise: str, language: str
) -> None:
    # İ lower-cases to two characters; ligatures and ㍻ expand under NFKC. A trainee's
    # transcript can hold any of them: the apology next to them is still found.
    text = f"{noise}申し訳ございません{noise}" if language == "ja" else f"{noise} I'm sorry {noise}"
    found = detect(text, language)
    assert "apology" in found.categories
    for hit in found.hits:
        assert hit.text == text[hit.start : hit.end]
