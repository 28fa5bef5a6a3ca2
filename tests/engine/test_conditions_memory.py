"""Richer branch conditions (hold, repeats, time, earlier events, pace, any/all/not),
the caller's memory (``told``, ``unless_told``) and per-variant model answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from simulator.engine.conditions import Facts, holds
from simulator.engine.conversation import Conversation, Reply
from simulator.scenario.model import Branch, Condition, KeyPhrase, Turn
from tests.engine.fakes import fake_detect, sample_scenario


def test_hold_length_conditions() -> None:
    assert holds(Condition(hold_over=30), Facts(held=31.0))
    assert not holds(Condition(hold_over=30), Facts(held=30.0))
    assert holds(Condition(hold_under=30), Facts(held=12.0))
    assert not holds(Condition(hold_under=30), Facts(held=0.0))  # no hold at all


def test_repeats_elapsed_and_pace() -> None:
    assert holds(Condition(repeats=2), Facts(repeats=2))
    assert not holds(Condition(repeats=2), Facts(repeats=1))
    assert holds(Condition(after=120), Facts(at=121.5))
    assert not holds(Condition(after=120), Facts(at=None))  # no clock: never
    assert holds(Condition(faster_than_caller=True), Facts(faster=True))
    assert holds(Condition(faster_than_caller=False), Facts(faster=False))
    assert not holds(Condition(faster_than_caller=False), Facts(faster=None))  # not measured


def test_any_all_not_combine_said_and_detected() -> None:
    either = Condition(any=(Condition(said=("order",)), Condition(detected=("confirmation",))))
    assert holds(either, Facts(said=frozenset({"order"})))
    assert holds(either, Facts(categories=frozenset({"confirmation"})))
    assert not holds(either, Facts(categories=frozenset({"apology"})))
    both = Condition(all=(Condition(detected=("apology",)), Condition(mood_below=60)))
    assert holds(both, Facts(categories=frozenset({"apology"}), mood=50))
    assert not holds(both, Facts(categories=frozenset({"apology"}), mood=70))
    negated = Condition(not_=Condition(earlier=("interruption",)))
    assert holds(negated, Facts())
    assert not holds(negated, Facts(earlier=frozenset({"interruption"})))


def _with_open_branches(*branches: Branch) -> Conversation:
    scenario = sample_scenario()
    first = replace(scenario.turns[0], branches=branches)
    scenario = replace(scenario, turns=(first, *scenario.turns[1:]))
    return Conversation(scenario, fake_detect, seed=1)


def test_the_conversation_counts_repeats_and_holds() -> None:
    call = _with_open_branches(
        Branch(Condition(repeats=1), next="order", mood=-5),
        Branch(Condition(hold_over=30), next="angrier"),
        Branch(Condition(), next="open", mood=5),  # the caller says the line again
    )
    call.opening()
    call.note_hold(45.0)
    assert call.respond(Reply("hm")).lines[-1].turn == "angrier"

    call = _with_open_branches(
        Branch(Condition(repeats=1), next="order", mood=-5),
        Branch(Condition(), next="open", mood=5),
    )
    call.opening()
    assert call.respond(Reply("hm")).lines[-1].turn == "open"  # said once: no repeat yet
    assert call.respond(Reply("hm")).lines[-1].turn == "order"  # repeated once


def test_earlier_sees_what_happened_in_previous_replies_only() -> None:
    call = _with_open_branches(
        Branch(Condition(earlier=("interruption", "apology")), next="order"),
        Branch(Condition(), next="open"),
    )
    call.opening()
    assert call.respond(Reply("sorry", interrupted=True)).lines[-1].turn == "open"
    assert call.respond(Reply("hm")).lines[-1].turn == "order"


def test_elapsed_time_comes_from_the_reply() -> None:
    call = _with_open_branches(Branch(Condition(after=120), next="angrier"))
    call.opening()
    assert call.respond(Reply("hm", at=130.0)).lines[-1].turn == "angrier"


def _memory_scenario() -> Conversation:
    """open (mentions `no_return`?) → ask (skipped once no_return was told) → order."""
    scenario = sample_scenario()
    opening = replace(
        scenario.turns[0],
        branches=(Branch(Condition(told=("no_return",)), next="ask", mood=-10),),
        otherwise=Branch(Condition(), next="ask"),
    )
    ask = Turn(
        id="ask",
        say=("You're not making me send it back, are you?",),
        key_phrases=(KeyPhrase("no_return", ("no need to return",)),),
        unless_told=("no_return",),
        skip_to="order",
        otherwise=Branch(Condition(), next="order"),
    )
    turns = (opening, ask, *scenario.turns[1:])
    return Conversation(replace(scenario, turns=turns), fake_detect, seed=1)


def test_told_remembers_a_key_phrase_given_on_another_turn() -> None:
    call = _memory_scenario()
    call.opening()
    step = call.respond(Reply("I'm sorry, and there is no need to return it."))
    assert call.told == {"no_return"}
    assert step.mood_after == 60  # the `told` branch matched
    assert [line.text for line in step.lines] == ["It's order 4711."]  # `ask` skipped
    assert call.turn.id == "order"


def test_a_turn_is_asked_when_the_fact_was_not_given() -> None:
    call = _memory_scenario()
    call.opening()
    step = call.respond(Reply("I'm sorry."))
    assert [line.text for line in step.lines] == ["You're not making me send it back, are you?"]
    step = call.respond(Reply("There is no need to return it."))
    assert call.told == {"no_return"} and call.turn.id == "order"


def test_model_answer_follows_the_variant_said() -> None:
    scenario = sample_scenario()
    first = replace(
        scenario.turns[0], model_answer="default", model_answers=("for parcel", "for never")
    )
    for seed in range(6):
        call = Conversation(
            replace(scenario, turns=(first, *scenario.turns[1:])), fake_detect, seed=seed
        )
        line = call.opening().text
        expected = "for parcel" if line == "Where is my parcel?" else "for never"
        assert call.model_answer == expected == first.answer_for(line)
    assert first.answer_for("a line not in say") == "default"


TIMED = """format: callcoach.scenario/1
id: en-test-timed
title: Timed
language: en
caller: {type: angry, name: Pat}
briefing: {situation: A parcel is late.}
endings:
  waited: {outcome: escalated, say: ["I waited ages."]}
  rushed: {outcome: hung_up, say: ["Slow down!"]}
  done: {outcome: resolved, say: ["Fine."]}
