"""The caller remembers what the trainee already said: bundled scenarios played through
``run_replay`` do not re-ask a question answered earlier in the call."""

from __future__ import annotations

from simulator.engine.replay import parse_replay, run_replay
from simulator.engine.session import CallSession
from tests.library.bundled import load, transcript


def _play(scenario_id: str, replies: list[str]) -> CallSession:
    data = {
        "format": "callcoach.replay/1",
        "seed": 1,
        "replies": [{"text": text, "start": 0.6} for text in replies],
    }
    return run_replay(load(scenario_id), parse_replay(data, lambda key: f"test:{key}", None))


def _caller_lines(session: CallSession) -> list[tuple[str, str]]:
    said = session.record["utterances"]
    return [(u["turn"], u["text"]) for u in said if u["speaker"] == "customer"]


JA_EARLY_NO_RETURN = [
    "20分もお待たせしたうえに、割れたお品物をお届けしてしまい、大変申し訳ございません。"
    "楽しみにされていたのに、がっかりされたことと存じます。",
    "ありがとうございます。ご注文番号W-48816、森聡様でお間違いないでしょうか。",
    "お怪我をさせてしまい、本当に申し訳ございません。指は大丈夫でしょうか。",
    "お気持ち、ごもっともでございます。あいにく、最短で明後日25日のお届けとなります。"
    "申し訳ございません。なお、割れたお品物のご返送は不要でございます。",
    "お手数をおかけしますが、割れたお皿の写真を1枚お送りいただけますでしょうか。",
    "このあと交換のご案内をメールでお送りしますので、そちらにご返信ください。"
    "25日着の交換でよろしいでしょうか。",
    "ご指摘ありがとうございます。梱包については担当部署に申し伝えます。"
    "担当の佐藤が承りました。失礼いたします。",
]


def test_ja_caller_does_not_ask_about_returning_after_being_told() -> None:
    session = _play("ja-angry-broken-item", JA_EARLY_NO_RETURN)
    lines = _caller_lines(session)
    story = transcript(session)
    assert not any("送り返す" in text or "送り返せ" in text for _, text in lines), story
    assert "photo" not in {turn for turn, _ in lines}, story
    assert "photo-only" in {turn for turn, _ in lines}, story
    assert session.outcome == "resolved", story


def test_ja_caller_still_asks_when_not_told() -> None:
    replies = [*JA_EARLY_NO_RETURN]
    replies[3] = replies[3].replace("なお、割れたお品物のご返送は不要でございます。", "")
    replies[4] += "お品物のご返送は不要でございます。"
    lines = _caller_lines(_play("ja-angry-broken-item", replies))
    assert "photo" in {turn for turn, _ in lines}


def test_en_caller_does_not_ask_what_happens_now_after_the_fix_was_given() -> None:
    replies = [
        "I'm so sorry, for the wait and for sending the wrong colour. With the wedding ten days"
        " away, I can imagine how stressful this is.",
        "Thank you, Jess. Just to confirm, that's order 44719, the sage dress in a size 12,"
        " is that right?",
        "You're absolutely right, and it's our mistake, I'm really sorry. I can send the sage"
        " dress today by free next-day courier, so it'll be with you on Wednesday the 25th.",
        "I'm afraid I can't promise an exact match, as dye batches vary a little. If you don't"
        " mind giving me one of the other order numbers, I'll ask the warehouse to pick from"
        " the same batch.",
    ]
    session = _play("en-angry-wrong-colour", replies)
    lines = _caller_lines(session)
    story = transcript(session)
    assert "deadline" not in {turn for turn, _ in lines}, story
    assert not any("what happens now" in text for _, text in lines), story
    assert "match" in {turn for turn, _ in lines}, story


def test_score_card_model_answer_is_the_one_for_the_line_said() -> None:
    scenario = load("ja-angry-broken-item")
    identify = scenario.turn("identify")
    seen_answers = set()
    for seed in (1, 2, 3, 4, 5):
        data = {
            "format": "callcoach.replay/1",
            "seed": seed,
            "replies": [
                {"text": JA_EARLY_NO_RETURN[0], "start": 0.6},
                {"text": "はい。", "start": 0.6},
            ],
        }
        session = run_replay(scenario, parse_replay(data, lambda key: f"test:{key}", None))
        heard = dict(reversed(_caller_lines(session)))["identify"]
        feedback = (session.scorecard or {}).get("feedback", [])
        answers = [
            f["model_answer"]
            for f in feedback
            if f.get("turn") == "identify" and "model_answer" in f
        ]
        assert answers == [identify.answer_for(heard)], transcript(session)
        seen_answers.add(answers[0])
    assert seen_answers == set(identify.model_answers)  # both variants were met


def test_ja_late_delivery_caller_waits_while_the_trainee_looks_it_up() -> None:
    """The good replay asks to wait, holds 25 s and comes back with the cause: the
    caller's 「わかった。早くしてよ。」 and the answer belong to the same question."""
    from tests.library.bundled import play

    session = play("ja-angry-late-delivery", "good")
    check = [u for u in session.record["utterances"] if u["turn"] == "check"]
    speakers = [u["speaker"] for u in check]
    assert speakers == ["customer", "trainee", "customer", "trainee"]  # line, ask, wait, answer
    assert check[2]["text"] in ("わかった。早くしてよ。", "早くね。こっちは時間ないんだから。")
    assert check[3]["text"].startswith("お待たせいたしました")
    kinds = [(e["kind"], e.get("turn")) for e in session.record["events"]]
    assert ("wait", "check") in kinds


def test_a_turn_that_expects_the_request_takes_it_as_its_reply() -> None:
    """en-logical-sv-missing-items writes the hold the version 1 way: `details` expects
    a hold and its next turn is the caller's "Go ahead." A bare request there is that
    turn's reply (the caller first wants the read-back), not a wait on the same turn."""
    session = _play(
        "en-logical-sv-missing-items",
        [
            "Thank you for holding, Mr Blake. My name is Morgan, the team leader. "
            "I'm sorry about the confusion.",
            "Could you hold for a moment while I check the courier record?",
        ],
    )
    assert "wait" not in [e["kind"] for e in session.record["events"]]
    said = [text for turn, text in _caller_lines(session)]
    assert "Please do write it down: 3390-17." in said
