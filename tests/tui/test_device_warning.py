"""Missing audio devices are said early: the briefing names them as soon as it opens
(whatever the input mode), and Start in voice mode names every missing one, in the
interface's language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

import simulator.audio.devices as devices
from simulator.audio.devices import DeviceError, DeviceInfo, require_call_devices
from simulator.i18n import set_language
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.voice_call import VoiceCallScreen
from simulator.tui.services import CallOptions, DeviceReport, open_live_voice
from simulator.tui.voice_problem import voice_problem_text
from tests.tui.fakes import Harness, make_app
from tests.tui.pilot_helpers import run_async, settle

HEADSET = DeviceInfo(0, "USB Headset", 1, 2, 48000.0, True, True)
SPEAKER_ONLY = DeviceInfo(1, "HDMI", 0, 2, 48000.0, False, True)


def test_a_voice_call_names_every_missing_device(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(devices, "list_devices", lambda: [])
    with pytest.raises(DeviceError, match="no microphone and no speaker or headphones") as both:
        require_call_devices()
    assert both.value.missing == ("input", "output")
    monkeypatch.setattr(devices, "list_devices", lambda: [SPEAKER_ONLY])
    with pytest.raises(DeviceError, match=r"^no microphone found") as one:
        require_call_devices()
    assert one.value.missing == ("input",)
    monkeypatch.setattr(devices, "list_devices", lambda: [HEADSET])
    assert require_call_devices().microphone == HEADSET


def test_voice_problems_read_in_the_interface_language() -> None:
    both = DeviceError("no microphone and no …", reason="missing", missing=("input", "output"))
    speaker = DeviceError("no speaker …", reason="missing", missing=("output",))
    set_language("ja")
    assert voice_problem_text(both).startswith("マイクもスピーカー（ヘッドホン）も見つかりません")
    assert voice_problem_text(speaker).startswith("スピーカー（ヘッドホン）が見つかりません")
    assert voice_problem_text(DeviceError("PortAudio died")) == "PortAudio died"  # as it says
    set_language("en")
    assert voice_problem_text(both).startswith("no microphone and no speaker or headphones")


def app_with(tmp_path: Path, report: DeviceReport, **options: Any) -> Harness:
    h = make_app(tmp_path, options=CallOptions(seed=7, level=1, **options))
    h.app.services.device_probe = lambda chosen: report
    return h


async def open_briefing(pilot: Pilot[Any]) -> BriefingScreen:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BriefingScreen)
    return pilot.app.screen


def shown(screen: Any, widget: str) -> str:
    return str(screen.query_one(widget, Static).render())


@pytest.mark.parametrize(
    ("language", "line", "note"),
    [
        ("ja", "マイク: ⚠なし   スピーカー: ⚠なし", "マイクとスピーカー"),
        ("en", "Microphone: ⚠ none found   Speaker: ⚠ none found", "No microphone and no speaker"),
    ],
)
def test_the_briefing_says_no_devices_as_it_opens(
    tmp_path: Path, language: str, line: str, note: str
) -> None:
    set_language(language)
    h = app_with(tmp_path, DeviceReport(None, None))

    @run_async
    async def check() -> None:
        async with h.app.run_test(size=(100, 30)) as pilot:
            briefing = await open_briefing(pilot)  # text mode: still said
            assert line in shown(briefing, "#input-options")
            assert briefing.query_one("#device-note").display
            warning = briefing.query_one("#device-note", Static).content
            assert note in getattr(warning, "text", warning).plain

    check()


@run_async
async def test_found_devices_are_named_and_nothing_is_feared(tmp_path: Path) -> None:
    h = app_with(tmp_path, DeviceReport("USB Headset", "USB Headset"), input="voice")
    async with h.app.run_test(size=(100, 30)) as pilot:
        briefing = await open_briefing(pilot)
        assert "マイク: USB Headset   スピーカー: USB Headset" in shown(briefing, "#input-options")
        assert not briefing.query_one("#device-note").display


@run_async
async def test_start_names_both_missing_devices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(devices, "list_devices", lambda: [])
    h = app_with(tmp_path, DeviceReport(None, None), input="voice")
    h.app.services.voice_factory = open_live_voice  # the real one: it looks first
    async with h.app.run_test(size=(100, 30)) as pilot:
        await open_briefing(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, VoiceCallScreen)
        assert screen.unavailable is not None
        assert screen.unavailable.startswith("マイクもスピーカー（ヘッドホン）も見つかりません")
        assert screen.session is None  # nothing stored for a call that never started
