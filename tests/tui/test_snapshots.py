"""Screens at 80×24 (Japanese UI, fixed seed, virtual clock). Update after a deliberate
change with: pytest tests/tui/test_snapshots.py --snapshot-update, then look at the SVGs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from simulator.tui.services import CallOptions, DeviceReport
from tests.tui.fakes import Harness, make_app
from tests.tui.pilot_helpers import at, call_screen, open_call, settle, type_text

SIZE = (80, 24)


async def into_the_call(pilot: Pilot[Any], h: Harness) -> None:
    """First caller line heard, a reply sent, the second line half said."""
    call = await open_call(pilot)
    assert call.session is not None
    first = call.session.record["utterances"][0]
    await at(pilot, h.clock, first["end"] + 1.0)
    await type_text(pilot, "お待たせして大変申し訳ございません。")
    await at(pilot, h.clock, first["end"] + 4.0)
    await pilot.press("enter")
    await settle(pilot)
    second = call.session.record["utterances"][-1]
    await at(pilot, h.clock, (second["start"] + second["end"]) / 2)


def test_home(snap_compare: Any, tmp_path: Path) -> None:
    h = make_app(tmp_path)
    assert snap_compare(h.app, terminal_size=SIZE, run_before=settle)


def test_briefing(snap_compare: Any, tmp_path: Path) -> None:
    h = make_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_briefing_without_audio_devices(snap_compare: Any, tmp_path: Path) -> None:
    """Voice mode chosen, no microphone or speaker: said as the briefing opens."""
    h = make_app(tmp_path, options=CallOptions(seed=7, level=2, input="voice"))
    h.app.services.device_probe = lambda options: DeviceReport(None, None)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_call(snap_compare: Any, tmp_path: Path) -> None:
    h = make_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_the_call(pilot, h)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_call_on_hold_with_a_hint(snap_compare: Any, tmp_path: Path) -> None:
    h = make_app(tmp_path, options=CallOptions(seed=7, level=2, practice=True))

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_the_call(pilot, h)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f2")
        await at(pilot, h.clock, h.clock.now() + 31.0)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)


def test_result(snap_compare: Any, tmp_path: Path) -> None:
    h = make_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await into_the_call(pilot, h)
        call = call_screen(pilot)
        assert call.session is not None
        order = call.session.record["utterances"][-1]
        await at(pilot, h.clock, order["end"] + 0.5)
        await type_text(pilot, "念のため復唱いたします。ご注文番号A-1234でよろしいでしょうか。")
        await at(pilot, h.clock, order["end"] + 6.0)
        await pilot.press("enter")
        await settle(pilot)
        await at(pilot, h.clock, call.session.record["utterances"][-1]["end"] + 2.0)

    assert snap_compare(h.app, terminal_size=SIZE, run_before=run_before)
