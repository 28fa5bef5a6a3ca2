"""A hold inside one turn (issue 13): 「少々お待ちください」 → the caller waits → hold →
「お待たせいたしました」 + the answer, judged as the reply to the same question. Real
detector, real loader, replay on the virtual clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from simulator.engine.replay import parse_replay, run_replay
from simulator.engine.session import CallSession
from simulator.scenario.loader import load_scenario_text, validate_paths

SCENARIO = """\
format: callcoach.scenario/2
id: ja-test-stock
title: 在庫の問い合わせ
language: ja
caller: {type: logical, name: 中村}
briefing: {situation: 在庫の確認}
mood: {start: 50}
hold: {patience: 30, too_long_say: ["ずいぶん待たされましたね。"]}
turns:
  - id: ask
    say: ["青のMサイズ、在庫はあるんですか？"]
    key_phrases:
      stock: ["在庫がございます", "ご用意できます", "在庫はございます"]
    model_answer: >-
      確認いたしますので、少々お待ちいただけますか。（保留のあと）お待たせいたしました。在庫がございます。
    branches:
      - when: {all: [{said: [stock]}, {hold_over: 30}]}
        next: late
      - when: {said: [stock]}
        next: thanks
    otherwise: {mood: 10, say: ["あるのかないのか、聞いてるんですけど。"], next: ask}
  - id: thanks
    say: ["よかった。じゃあそれでお願いします。"]
    otherwise: {next: done}
  - id: late
    say: ["あるならもっと早く言ってくださいよ。"]
    otherwise: {next: done}
endings:
  done: {outcome: resolved, say: ["どうも。"]}
  gone: {outcome: hung_up}
"""


def _call(replies: list[Any], text: str = SCENARIO) -> CallSession:
    scenario = load_scenario_text(text, "stock.yaml")
    script = parse_replay(
        {"format": "callcoach.replay/1", "seed": 1, "replies": replies},
        lambda key: f"replay:{key}",
        None,
    )
    return run_replay(scenario, script)


def _lines(session: CallSession) -> list[tuple[str, str, str]]:
    return [(u["speaker"], u["turn"], u["text"]) for u in session.record["utterances"]]


def _kinds(session: CallSession) -> list[str]:
    return [e["kind"] for e in session.record["events"]]


def test_the_caller_waits_and_the_answer_after_the_hold_answers_the_same_question() -> None:
    session = _call(
        [
            {"text": "確認いたしますので、少々お待ちいただけますでしょうか。"},
            {"hold": 20},
            {"text": "お待たせいたしました。青のMサイズ、在庫がございます。"},
            {"text": "ありがとうございます。承知いたしました。"},
        ]
    )
    lines = _lines(session)
    assert lines[1][0] == "trainee" and lines[2][0] == "customer"
    assert lines[2][1] == "ask"  # the caller's 「はい」 belongs to the same question
    assert lines[2][2] in ("はい、お願いします。", "はい、待ちます。")
    assert lines[3] == ("trainee", "ask", "お待たせいたしました。青のMサイズ、在庫がございます。")
    assert lines[4] == ("customer", "thanks", "よかった。じゃあそれでお願いします。")
    assert "あるのかないのか" not in " ".join(t for _, _, t in lines)  # not taken as evasion
    kinds = _kinds(session)
    assert kinds.index("wait") < kinds.index("hold_start") < kinds.index("hold_end")
    # The answer is placed after the hold ends, so the card finds it thanked the caller.
    hold_end = next(e["t"] for e in session.record["events"] if e["kind"] == "hold_end")
    assert session.record["utterances"][3]["start"] > hold_end
    assert session.outcome == "resolved"
    items = [i for d in session.scorecard["dimensions"].values() for i in d["items"]]
    hold_item = next(i for i in items if i["check"] == "hold_etiquette")
    assert hold_item["earned"] == hold_item["points"]  # announced, in time, thanked
    assert {e["note"] for e in hold_item["evidence"]} >= {"hold_announced", "hold_thanked"}


def test_the_hold_length_counts_in_the_same_turn() -> None:
    session = _call(
        [
            {"text": "お調べしますので少々お待ちください。"},
            {"hold": 40},
            {"text": "大変お待たせいたしました。在庫はございます。"},
        ]
    )
    turns = [t for speaker, t, _ in _lines(session) if speaker == "customer"]
    assert "late" in turns and "thanks" not in turns  # hold_over: 30 on the same turn
    assert "ずいぶん待たされましたね。" in [t for _, _, t in _lines(session)]


def test_looking_it_up_without_pressing_hold_gets_a_hold_long_wait() -> None:
    """Asked to wait, the caller gives as long as a hold before 「もしもし」 (silence)."""
    session = _call(
        [
            {"text": "在庫を確認してまいりますので、少しお待ちいただけますか。"},
            {"text": "お待たせしました。在庫がございます。", "start": 20.0},
        ]
    )
    answered = session.record["utterances"][3]["start"]
    assert answered > 28.0
    silences = [e["t"] for e in session.record["events"] if e["kind"] == "silence"]
    assert all(t > answered for t in silences)  # none while the caller waited
    assert _lines(session)[4][1] == "thanks"


def test_back_from_the_hold_the_caller_expects_words_soon() -> None:
    session = _call([{"text": "少々お待ちください。"}, {"hold": 10}])
    hold_end = next(e["t"] for e in session.record["events"] if e["kind"] == "hold_end")
    first_silence = next(e["t"] for e in session.record["events"] if e["kind"] == "silence")
    assert first_silence - hold_end < 10  # the scenario's silence patience, not a hold's


@pytest.mark.parametrize(
    "reply",
    [
        "在庫は折り返しお電話でお知らせいたします。少々お待ちください。",  # a call back
        "お待たせいたしました。",  # back from a wait: not a request
        "お待ちいただく必要はございません。",  # no wait needed
    ],
)
def test_what_is_not_a_request_to_wait_is_judged_as_a_reply(reply: str) -> None:
    session = _call([{"text": reply}])
    assert "wait" not in _kinds(session)
    assert "あるのかないのか、聞いてるんですけど。" in [t for _, _, t in _lines(session)]


def test_a_request_with_the_answer_in_it_is_the_answer() -> None:
    session = _call([{"text": "在庫はございますが、念のため少々お待ちいただけますか。"}])
    assert "wait" not in _kinds(session)
    assert _lines(session)[2][1] == "thanks"


def test_a_second_request_costs_mood_and_a_third_is_judged_as_it_is() -> None:
    request = {"text": "恐れ入ります、もう少々お待ちいただけますか。"}
    session = _call([request, request, request])
    said = [(t, text) for speaker, t, text in _lines(session) if speaker == "customer"]
    assert said[2] == ("ask", said[2][1]) and said[2][1] in (
        "またですか？ こっちも暇じゃないんですけど。",
        "まだかかるんですか？",
    )
    assert said[3][1] == "あるのかないのか、聞いてるんですけど。"  # the third: no more waiting
    moods = [e["value"] for e in session.record["events"] if e["kind"] == "mood"]
    assert moods[:3] == [50, 55, 65]


def test_a_branch_written_for_the_request_wins() -> None:
    refusing = SCENARIO.replace(
        "    branches:\n      - when: {all:",
        "    branches:\n"
        "      - when: {detected: [hold]}\n"
        '        say: ["待てません。今すぐ答えてください。"]\n'
        "        mood: 10\n"
        "        next: ask\n"
        "      - when: {all:",
    )
    session = _call([{"text": "少々お待ちください。"}], refusing)
    assert "wait" not in _kinds(session)
    assert "待てません。今すぐ答えてください。" in [t for _, _, t in _lines(session)]


def test_scenario_lines_and_a_turn_that_never_waits() -> None:
    own = SCENARIO.replace(
        "hold: {patience: 30,",
        'hold: {wait_say: ["じゃあ待ちますけど、手短にね。"], patience: 30,',
    )
    session = _call([{"text": "Let me check — one moment please."}], own)
    assert "wait" not in _kinds(session)  # English words in a Japanese call: no request found
    session = _call([{"text": "少々お待ちください。"}], own)
    assert _lines(session)[2][2] == "じゃあ待ちますけど、手短にね。"
    never = own.replace("  - id: ask\n", "  - id: ask\n    waits: 0\n")
    session = _call([{"text": "少々お待ちください。"}], never)
    assert "wait" not in _kinds(session)


def test_english_request_wait_and_answer() -> None:
    english = """\
