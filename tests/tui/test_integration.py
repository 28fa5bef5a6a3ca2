"""The TUI with the real parts: engine, detector, scorer, SQLite store, scenario library."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.commands.tui import build_app
from simulator.tui.app import CallCoachApp
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.services import CallOptions, Services, make_session
from simulator.tui.widgets.history_table import HistoryTable
from simulator.tui.widgets.scenario_table import ScenarioTable
from tests.tui.fakes import FakeLibrary, late_parcel
from tests.tui.pilot_helpers import at, open_call, run_async, settle, type_text
from tests.virtual_clock import VirtualClock


@run_async
async def test_a_stored_call_with_the_real_engine_shows_in_history(tmp_path: Path) -> None:
    from simulator.store import open_store

    clock = VirtualClock()
    url = f"sqlite:///{tmp_path / 'calls.db'}"
    services = Services(
        library=FakeLibrary([late_parcel()]),
        open_store=lambda: open_store(url),
        clock_factory=lambda: clock,
        session_factory=make_session,  # scoring.detect and the real score card
        settings_path=tmp_path / "tui.json",
    )
    app = CallCoachApp(services, CallOptions(seed=1, trainee="sato"), cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        first = call.session.record["utterances"][0]
        await at(pilot, clock, first["end"] + 0.8)
        await type_text(pilot, "お待たせしてしまい、大変申し訳ございません。")
        clock.advance_to(first["end"] + 4.0)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "y")
        await settle(pilot)
        await at(pilot, clock, clock.now() + 0.1)
        result = pilot.app.screen
        assert isinstance(result, ResultScreen)
        assert result.card is not None and result.card["format"] == "callcoach.scorecard/1"
        await pilot.press("escape")
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        table = pilot.app.screen.query_one(HistoryTable)
        assert table.row_count == 1
        row = table.get_row_at(0)
        assert row[1] == "荷物が届かない（テスト）" and row[2] == "sato" and row[3] == "中断"
    assert app.services._store is None  # closed when the app ended


@run_async
async def test_run_scenario_opens_its_briefing_and_escape_goes_home(tmp_path: Path) -> None:
    args = argparse.Namespace(db=f"sqlite:///{tmp_path / 'x.db'}", ui_lang="ja", scenarios=[])
    app = build_app(args, scenario=late_parcel())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, BriefingScreen)
        await pilot.press("escape")
        await settle(pilot)
        home = pilot.app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one(ScenarioTable).row_count >= 3  # the bundled library
