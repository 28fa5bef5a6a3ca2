"""The briefing starts rendering a voice call's caller lines while the trainee reads,
restarts it when the level (and so the starting mood) changes, and cancels it when
the trainee switches to text, goes back or starts the call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from simulator.scenario.model import Scenario
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.services import CallOptions
from tests.tui.fakes import Harness, make_app
from tests.tui.pilot_helpers import run_async, settle


@dataclass
class FakeWarmUp:
    scenario_id: str
    start_mood: int
    cancelled: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class Warmer:
    def __init__(self) -> None:
        self.started: list[FakeWarmUp] = []

    def __call__(self, scenario: Scenario, start_mood: int) -> FakeWarmUp:
        self.started.append(FakeWarmUp(scenario.id, start_mood))
        return self.started[-1]


async def open_briefing(pilot: Pilot[Any]) -> BriefingScreen:
    await settle(pilot)
    await pilot.press("enter")  # the first scenario of the home list
    await settle(pilot)
    assert isinstance(pilot.app.screen, BriefingScreen)
    return pilot.app.screen


def voice_app(tmp_path: Path, warmer: Warmer) -> Harness:
    h = make_app(tmp_path, options=CallOptions(seed=7, level=1, input="voice"))
    h.app.services.voice_warmer = warmer
    return h


@run_async
async def test_the_warm_up_follows_the_briefing(tmp_path: Path) -> None:
    warmer = Warmer()
    h = voice_app(tmp_path, warmer)
    async with h.app.run_test(size=(80, 24)) as pilot:
        scenario = (await open_briefing(pilot)).scenario
        expected = scenario.mood.start + scenario.level(1).start_mood
        assert [(w.scenario_id, w.start_mood) for w in warmer.started] == [(scenario.id, expected)]
        await pilot.press("l")  # level 2: another starting mood, another warm-up
        await settle(pilot)
        first, second = warmer.started
        assert first.cancelled and not second.cancelled
        assert second.start_mood == scenario.mood.start + scenario.level(2).start_mood
        await pilot.press("v")  # text mode: nothing to speak
        await settle(pilot)
        assert second.cancelled and len(warmer.started) == 2
        await pilot.press("v")  # voice again
        await settle(pilot)
        assert len(warmer.started) == 3
        await pilot.press("escape")
        await settle(pilot)
        assert warmer.started[-1].cancelled


@run_async
async def test_text_calls_warm_nothing(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    warmer = Warmer()
    h.app.services.voice_warmer = warmer
    async with h.app.run_test(size=(80, 24)) as pilot:
        await open_briefing(pilot)
        assert warmer.started == []


@run_async
async def test_no_recogniser_for_the_language_is_said_before_start(tmp_path: Path) -> None:
    warmer = Warmer()
    h = voice_app(tmp_path, warmer)
    h.app.services.voice_check = lambda scenario, options: "no offline recogniser for 'ja'"
    async with h.app.run_test(size=(80, 24)) as pilot:
        note = (await open_briefing(pilot)).query_one("#voice-note", Static)
        assert note.display and "callcoach doctor" in str(note.render())
        assert warmer.started == []  # nothing to render for a call that cannot start
        await pilot.press("v")  # typing instead: the note goes
        await settle(pilot)
        assert not note.display


@run_async
async def test_a_check_that_returns_after_start_warms_nothing(tmp_path: Path) -> None:
    warmer = Warmer()
    h = voice_app(tmp_path, warmer)
    async with h.app.run_test(size=(80, 24)) as pilot:
        briefing = await open_briefing(pilot)
        warmer.started.clear()
        briefing._started = True  # Start pressed while the check was still running
        briefing._voice_checked(briefing.options, None)
        assert warmer.started == []


@run_async
async def test_the_recogniser_loads_during_the_briefing_and_says_which(tmp_path: Path) -> None:
    from simulator.audio import AudioError

    loaded: list[str] = []

    def loader(scenario: Scenario, options: CallOptions) -> str:
        loaded.append(scenario.id)
        return "faster-whisper (model Whisper base (bundled))"

    h = voice_app(tmp_path, Warmer())
    h.app.services.voice_check = lambda scenario, options: None
    h.app.services.asr_loader = loader
    async with h.app.run_test(size=(80, 24)) as pilot:
        briefing = await open_briefing(pilot)
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        note = briefing.query_one("#asr-note", Static)
        assert note.display and "Whisper base (bundled)" in str(note.render())
        assert loaded == [briefing.scenario.id]

        def broken(scenario: Scenario, options: CallOptions) -> str:
            raise AudioError("the bundled Whisper model does not match its pinned sha256")

        h.app.services.asr_loader = broken
        await pilot.press("l")  # a level change checks and loads again
        await pilot.app.workers.wait_for_complete()
        await settle(pilot)
        assert "pinned sha256" in str(note.render())
        await pilot.press("v")  # typing instead: no recogniser note
        await settle(pilot)
        assert not note.display
