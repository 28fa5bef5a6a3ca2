"""The caller's reaction to a barge-in on the session record (virtual clock): stop —
the line cut where its audio stopped, the rest of the step dropped, the reply judged
as an interruption and the turn's protest said — or, on a cut-in, talk on."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from simulator.engine.loop import CallLoop
from simulator.engine.replay_steps import barge_in_on_clock
from simulator.engine.session import CallSession, Speech
from simulator.scenario.model import Branch, Condition, Scenario
from tests.engine.fakes import fake_detect, sample_scenario

PROTEST = "Hang on, I'm still talking."


def two_line_steps() -> Scenario:
    """``open`` answered without an apology: a reaction, then the ``order`` line;
    ``order`` protests when it is interrupted."""
    base = sample_scenario()
    opening, order, angrier = base.turns
    assert opening.otherwise is not None
    opening = replace(opening, otherwise=replace(opening.otherwise, say=("Not even a sorry?",)))
    protest = Branch(Condition(interrupted=True), next="angrier", mood=10, say=(PROTEST,))
    order = replace(order, branches=(protest, *order.branches))
    return replace(base, turns=(opening, order, angrier))


def at(t: float) -> float:
    return round(t, 3)  # times on the record are kept to the millisecond


def lines(session: CallSession, first: int = 0) -> list[Speech]:
    """The caller lines of the record from utterance ``first`` on, as planned."""
    return [
        Speech(i, u["turn"], u["text"], u["start"], u["end"], 0, bool(u.get("cut_in")))
        for i, u in enumerate(session.record["utterances"])
        if u["speaker"] == "customer" and i >= first
    ]


def loop_of(scenario: Scenario) -> tuple[CallLoop, Speech]:
    loop = CallLoop(CallSession(scenario, mode="replay", detector=fake_detect, seed=1))
    loop.start(0.0)
    return loop, lines(loop.session)[0]


def session_after_reaction() -> tuple[CallLoop, list[Any]]:
    loop, opening = loop_of(two_line_steps())
    loop.trainee_replied("Hello, this is Sam.", opening.end + 0.5, opening.end + 2.0)
    step = lines(loop.session, 2)
    assert [s.turn for s in step] == ["open", "order"]
    return loop, step


def test_stopping_cuts_the_line_drops_the_rest_and_draws_the_protest() -> None:
    loop, (reaction, order) = session_after_reaction()
    session = loop.session
    onset, confirmed = at(reaction.start + 0.1), at(reaction.start + 0.32)
    assert session.barge_in_reaction(reaction.index) == "stop"
    assert barge_in_on_clock(loop, onset, confirmed)
    utterances = session.record["utterances"]
    cut, dropped = utterances[reaction.index], utterances[order.index]
    assert (cut["end"], cut["planned_end"]) == (confirmed, round(reaction.end, 3))
    assert dropped["dropped"] is True and dropped["start"] == dropped["end"] == confirmed
    barge = [e for e in session.record["events"] if e["kind"] == "barge_in"]
    assert barge == [
        {
            "t": confirmed,
            "kind": "barge_in",
            "turn": "open",
            "onset": onset,
            "reaction": "stop",
            "dropped": [order.index],
        }
    ]
    assert loop.caller_free_at == confirmed  # the caller fell silent at the stop
    # the reply is judged against the line it cut (as planned), not the dropped one
    loop.trainee_replied("Listen, I can explain all of it.", onset, onset + 2.5)
    answer = lines(session, order.index + 2)
    assert any(e["kind"] == "interruption" for e in session.record["events"])
    assert answer[0].text == PROTEST
    assert answer[1].turn == "angrier" and answer[0].start == pytest.approx(onset + 2.5 + 0.6)


def test_a_second_barge_in_on_a_cut_line_changes_nothing_said() -> None:
    loop, (reaction, _) = session_after_reaction()
    session = loop.session
    session.barge_in(
        reaction.index,
        reaction.start + 0.1,
        reaction.start + 0.3,
        stopped=reaction.start + 0.3,
    )
    before = [dict(u) for u in session.record["utterances"]]
    session.barge_in(
        reaction.index, reaction.start + 0.4, reaction.start + 0.6, stopped=reaction.start + 0.6
    )
    assert session.record["utterances"] == before


def test_the_caller_talks_through_its_own_cut_in() -> None:
    loop, opening = loop_of(sample_scenario())
    session = loop.session
    loop.trainee_replied("well " * 60, opening.end + 0.5, opening.end + 20.5)
    cut_in = lines(session, 1)[0]
    assert cut_in.cut_in and session.barge_in_reaction(cut_in.index) == "talk_over"
    free = loop.caller_free_at
    onset = cut_in.start + 0.2
    assert barge_in_on_clock(loop, onset, onset + 0.22)
    planned = [dict(u) for u in session.record["utterances"]]
    loop.tick(free)
    assert session.record["utterances"] == planned  # every line is said as planned
    assert loop.caller_free_at == free
    event = session.record["events"][-1]
    assert (event["kind"], event["reaction"], "dropped" in event) == (
        "barge_in",
        "talk_over",
        False,
    )


def test_a_barge_in_when_the_caller_is_silent_is_nothing() -> None:
    loop, (_, order) = session_after_reaction()
    assert not barge_in_on_clock(loop, order.end + 2.0, order.end + 2.2)
    assert not [e for e in loop.session.record["events"] if e["kind"] == "barge_in"]
