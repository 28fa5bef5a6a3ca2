"""The caller's memory of its own questions: ``once`` turns are not asked again and
``asked`` conditions know which lines the caller has already said (issue 13)."""

from __future__ import annotations

from dataclasses import replace

from simulator.engine.conditions import Facts, holds
from simulator.engine.conversation import Conversation, Reply
from simulator.scenario.loader import load_scenario_text
from simulator.scenario.model import Branch, Condition, Turn
from tests.engine.fakes import fake_detect, sample_scenario


def _call() -> Conversation:
    scenario = sample_scenario()
    opening = replace(scenario.turns[0], branches=(), otherwise=Branch(Condition(), next="who"))
    who = Turn(
        id="who",
        say=("Who am I even talking to?",),
        once=True,
        skip_to="fix",
        otherwise=Branch(Condition(), next="detail"),
    )
    detail = Turn(
        id="detail",
        say=("So what happened to it?",),
        branches=(
            Branch(Condition(detected=("apology",), asked=("fix",)), next="thanks"),
            Branch(Condition(detected=("apology",)), next="who"),  # back to an old question
        ),
        otherwise=Branch(Condition(), next="hang-up"),
    )
    fix = Turn(
        id="fix",
        say=("And how will you fix it?",),
        otherwise=Branch(Condition(), next="detail"),
    )
    return Conversation(replace(scenario, turns=(opening, who, detail, fix)), fake_detect, seed=1)


def test_a_question_asked_once_is_not_asked_again() -> None:
    call = _call()
    call.opening()
    assert call.respond(Reply("Hello.")).lines[-1].text == "Who am I even talking to?"
    assert call.respond(Reply("I'm Sam.")).lines[-1].text == "So what happened to it?"
    step = call.respond(Reply("I'm sorry, it was lost."))  # leads back to `who`
    assert [line.text for line in step.lines] == ["And how will you fix it?"]  # skipped
    assert call.respond(Reply("A new one ships today.")).lines[-1].text == "So what happened to it?"
    step = call.respond(Reply("Sorry again, it was lost in transit."))
    assert step.ended == "resolved"  # `asked: [fix]` holds now


def test_asked_condition() -> None:
    assert holds(Condition(asked=("who",)), Facts(asked=frozenset({"who", "open"})))
    assert not holds(Condition(asked=("fix",)), Facts(asked=frozenset({"who"})))


def test_a_turn_leading_to_itself_still_repeats() -> None:
    call = _call()
    scenario = call.scenario
    who = replace(scenario.turn("who"), otherwise=Branch(Condition(), next="who"))
    turns = tuple(who if t.id == "who" else t for t in scenario.turns)
    call = Conversation(replace(scenario, turns=turns), fake_detect, seed=1)
    call.opening()
    call.respond(Reply("Hello."))
    assert call.respond(Reply("Hmm.")).lines[-1].text == "Who am I even talking to?"


def test_once_and_asked_load_from_a_file() -> None:
    scenario = load_scenario_text(
        """\
format: callcoach.scenario/2
id: en-test-once
title: Once
language: en
caller: {type: logical, name: Pat}
briefing: {situation: test}
turns:
  - id: open
    say: ["Hi."]
    once: true
    branches:
      - when: {asked: [open]}
        next: done
    otherwise: {next: done}
endings:
  done: {outcome: resolved}
  gone: {outcome: hung_up}
""",
        "en-test-once.yaml",
    )
    assert scenario.turns[0].once
    assert scenario.turns[0].branches[0].when.asked == ("open",)
