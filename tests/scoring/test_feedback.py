"""Per-turn feedback: in the session's language, concrete, with the model answer."""

from __future__ import annotations

from scoring import score_session
from tests.scoring.helpers import record, utt

GUIDE = {
    "turns": {
        "offer": {
            "expects": ["cushion"],
            "model_answer": "恐れ入りますが、土曜日のお届けはお約束いたしかねます。",
        }
    }
}


def _ja_bad_call() -> dict:
    return record(
        [
            utt("customer", 0.0, 4.0, "土曜日までに届けてください。", turn="offer"),
            utt("trainee", 1.0, 5.0, "でも、規則ですので無理です。", turn="offer"),
        ],
        language="ja",
        guide=GUIDE,
    )


def test_japanese_session_gets_japanese_feedback_with_model_answer() -> None:
    feedback = score_session(_ja_bad_call())["feedback"]
    messages = " ".join(f["message"] for f in feedback)
    assert "お話の途中で話し始めています" in messages  # the interruption, with its time
    assert "1.0秒" in messages
    assert "「でも/規則ですので/無理です」" in messages  # names the NG phrases it found
    assert "クッション言葉" in messages  # the turn expected a cushion
    answers = [f["model_answer"] for f in feedback if "model_answer" in f]
    assert answers == [GUIDE["turns"]["offer"]["model_answer"]]  # once per turn
    assert all(f["turn"] == "offer" for f in feedback)
    assert all(f["severity"] in {"good", "info", "warn", "error"} for f in feedback)


def test_english_session_gets_english_feedback() -> None:
    session = record(
        [
            utt("customer", 0.0, 3.0, "Where is my parcel?", turn="open"),
            utt("trainee", 3.5, 6.0, "Calm down, it's our policy.", turn="open"),
        ]
    )
    feedback = score_session(session)["feedback"]
    messages = " ".join(f["message"] for f in feedback)
    assert "pushes the caller away" in messages and "calm down" in messages.lower()
    assert "No empathy or apology in your first reply" in messages
    assert not any("\u3040" <= ch <= "\u30ff" for ch in messages)


def test_monotone_aizuchi_is_flagged_on_the_third_in_a_row() -> None:
    lines = []
    for n in range(4):
        start = n * 6.0
        lines += [
            utt("customer", start, start + 5.0, "それでですね、話を続けますと。"),
            utt("trainee", start + 2.0, start + 2.4, "はい"),
        ]
    metrics = score_session(record(lines, language="ja"))["metrics"]
    assert metrics["aizuchi"]["monotone"] == [{"utterance": 5, "text": "はい", "run": 3}]


def test_praise_for_early_empathy() -> None:
    session = record(
        [
            utt("customer", 0.0, 3.0, "届かないんです。", turn="open"),
            utt("trainee", 3.5, 6.0, "ご不便をおかけしました。", turn="open"),
        ],
        language="ja",
    )
    feedback = score_session(session)["feedback"]
    assert any(f["severity"] == "good" and "共感" in f["message"] for f in feedback)


def _hold_call(announcement: str, seconds: float) -> dict:
    return record(
        [
            utt("customer", 0.0, 2.0, "どうなっていますか。"),
            utt("trainee", 2.5, 5.0, announcement),
            utt("trainee", 5.5 + seconds, 8.0 + seconds, "大変お待たせいたしました。"),
        ],
        language="ja",
        events=[{"t": 5.2, "kind": "hold_start"}, {"t": 5.2 + seconds, "kind": "hold_end"}],
    )


def _hold_notes(card: dict) -> list[str]:
    items = card["dimensions"]["resolution"]["items"]
    return [e["note"] for e in next(i for i in items if i["check"] == "hold_etiquette")["evidence"]]


def test_short_hold_promise_is_30_seconds_and_a_long_one_60() -> None:
    assert "hold_length_ok" in _hold_notes(score_session(_hold_call("少々お待ちください。", 30.0)))
    short = score_session(_hold_call("少々お待ちください。", 31.0))
    assert "hold_too_long:30" in _hold_notes(short)
    assert any("保留が30秒を超えました" in f["message"] for f in short["feedback"])
    assert "hold_length_ok" in _hold_notes(
        score_session(_hold_call("しばらくお待ちください。", 45.0))
    )
    assert "hold_too_long:60" in _hold_notes(
        score_session(_hold_call("しばらくお待ちください。", 61.0))
    )


def test_hold_announced_and_thanked() -> None:
    notes = _hold_notes(score_session(_hold_call("少々お待ちください。", 10.0)))
    assert {"hold_announced", "hold_thanked"} <= set(notes)
    notes = _hold_notes(score_session(_hold_call("確認します。", 10.0)))
    assert "hold_unannounced" in notes


def test_phrases_to_avoid_come_with_what_to_say_instead() -> None:
    session = record(
        [
            utt("customer", 0.0, 2.0, "返品したいんです。"),
            utt("trainee", 2.5, 5.0, "規則なので無理です。"),
        ],
        language="ja",
    )
    feedback = score_session(session)["feedback"]
    ng = next(f for f in feedback if "突き放す" in f["message"])
    assert "恐れ入りますが" in ng["suggestion"]
    english = record(
        [utt("customer", 0.0, 2.0, "Refund me."), utt("trainee", 2.5, 5.0, "Calm down.")]
    )
    ng = next(f for f in score_session(english)["feedback"] if "pushes" in f["message"])
    assert "I can hear how upsetting" in ng["suggestion"]


def test_avoid_phrases_are_lost_points_not_key_facts() -> None:
    guide = {
        "turns": {
            "finding": {
                "key_phrases": {"duplicate": ["charged twice"], "again": ["pending hold"]},
                "avoid_phrases": {"again": ["pending hold"]},
            }
        }
    }
    session = record(
        [
            utt("customer", 0.0, 2.0, "So what happened?", turn="finding"),
            utt(
                "trainee", 2.5, 6.0, "It is only a pending hold, it will drop off.", turn="finding"
            ),
        ],
        guide=guide,
    )
    card = score_session(session)
    facts = next(i for i in card["dimensions"]["resolution"]["items"] if i["check"] == "key_facts")
    assert [e["note"] for e in facts["evidence"]] == ["no_key:duplicate"]
    politeness = card["dimensions"]["politeness"]["items"]
    ng = next(i for i in politeness if i["check"] == "no_ng_phrases")
    assert [e["note"] for e in ng["evidence"]] == ["avoid:pending hold"]
    assert any("makes things worse" in f["message"] for f in card["feedback"])


def test_say_it_back_is_advised_only_for_facts_to_confirm() -> None:
    """Issue 10: 「復唱して確認しましょう」 was advised for 「私が最後まで」 too."""
    guide = {
        "turns": {
            "own": {"expects": ["self_introduction"], "key_phrases": {"ownership": ["最後まで"]}},
            "order": {"expects": ["confirmation"], "key_phrases": {"order": ["58213"]}},
        }
    }
    session = record(
        [
            utt("customer", 0.0, 2.0, "誰が責任取るの？", turn="own"),
            utt("trainee", 2.5, 5.0, "佐藤と申します。", turn="own"),
            utt("customer", 5.5, 7.0, "番号言ったよね？", turn="order"),
            utt("trainee", 7.5, 9.0, "はい、承知いたしました。", turn="order"),
        ],
        language="ja",
        guide=guide,
    )
    card = score_session(session)
    by_turn = {
        f["turn"]: f["message"]
        for f in card["feedback"]
        if "最後まで" in f["message"] or "58213" in f["message"]
    }
    assert "復唱" not in by_turn["own"]
    assert "復唱" in by_turn["order"]
