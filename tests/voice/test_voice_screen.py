"""The voice call screen (Pilot): a fake voice factory runs the real driver on the
virtual duplex device with espeak-ng speech and the real sphinx."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from simulator.audio import AudioError
from simulator.audio.types import Audio, read_wav
from simulator.i18n import t
from simulator.scenario.library import ScenarioLibrary
from simulator.tui.app import CallCoachApp
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.screens.voice_call import VoiceCallScreen
from simulator.tui.services import CallOptions, Services
from simulator.tui.widgets.mic_level import MicLevel
from simulator.tui.widgets.transcript_line import TranscriptLine
from simulator.tui.widgets.voice_state import VoiceState
from simulator.voice.driver import VoiceCall
from simulator.voice.updates import BargedIn, DeviceLost, Heard
from simulator.voice.updates import MicLevel as Level
from tests.tui.pilot_helpers import run_async
from tests.voice.conftest import speak_to_wav
from tests.voice.fakes import FrameClock, QueueSpeaker, ScriptedDevice, Step, ToneVoice, Updates

SCENARIO = "en-angry-wrong-colour"
SORRY = "I'm so sorry for sending the wrong colour. With the wedding ten days away, I understand."


@pytest.fixture(scope="module")
def sorry(tmp_path_factory: pytest.TempPathFactory) -> Audio:
    return read_wav(speak_to_wav(SORRY, tmp_path_factory.mktemp("screen") / "sorry.wav"))


@dataclass
class FakeLive:
    call: VoiceCall
    asr_reason: str = "speech recognition: sphinx (test)"
    closed: bool = False

    def start(self) -> None:
        self.call.start()

    def close(self) -> None:
        self.closed = True
        self.call.close()


@dataclass
class Harness:
    app: CallCoachApp
    clock: FrameClock
    updates: Updates
    lives: list[FakeLive] = field(default_factory=list)


def make_harness(
    tmp_path: Path, sphinx: Any, steps: list[Step], problem: str | None = None
) -> Harness:
    clock = FrameClock()
    updates = Updates()

    def factory(
        scenario: Any, options: Any, new_session: Callable[[], Any], clock_: Any, notify: Any
    ) -> FakeLive:
        if problem is not None:
            raise AudioError(problem)
        speaker = QueueSpeaker(clock)
        device = ScriptedDevice(clock, speaker, updates, steps)

        def both(update: Any) -> None:
            updates(update)
            notify(update)

        call = VoiceCall(new_session(), ToneVoice(), speaker, device, clock, sphinx, both)
        harness.lives.append(FakeLive(call))
        return harness.lives[-1]

    services = Services(
        library=ScenarioLibrary(),
        clock_factory=lambda: clock,
        voice_factory=factory,
        settings_path=tmp_path / "tui.json",
    )
    scenario = ScenarioLibrary().resolve(SCENARIO)
    app = CallCoachApp(services, CallOptions(seed=1), scenario=scenario, cursor_blink=False)
    harness = Harness(app, clock, updates)
    return harness


async def until(pilot: Pilot[Any], updates: Updates, ready: Callable[[Updates], bool]) -> None:
    """Waits (off the UI thread) for the call to get there, then lets the screen catch up."""
    await asyncio.to_thread(updates.wait_for, ready)
    for _ in range(3):
        await pilot.pause()


async def start_voice_call(pilot: Pilot[Any]) -> VoiceCallScreen:
    await pilot.pause()
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("v")
    shown = str(pilot.app.screen.query_one("#input-options").render())
    assert t("briefing.input_voice") in shown, shown
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, VoiceCallScreen)
    return screen


def lines(screen: Any) -> list[tuple[str, str]]:
    return [(line.speaker, line.said) for line in screen.query(TranscriptLine)]


@run_async
async def test_a_voice_call_shows_levels_state_transcript_and_barge_in(
    tmp_path: Path, sphinx: Any, sorry: Audio
) -> None:
    gate = threading.Event()
    steps: list[Step] = [
        ("caller", 1), ("gate", gate), ("silence", 0.6), ("audio", sorry), ("silence", 0.9),
        ("started", 2), ("silence", 0.3), ("audio", sorry), ("silence", 0.9), ("caller", 3),
    ]  # fmt: skip
    h = make_harness(tmp_path, sphinx, steps)
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await start_voice_call(pilot)
        await until(
            pilot, h.updates, lambda u: u.count(Level) > 0 and not h.lives[0].call.caller_busy
        )
        assert screen.query_one(VoiceState).state == "listening"
        opening = ScenarioLibrary().resolve(SCENARIO).turns[0].say[0]
        assert lines(screen)[0][1] == opening
        gate.set()
        await until(pilot, h.updates, lambda u: u.count(Heard) == 1)
        assert lines(screen)[1][0] == t("call.you")
        assert {"sorry", "wrong", "colour"} <= set(lines(screen)[1][1].split())
        await until(pilot, h.updates, lambda u: u.count(BargedIn) == 1 and u.count(Heard) == 2)
        said = [text for _, text in lines(screen)]
        assert t("voice.note.barge_in") in said
        # the line the trainee talked over shows only what the caller got to say
        cut = said[said.index(t("voice.note.barge_in")) - 1]
        spoken = [s.strip() for turn in ScenarioLibrary().resolve(SCENARIO).turns for s in turn.say]
        assert cut.endswith("—") and any(s.startswith(cut[:-1]) and s != cut[:-1] for s in spoken)
        assert screen.query_one(MicLevel).level >= 0.0
        levels = [x.level for x in h.updates.of(Level)]
        assert max(levels) > 0.01  # the meter saw the trainee's voice
        session = screen.session
        assert session is not None
        assert any(e["kind"] == "barge_in" for e in session.record["events"])
        await pilot.press("escape")
        await pilot.press("y")
        await pilot.app.workers.wait_for_complete()
        for _ in range(5):
            await pilot.pause()
        assert isinstance(pilot.app.screen, ResultScreen)
        assert session.outcome == "abandoned"


@run_async
async def test_no_recogniser_offers_text_mode(tmp_path: Path, sphinx: Any) -> None:
    problem = "no offline speech recogniser for 'ja' here — download vosk-model-small-ja-0.22"
    h = make_harness(tmp_path, sphinx, [], problem=problem)
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await start_voice_call(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.unavailable == problem
        note = str(screen.query_one("#voice-note").render())
        assert "vosk-model-small-ja" in note
        assert screen.query_one(VoiceState).state == "lost"
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(pilot.app.screen, CallScreen)
        assert pilot.app.screen.options.input == "text"


@run_async
async def test_a_vanished_microphone_keeps_the_call_going_by_typing(
    tmp_path: Path, sphinx: Any
) -> None:
    steps: list[Step] = [("caller", 1), ("silence", 0.3), ("fail", "the microphone stopped")]
    h = make_harness(tmp_path, sphinx, steps)
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await start_voice_call(pilot)
        await until(pilot, h.updates, lambda u: u.count(DeviceLost) == 1)
        assert screen.query_one(VoiceState).state == "lost"
        assert "microphone" in str(screen.query_one("#voice-note").render())
        await pilot.press("t")
        await pilot.pause()
        reply = screen.query_one("#reply", Input)
        assert reply.display and reply.has_focus
        reply.insert_text_at_cursor(SORRY)
        await pilot.press("enter")
        await pilot.pause()
        session = screen.session
        assert session is not None and session.outcome is None
        assert session.record["utterances"][1]["text"] == SORRY
        assert session.conversation.turn.id == "order"


@run_async
async def test_space_is_push_to_talk(tmp_path: Path, sphinx: Any) -> None:
    gate = threading.Event()
    h = make_harness(tmp_path, sphinx, [("caller", 1), ("gate", gate)])
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await start_voice_call(pilot)
        await until(
            pilot, h.updates, lambda u: not h.lives[0].call.caller_busy and u.count(Level) > 0
        )
        await pilot.press("space")
        assert screen.query_one(VoiceState).state == "push_to_talk"
        await pilot.press("space")
        assert screen.query_one(VoiceState).state == "listening"
        gate.set()


@run_async
async def test_the_state_line_says_when_the_caller_waits(tmp_path: Path, sphinx: Any) -> None:
    """Asked to wait, the caller waits: 'listening' becomes 'the caller is waiting',
    except on hold (the hold timer shows then)."""
    from simulator.tui import voice_messages as vm
    from simulator.voice.updates import CallerWaiting

    gate = threading.Event()
    h = make_harness(tmp_path, sphinx, [("caller", 1), ("gate", gate)])
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await start_voice_call(pilot)
        await until(
            pilot, h.updates, lambda u: not h.lives[0].call.caller_busy and u.count(Level) > 0
        )
        state = screen.query_one(VoiceState)
        screen.post_message(vm.message_for(CallerWaiting(True)))
        await pilot.pause()
        assert state.state == "waiting"
        assert t("voice.state.waiting") in str(state.render())
        await pilot.press("f2")  # on hold
        assert state.state == "listening"
        await pilot.press("f2")  # back: the question is still open
        assert state.state == "waiting"
        screen.post_message(vm.message_for(CallerWaiting(False)))
        await pilot.pause()
        assert state.state == "listening"
        gate.set()