turns:
  - id: open
    say: ["Where is my parcel?"]
    branches:
      - when: {hold_over: 20}
        next: waited
      - when: {faster_than_caller: true}
        next: rushed
    otherwise: {next: done}
"""


@pytest.fixture
def no_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the caller's branch matters here; the score card is tested elsewhere."""
    monkeypatch.setattr("simulator.engine.session.CallSession._score", lambda self: {"total": 0})


def _replayed(*replies: dict[str, object]) -> str | None:
    from simulator.engine.replay import parse_replay, run_replay
    from simulator.scenario.loader import load_scenario_text

    data = {"format": "callcoach.replay/1", "seed": 1, "replies": list(replies)}
    script = parse_replay(data, lambda key: f"test:{key}", None)
    return run_replay(load_scenario_text(TIMED), script).outcome


def test_a_replayed_hold_and_a_measured_pace_reach_the_conditions(no_scoring: None) -> None:
    said = "I am so sorry, let me look into where your parcel is right now for you."
    assert _replayed({"hold": 25}, {"text": said}) == "escalated"
    assert _replayed({"hold": 5}, {"text": said}) == "resolved"
    assert _replayed({"text": said, "duration": 1.5}) == "hung_up"  # 16 words in 1.5 s
    assert _replayed({"text": said, "duration": 8.0}) == "resolved"
    assert _replayed({"text": said}) == "resolved"  # no duration: estimated, not measured


def test_earlier_tells_a_real_hold_from_the_hold_phrase() -> None:
    call = _with_open_branches(
        Branch(Condition(earlier=("held",)), next="order"),
        Branch(Condition(), next="open"),
    )
    call.opening()
    assert call.respond(Reply("hm")).lines[-1].turn == "open"
    call.note_hold(10.0)
    assert call.respond(Reply("hm")).lines[-1].turn == "order"
