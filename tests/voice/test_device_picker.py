"""Choosing the microphone and speaker from the briefing (Pilot)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from simulator.audio.devices import DeviceError, DeviceInfo
from simulator.i18n import t
from simulator.scenario.library import ScenarioLibrary
from simulator.tui.app import CallCoachApp
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.services import CallOptions, Services
from simulator.tui.widgets.device_picker import DevicePicker
from tests.tui.pilot_helpers import run_async

DEVICES = [
    DeviceInfo(0, "Built-in Microphone", 2, 0, 48000.0, default_input=True),
    DeviceInfo(1, "Built-in Output", 0, 2, 48000.0, default_output=True),
    DeviceInfo(2, "USB Headset", 1, 2, 48000.0),
]


def app(tmp_path: Path) -> CallCoachApp:
    services = Services(library=ScenarioLibrary(), settings_path=tmp_path / "tui.json")
    scenario = ScenarioLibrary().resolve("en-angry-wrong-colour")
    return CallCoachApp(services, CallOptions(), scenario=scenario, cursor_blink=False)


async def open_picker(pilot: Any, lister: Any) -> DevicePicker:
    await pilot.pause()
    briefing = pilot.app.screen
    assert isinstance(briefing, BriefingScreen)
    picker = DevicePicker(lister=lister)
    pilot.app.push_screen(picker, briefing._devices_chosen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return picker


@run_async
async def test_the_headset_is_chosen_for_both_directions(tmp_path: Path) -> None:
    async with app(tmp_path).run_test(size=(100, 30)) as pilot:
        picker = await open_picker(pilot, lambda: DEVICES)
        inputs = picker.query_one("#inputs", OptionList)
        outputs = picker.query_one("#outputs", OptionList)
        assert inputs.option_count == 3 and outputs.option_count == 3  # default + 2 each
        await pilot.press("down", "down", "enter")  # the headset's microphone
        assert outputs.has_focus
        await pilot.press("down", "down", "enter")  # the headset's speaker
        await pilot.pause()
        briefing = pilot.app.screen
        assert isinstance(briefing, BriefingScreen)
        assert (briefing.options.input_device, briefing.options.output_device) == (2, 2)
        shown = str(briefing.query_one("#input-options").render())
        assert t("briefing.input_text") in shown


@run_async
async def test_no_devices_says_why(tmp_path: Path) -> None:
    def broken() -> list[DeviceInfo]:
        raise DeviceError("PortAudio is not installed (apt-get install libportaudio2)")

    async with app(tmp_path).run_test(size=(100, 30)) as pilot:
        picker = await open_picker(pilot, broken)
        status = str(picker.query_one("#devices-status").render())
        assert "libportaudio2" in status
        await pilot.press("escape")
        await pilot.pause()
        briefing = pilot.app.screen
        assert isinstance(briefing, BriefingScreen)
        assert (briefing.options.input_device, briefing.options.output_device) == (None, None)
