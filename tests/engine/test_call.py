"""The call on a clock: timing, interruptions, cut-ins, holds, silence, recording."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.engine.session import CallSession
from tests.engine.fakes import fake_detect, sample_scenario


class ListSink:
    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    def session_started(self, header: dict[str, Any]) -> None:
        self.calls.append(("start", header["scenario"]["id"]))

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self.calls.append(("utterance", index))

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self.calls.append(("updated", index))

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        self.calls.append(("event", event["kind"]))

    def session_finished(self, session_id: str, outcome: str, scorecard: Any) -> None:
        self.calls.append(("finish", outcome))


@pytest.fixture
def no_scoring(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests are about timing; the score card is tested with the real scorer elsewhere."""
    monkeypatch.setattr("simulator.engine.session.CallSession._score", lambda self: {"total": 0})


def session(sink: ListSink | None = None) -> CallSession:
    return CallSession(
        sample_scenario(), mode="replay", detector=fake_detect, seed=1, sinks=[sink] if sink else []
    )


def test_caller_lines_are_placed_at_speaking_pace(no_scoring: None) -> None:
    call = session()
    (opening,) = call.start(0.0)
    assert opening.start == 0.0
    words = len(opening.text.split())
    assert opening.end == pytest.approx(words / (165 * 1.06 / 60), abs=0.01)


def test_reply_before_the_caller_ends_is_an_interruption(no_scoring: None) -> None:
    call = session()
    (opening,) = call.start(0.0)
    call.reply("Well the thing is", opening.end - 1.0, opening.end + 1.0)
    kinds = [e["kind"] for e in call.record["events"]]
    assert "interruption" in kinds
    assert call.conversation.turn.id == "angrier"


def test_short_overlap_is_not_an_interruption(no_scoring: None) -> None:
    call = session()
    (opening,) = call.start(0.0)
    call.reply("I'm sorry", opening.end - 0.1, opening.end + 1.0)
    assert "interruption" not in [e["kind"] for e in call.record["events"]]


def test_next_line_follows_the_reply_after_a_pause(no_scoring: None) -> None:
    call = session()
    (opening,) = call.start(0.0)
    (answer,) = call.reply("I'm sorry", opening.end + 0.5, opening.end + 2.0)
    assert answer.start == pytest.approx(opening.end + 2.0 + 0.6)
    assert answer.text == "It's order 4711."


def test_long_reply_gets_a_scripted_cut_in(no_scoring: None) -> None:
    call = session()
    (opening,) = call.start(0.0)
    start = opening.end + 0.5
    speeches = call.reply("I'm sorry " * 30, start, start + 20.0)
    cut = speeches[0]
    assert cut.cut_in and cut.start == pytest.approx(start + 8.0)
    utterance = call.record["utterances"][cut.index]
    assert utterance["cut_in"] is True and utterance["speaker"] == "customer"
    assert speeches[1].start > start + 20.0


def test_hold_within_patience_is_fine_and_too_long_is_not(no_scoring: None) -> None:
    call = session()
    call.start(0.0)
    assert call.hold(5.0, 30.0) == []
    assert call.mood == 70
    (line,) = call.hold(40.0, 75.0)
    assert line.text == "Finally!" and call.mood == 85
    kinds = [e["kind"] for e in call.record["events"]]
    assert kinds.count("hold_start") == 2 and kinds.count("hold_end") == 2


def test_every_utterance_and_event_reaches_the_sink_as_it_happens(no_scoring: None) -> None:
    sink = ListSink()
    call = session(sink)
    (opening,) = call.start(0.0)
    assert sink.calls[:3] == [("start", "en-test-parcel"), ("event", "mood"), ("utterance", 0)]
    call.reply("Please calm down", opening.end + 0.5, opening.end + 2.0)
    assert sink.calls[-1] == ("finish", "hung_up")
    assert call.record["outcome"] == "hung_up"
    assert call.scorecard == {"total": 0}


def test_silence_then_hang_up(no_scoring: None) -> None:
    call = session()
    t = call.start(0.0)[-1].end
    while call.outcome is None:
        t = max([t + 5.0, *(s.end for s in call.silence(t + 5.0))])
    assert call.outcome == "hung_up"
    assert [e["kind"] for e in call.record["events"]].count("silence") == 3


def test_abandon_marks_the_outcome(no_scoring: None) -> None:
    call = session()
    call.start(0.0)
    call.abandon(3.0)
    assert call.outcome == "abandoned"
    assert call.record["events"][-1] == {"t": 3.0, "kind": "end", "outcome": "abandoned"}