format: callcoach.scenario/2
id: en-test-stock
title: Stock
language: en
caller: {type: logical, name: Pat}
briefing: {situation: stock}
turns:
  - id: ask
    say: ["Do you have the blue one in medium or not?"]
    key_phrases: {stock: ["in stock", "we have it"]}
    branches:
      - when: {said: [stock]}
        next: done
    otherwise: {mood: 10, say: ["That's not what I asked."], next: ask}
endings:
  done: {outcome: resolved, say: ["Great, thanks."]}
  gone: {outcome: hung_up}
"""
    session = _call(
        [
            {"text": "Let me check with the warehouse, can you bear with me for a moment?"},
            {"hold": 15},
            {"text": "Thanks for holding — yes, the blue one is in stock in medium."},
        ],
        english,
    )
    said = [text for speaker, _, text in _lines(session) if speaker == "customer"]
    assert said[1] in ("Fine. Make it quick.", "Okay, but be quick about it.")  # mood 70
    assert "That's not what I asked." not in said
    assert session.outcome == "resolved"


def test_version_one_files_may_not_use_the_new_fields() -> None:
    from simulator.scenario.problems import ScenarioError

    v1 = SCENARIO.replace("callcoach.scenario/2", "callcoach.scenario/1").replace(
        "hold: {patience: 30,", "hold: {waits: 1, patience: 30,"
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(v1, "stock.yaml")
    assert "stock.yaml:8:" in str(caught.value)
    assert "'waits' is new in callcoach.scenario/2" in str(caught.value)


def test_the_loop_tells_the_screens_when_the_caller_starts_and_stops_waiting() -> None:
    from simulator.engine.loop import CallerWaiting, CallLoop

    session = CallSession(load_scenario_text(SCENARIO, "stock.yaml"), mode="replay", seed=1)
    loop = CallLoop(session)
    loop.start(0.0)
    loop.tick(loop.caller_free_at)
    loop.take_events()
    start = loop.caller_free_at + 0.5
    loop.trainee_replied("少々お待ちください。", start, start + 2.0)
    assert loop.caller_waiting
    assert CallerWaiting(True) not in loop.take_events()  # 「はい、お願いします」 comes first
    loop.tick(loop.caller_free_at)
    assert CallerWaiting(True) in loop.take_events()
    start = loop.caller_free_at + 0.5
    loop.trainee_replied("お待たせしました。在庫がございます。", start, start + 3.0)
    assert CallerWaiting(False) in loop.take_events() and not loop.caller_waiting


def test_a_wait_say_on_a_turn_that_never_waits_is_a_warning(tmp_path: Path) -> None:
    text = SCENARIO.replace(
        "  - id: ask\n", '  - id: ask\n    waits: 0\n    wait_say: ["はい。"]\n'
    )
    path = tmp_path / "ja-test-stock.yaml"
    path.write_text(text, encoding="utf-8")
    problems = validate_paths([path])
    assert [p.severity for p in problems] == ["warning"]
    assert "never says its wait_say" in str(problems[0])
