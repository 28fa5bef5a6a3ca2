"""The call loop on a virtual clock: silence, text-mode timing, holds, the time limit."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest

from scoring import score_session
from simulator.engine.loop import CallEnded, CallLoop, LineFinished, LineStarted
from simulator.engine.session import CallSession
from simulator.scenario.library import ScenarioLibrary
from tests.engine.fakes import fake_detect, sample_scenario

JA = "ja-angry-late-delivery"


def ja_loop(**options: Any) -> CallLoop:
    scenario = ScenarioLibrary().resolve(JA)
    loop = CallLoop(CallSession(scenario, mode="text", seed=1), **options)
    loop.start(0.0)
    return loop


def events(loop: CallLoop, kind: str) -> list[dict[str, Any]]:
    return [e for e in loop.session.record["events"] if e["kind"] == kind]


def test_a_silent_trainee_in_text_mode_is_scored_for_the_silence() -> None:
    loop = ja_loop()
    loop.tick(600.0)
    assert loop.outcome == "hung_up" and len(events(loop, "silence")) == 3
    card = score_session(loop.session.record)
    assert card["metrics"]["silences"], "silences are measured in text mode"
    pacing = card["dimensions"]["pacing"]
    assert pacing["score"] is not None
    assert any("沈黙" in f["message"] or "秒" in f["message"] for f in card["feedback"])
    assert "speech_rate" in card["metrics"]["not_measured"]


def test_an_ime_commit_over_the_caller_is_an_interruption() -> None:
    """The whole phrase arrives at once (IME commit or paste) while the caller is
    mid-line and is sent 0.1 s later: it starts at the commit and lasts as long as
    saying it takes, so it talks over the caller."""
    loop = ja_loop()
    opening = loop.session.record["utterances"][0]
    commit = opening["end"] - 2.0
    loop.tick(commit)
    assert loop.trainee_started(commit)  # over the caller
    text = "お待たせして申し訳ございません"
    spoken = loop.spoken_seconds(text)
    loop.trainee_replied(text, commit, commit + spoken, answer_after=commit + 0.1)
    assert events(loop, "interruption")
    card = score_session(loop.session.record)
    assert [i["kind"] for i in card["metrics"]["interruptions"]] == ["interruption"]


def test_the_answer_waits_for_the_caller_to_finish() -> None:
    loop = CallLoop(CallSession(sample_scenario(), mode="text", detector=fake_detect, seed=1))
    loop.start(0.0)
    loop.tick(0.5)
    loop.trainee_replied("I'm sorry", 0.5, 1.0, answer_after=1.0)  # over the caller
    loop.tick(60.0)
    customers = [u for u in loop.session.record["utterances"] if u["speaker"] == "customer"]
    for before, after in pairwise(customers):
        assert after["start"] >= before["end"], (before, after)


def test_a_hold_stops_the_caller_and_the_rest_is_said_after_it() -> None:
    loop = CallLoop(CallSession(sample_scenario(), mode="text", detector=fake_detect, seed=1))
    loop.start(0.0)
    line = loop.session.record["utterances"][0]
    whole, middle = line["text"], (line["start"] + line["end"]) / 2
    loop.tick(middle)
    loop.take_events()
    loop.hold(middle)
    [finished] = loop.take_events()
    assert isinstance(finished, LineFinished) and finished.cut and finished.at == middle
    loop.tick(middle + 10.0)
    assert loop.take_events() == []  # the caller says nothing while on hold
    loop.unhold(middle + 12.0)
    loop.tick(middle + 30.0)
    utterances = loop.session.record["utterances"]
    cut, rest = utterances[0], utterances[1]
    assert cut["held"] and cut["end"] == round(middle, 3)
    assert rest["resumes"] == 0 and cut["text"] + rest["text"] == whole
    assert rest["start"] >= middle + 12.0
    hold = [e["t"] for e in loop.session.record["events"] if e["kind"].startswith("hold")]
    assert hold == [round(middle, 3), round(middle + 12.0, 3)]
    silences = [e["t"] for e in loop.session.record["events"] if e["kind"] == "silence"]
    assert all(t > middle + 12.0 for t in silences)  # no silence prompt during the hold


@pytest.mark.parametrize(("seconds", "credit"), [(20.0, 1.0), (60.0, 0.5), (120.0, 0.0)])
def test_hold_length_is_graded_and_told_on_the_turn_of_the_hold(
    seconds: float, credit: float
) -> None:
    from scoring.checks_talk import hold_credit

    assert hold_credit(seconds, 30.0, 60.0) == credit
    loop = ja_loop()
    opening = loop.session.record["utterances"][0]
    loop.trainee_replied("少々お待ちください。", opening["end"] + 1, opening["end"] + 2.5)
    at = loop.caller_free_at + 1.0
    loop.hold(at)
    loop.unhold(at + seconds)
    card = score_session(loop.session.record)
    notes = [
        e["note"]
        for d in card["dimensions"].values()
        for item in d["items"]
        if item["check"] == "hold_etiquette"
        for e in item["evidence"]
    ]
    assert ("hold_length_ok" in notes) == (credit == 1.0)
    if credit < 1.0:
        [told] = [f for f in card["feedback"] if "保留が30秒" in f["message"]]
        assert told["turn"] == events(loop, "hold_start")[0]["turn"]


def test_the_time_limit_cuts_a_hold_and_ends_the_call() -> None:
    loop = ja_loop(time_limit=40.0)
    loop.hold(20.0)
    loop.tick(45.0)
    assert loop.timed_out and loop.outcome == "abandoned"
    kinds = [(e["kind"], e["t"]) for e in loop.session.record["events"]][-4:]
    assert kinds == [("hold_start", 20.0), ("hold_end", 40.0), ("time_up", 40.0), ("end", 40.0)]
    assert any(isinstance(e, CallEnded) and e.timed_out for e in loop.take_events())


def test_lines_start_on_the_clock_and_report_their_times() -> None:
    loop = CallLoop(CallSession(sample_scenario(), mode="text", detector=fake_detect, seed=1))
    loop.start(0.0)
    [started] = [e for e in loop.take_events() if isinstance(e, LineStarted)] or [None]
    assert started is None  # said on the clock, not at planning time
    loop.tick(0.0)
    [started] = [e for e in loop.take_events() if isinstance(e, LineStarted)]
    assert started.speech.start == 0.0 and loop.caller_speaking(0.1)
