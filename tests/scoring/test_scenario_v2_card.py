"""What format /2 changes on the score card (issue 13): optional key phrases earn and
never lose, the scenario's own phrases to avoid cost what the trainer set and are cited
with the trainer's note, and the expected outcome is the right landing. The last test
plays a /2 scenario through run_replay with a trainee name."""

from __future__ import annotations

from typing import Any

from scoring.card import score_session
from simulator.engine.replay import parse_replay, run_replay
from simulator.scenario.loader import load_scenario_text
from tests.scoring.helpers import record, utt

AVOID = [{"alternatives": ["probably", "I guess"], "cost": 30, "note": "Say 'I'll check'."}]


def guide(**extra: Any) -> dict[str, Any]:
    turn = {
        "expects": [],
        "key_phrases": {"order": ["58213"], "thanks": ["thank you for calling"]},
        "optional_key_phrases": ["thanks"],
        "avoid_phrases": {},
        "model_answer": None,
    }
    return {"turns": {"t": turn}, **extra}


def card(trainee_lines: list[str], outcome: str = "resolved", **extra: Any) -> dict[str, Any]:
    utterances, t = [], 0.0
    for line in trainee_lines:
        utterances.append(utt("customer", t, t + 2, "Where is my parcel?"))
        utterances.append(utt("trainee", t + 2.5, t + 5, line))
        t += 6
    return score_session(record(utterances, outcome=outcome, guide=guide(**extra)))


def item(scorecard: dict[str, Any], check: str) -> dict[str, Any]:
    for dimension in scorecard["dimensions"].values():
        for entry in dimension["items"]:
            if entry["check"] == check:
                return dict(entry)
    raise AssertionError(check)


def notes(entry: dict[str, Any]) -> list[str]:
    return [e["note"] for e in entry["evidence"]]


def test_an_optional_key_phrase_earns_when_said_and_costs_nothing_when_not() -> None:
    without = item(card(["I'm sorry. Order 58213, is that right?"]), "key_facts")
    assert notes(without) == ["key:order"]
    assert without["earned"] == without["points"]
    said = card(["I'm sorry. Order 58213, is that right? Thank you for calling."])
    assert sorted(notes(item(said, "key_facts"))) == ["key:order", "key:thanks"]


def test_a_required_key_phrase_still_costs_when_missing() -> None:
    missing = item(card(["I'm sorry about that."]), "key_facts")
    assert [n.split(":")[0] for n in notes(missing)] == ["no_key"]
    assert missing["earned"] == 0


def test_a_scenario_avoid_phrase_costs_its_share_and_cites_the_note() -> None:
    clean = item(card(["I'm sorry, it will arrive on Monday."], avoid=AVOID), "no_ng_phrases")
    scored = card(["I'm sorry, it will probably arrive on Monday."], avoid=AVOID)
    hit = item(scored, "no_ng_phrases")
    assert clean["earned"] == clean["points"]
    assert hit["earned"] == round(hit["points"] * 0.7, 1)
    assert any(n.startswith("avoid_scenario:0:") for n in notes(hit))
    messages = [f["message"] for f in scored["feedback"]]
    assert any("probably" in m and "Say 'I'll check'." in m for m in messages), messages


def test_an_avoid_phrase_without_a_cost_weighs_like_an_ng_phrase() -> None:
    avoid = [{"alternatives": ["probably"]}]
    hit = item(card(["It will probably arrive."], avoid=avoid), "no_ng_phrases")
    assert hit["earned"] == round(hit["points"] * 0.5, 1)


def test_the_expected_outcome_is_the_right_landing() -> None:
    lines = ["I'm sorry. Order 58213, is that right?"]
    escalated_expected = item(card(lines, "escalated", expected_outcome="escalated"), "outcome")
    escalated_unexpected = item(card(lines, "escalated"), "outcome")
    resolved_unexpected = item(card(lines, "resolved", expected_outcome="escalated"), "outcome")
    assert escalated_expected["earned"] == escalated_expected["points"]
    assert escalated_unexpected["earned"] == escalated_expected["points"] / 2
    assert resolved_unexpected["earned"] == escalated_expected["points"] / 2


SCENARIO = """\
format: callcoach.scenario/2
id: en-test-v2-replay
title: A handover that is the right landing
language: en
company: Northwind
expected_outcome: escalated
avoid:
  - {phrase: probably, cost: 40, note: "Say you will check instead."}
caller: {type: logical, name: Pat Lee}
briefing: {situation: A refund only a supervisor may approve.}
turns:
  - id: open
    say: ["Is this {company}? I want my refund approved today."]
    expects: [apology]
    key_phrases:
      name: {alternatives: ["{trainee}"], optional: true}
    model_answer: "I'm sorry for the wait. My name is {trainee}, and I'll ask my supervisor."
    otherwise: {next: handover}
endings:
  handover: {outcome: escalated, say: ["Fine, {trainee}. Put your supervisor on."]}
  gone: {outcome: hung_up}
"""


def test_a_version_2_call_through_run_replay() -> None:
    scenario = load_scenario_text(SCENARIO)
    replies = {
        "replies": [
            {"text": "I'm sorry. My name is Kim. It is probably approved, I'll ask my supervisor."}
        ]
    }
    script = parse_replay(replies, lambda key: "replay", None)
    session = run_replay(scenario, script, trainee="Kim")
    said = [u["text"] for u in session.record["utterances"] if u["speaker"] == "customer"]
    assert said[0] == "Is this Northwind? I want my refund approved today."
    assert said[-1] == "Fine, Kim. Put your supervisor on."
    guide = session.record["guide"]
    assert guide["turns"]["open"]["model_answer"].startswith(
        "I'm sorry for the wait. My name is Kim"
    )
    assert guide["expected_outcome"] == "escalated"
    scorecard = session.scorecard
    assert scorecard is not None and session.record["outcome"] == "escalated"
    assert item(scorecard, "outcome")["earned"] == item(scorecard, "outcome")["points"]
    assert "key:name" in notes(item(scorecard, "key_facts"))
    ng = item(scorecard, "no_ng_phrases")
    assert ng["earned"] == round(ng["points"] * 0.6, 1)
    assert any("Say you will check instead." in f["message"] for f in scorecard["feedback"])
