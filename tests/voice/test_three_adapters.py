"""One scripted conversation through the three input adapters of the CallLoop — text
(the TUI with a virtual keyboard clock), voice (the live driver on a virtual duplex
device, the replies spoken as WAV audio, VAD and sphinx) and replay — gives the same
turns, events and outcome, and the same score within a tolerance (recognition and VAD
timing are not typing)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from scoring import score_session
from simulator.audio.types import Audio, read_wav
from simulator.engine.replay import ReplayScript, TextReply, run_replay
from simulator.engine.session import CallSession
from simulator.scenario.library import ScenarioLibrary
from simulator.scenario.model import Scenario
from simulator.voice.driver import VoiceCall
from tests.voice.conftest import speak_to_wav
from tests.voice.fakes import FrameClock, QueueSpeaker, ScriptedDevice, ToneVoice, Updates

SCENARIO = "en-angry-wrong-colour"
REPLIES = (
    "I'm so sorry, for the wait and for sending the wrong colour. "
    "With the wedding ten days away, I can imagine how stressful this is.",
    "Thank you. Just to confirm, your order is four four seven one nine for Jess Morgan?",
)
AFTER = 0.6  # each reply starts this long after the caller's line ended
SCORE_TOLERANCE = 12


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return ScenarioLibrary().resolve(SCENARIO)


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> list[Audio]:
    folder = tmp_path_factory.mktemp("three")
    return [read_wav(speak_to_wav(text, folder / f"{i}.wav")) for i, text in enumerate(REPLIES)]


def by_replay(scenario: Scenario, spoken: list[Audio], sphinx: Any) -> dict[str, Any]:
    replies = tuple(
        TextReply(text, AFTER, audio.duration, "test")
        for text, audio in zip(REPLIES, spoken, strict=True)
    )
    return run_replay(scenario, ReplayScript(None, 1, replies)).record


def by_voice(scenario: Scenario, spoken: list[Audio], sphinx: Any) -> dict[str, Any]:
    from simulator.voice.updates import CallEnded

    session = CallSession(scenario, mode="voice", seed=1)
    clock = FrameClock()
    speaker = QueueSpeaker(clock)
    updates = Updates()
    steps: list[Any] = []
    for number, audio in enumerate(spoken, 1):
        steps += [("caller", number), ("silence", AFTER), ("audio", audio), ("silence", 0.9)]
    steps.append(("ended", CallEnded))
    device = ScriptedDevice(clock, speaker, updates, steps)
    call = VoiceCall(session, ToneVoice(), speaker, device, clock, sphinx, updates)
    try:
        call.start()
        assert call.listener is not None and call.listener.join(120)
        call.worker.call(lambda loop: None)
    finally:
        call.close()
    return session.record


def by_text(scenario: Scenario, spoken: list[Audio], sphinx: Any, tmp_path: Path) -> dict[str, Any]:
    import asyncio

    from tests.tui.fakes import make_app
    from tests.tui.pilot_helpers import at, settle, type_text

    h = make_app(tmp_path, scenario=scenario)
    sessions: list[CallSession] = []

    def real(scenario: Scenario, options: Any, sinks: Any) -> CallSession:
        sessions.append(CallSession(scenario, mode="text", seed=1, sinks=sinks))
        return sessions[-1]

    h.app.services.session_factory = real

    async def run() -> None:
        from simulator.tui.screens.call import CallScreen

        async with h.app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await pilot.press("s")
            await settle(pilot)
            await at(pilot, h.clock, 0.0)
            for text in REPLIES:
                session = sessions[0]
                last = session.record["utterances"][-1]
                await at(pilot, h.clock, last["end"] + AFTER)
                await type_text(pilot, text)  # committed at once, like an IME
                await at(pilot, h.clock, last["end"] + AFTER + 2.0)
                await pilot.press("enter")
                await settle(pilot)
            for _ in range(200):
                if not isinstance(pilot.app.screen, CallScreen):
                    break
                await at(pilot, h.clock, h.clock.now() + 0.5)

    asyncio.run(run())
    return sessions[0].record


def shape(record: dict[str, Any]) -> tuple[Any, ...]:
    """The turns the call went through, its events and its outcome. (Not every caller
    line: sphinx hears "…seven one nine" as "…seven one i", and a turn may add a
    reaction line — "Did you get that?" — to a key phrase it missed.)"""
    turns = [u["turn"] for u in record["utterances"] if u["speaker"] == "customer"]
    visited = [turn for i, turn in enumerate(turns) if i == 0 or turns[i - 1] != turn]
    kinds = Counter(e["kind"] for e in record["events"] if e["kind"] != "mood")
    return tuple(visited), kinds, record["outcome"]


def test_text_voice_and_replay_give_the_same_call(
    scenario: Scenario, spoken: list[Audio], sphinx: Any, tmp_path: Path
) -> None:
    records = {
        "replay": by_replay(scenario, spoken, sphinx),
        "text": by_text(scenario, spoken, sphinx, tmp_path),
        "voice": by_voice(scenario, spoken, sphinx),
    }
    shapes = {mode: shape(record) for mode, record in records.items()}
    assert shapes["text"] == shapes["replay"], shapes
    heard = [u["text"] for u in records["voice"]["utterances"] if u["speaker"] == "trainee"]
    assert shapes["voice"] == shapes["replay"], (shapes, heard)
    totals = {mode: score_session(record)["total"] for mode, record in records.items()}
    assert max(totals.values()) - min(totals.values()) <= SCORE_TOLERANCE, totals
    # the replies are placed alike: each starts about AFTER after the caller's line
    for mode, record in records.items():
        utterances = record["utterances"]
        for index, utterance in enumerate(utterances):
            if utterance["speaker"] == "trainee":
                gap = utterance["start"] - utterances[index - 1]["end"]
                assert gap == pytest.approx(AFTER, abs=0.35), (mode, index, gap)
