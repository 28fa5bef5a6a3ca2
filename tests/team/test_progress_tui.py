"""The progress screen (terminal charts) and the home screen's due list, driven with
Textual's Pilot; and the data functions behind them, on both databases."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from simulator.i18n import current_language, set_language
from simulator.store import open_store
from simulator.team.progress import Progress, due_for, progress_of
from simulator.tui.screens.progress import ProgressScreen
from simulator.tui.widgets.due_list import DueList
from simulator.tui.widgets.progress_chart import ChartSeries, ProgressChart, render_chart
from tests.team.conftest import Cli
from tests.team.helpers import finished_run


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    before = current_language()
    set_language("en")
    yield
    set_language(before)


PROGRESS = Progress(
    trainee="佐藤",
    labels=["11-01", "11-02", "11-03"],
    totals=[40.0, 65.0, 90.0],
    dimensions={"empathy": [50.0, None, 95.0], "pacing": [30.0, 60.0, 85.0]},
    pass_mark=70.0,
)


class Host(App[None]):
    def __init__(self, screen: ProgressScreen) -> None:
        super().__init__()
        self.first = screen

    def compose(self) -> ComposeResult:
        yield Static("home")

    def on_mount(self) -> None:
        self.push_screen(self.first)


def drive(progress: Progress) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    async def scenario() -> None:
        screen = ProgressScreen("佐藤", lambda: progress)
        app = Host(screen)
        async with app.run_test(size=(90, 50)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            charts = list(screen.query(ProgressChart))
            seen["ids"] = [c.id for c in charts]
            seen["text"] = [str(c.render()) for c in charts]
            seen["status"] = str(screen.query_one("#progress-status", Static).render())
            await pilot.press("escape")
            seen["popped"] = app.screen is not screen

    asyncio.run(scenario())
    return seen


def test_progress_screen_draws_total_and_each_dimension() -> None:
    seen = drive(PROGRESS)
    assert seen["ids"] == ["chart-total", "chart-empathy", "chart-pacing"]
    total, empathy, pacing = seen["text"]
    assert total.startswith("Total score (3 calls)\nscore\n100┤")
    x_axis = total.splitlines()[-2]  # under the └─── rule, above the legend
    assert x_axis.split() == ["1", "calls,", "oldest", "first", "→", "3"]
    assert "└" in total.splitlines()[-3]
    assert "■ Total 90" in total and "■ Empathy 95" in empathy and "■ Pacing 85" in pacing
    assert any("\u2800" < ch <= "\u28ff" for ch in total)  # Braille dots were drawn
    assert seen["popped"]


def test_progress_chart_axes_are_named_in_japanese() -> None:
    from simulator.i18n import set_language

    set_language("ja")
    try:
        total = drive(PROGRESS)["text"][0]
    finally:
        set_language("en")
    lines = total.splitlines()
    assert lines[1] == "得点" and lines[2].startswith("100┤")
    assert lines[-2].split() == ["1", "通話（古い順）→", "3"]


def test_progress_screen_without_sessions_says_so() -> None:
    empty = Progress("佐藤", [], [], {}, None)
    seen = drive(empty)
    assert seen["ids"] == [] and seen["status"] == "No scored calls yet."


def test_chart_puts_high_scores_high() -> None:
    lines = str(render_chart([ChartSeries("t", [0.0, 100.0])], 24, 4)).splitlines()
    assert lines[0].startswith("100┤") and lines[3].startswith("  0┤")
    # 0 at the left bottom, 100 at the right top.
    assert lines[3][4] != " " and lines[0][-1] != " " and lines[0][4] == " "


def test_due_list_shows_open_assignments(cli: Cli, db_url: str) -> None:
    assert cli("assign", "mini-drill", "--trainee", "kim", "--due", "2030-01-31") == 0
    assert cli("assign", "solo-drill", "--trainee", "kim", "--due", "2020-01-31") == 0
    with open_store(db_url) as store:
        views = due_for(store, "kim")
    assert [v.set_id for v in views] == ["solo-drill", "mini-drill"]
    rendered: dict[str, str] = {}

    class DueHost(App[None]):
        def compose(self) -> ComposeResult:
            yield DueList()

    async def scenario() -> None:
        app = DueHost()
        async with app.run_test() as pilot:
            widget = app.query_one(DueList)
            widget.show(views, date(2026, 11, 23))
            await pilot.pause()
            rendered["text"] = str(widget.render())
            widget.show([], date(2026, 11, 23))
            rendered["hidden"] = str(not widget.display)

    asyncio.run(scenario())
    assert rendered["text"].splitlines() == [
        "Due",
        "• solo-drill  due 2020-01-31  1/1 attempts left (overdue)",
        "• mini-drill  due 2030-01-31  2/2 attempts left",
    ]
    assert rendered["hidden"] == "True"


def test_progress_of_reads_scores_in_time_order(db_url: str) -> None:
    with open_store(db_url) as store:
        for n, total in enumerate([50, 70, 60], start=1):
            finished_run(store, "kim", "a", [total], datetime(2026, 11, n, tzinfo=UTC))
        finished_run(store, "lee", "a", [99], datetime(2026, 11, 1, tzinfo=UTC))
        progress = progress_of(store, "kim")
    assert progress.totals == [50.0, 70.0, 60.0]
    assert progress.dimensions == {"empathy": [55.0, 75.0, 65.0], "pacing": [45.0, 65.0, 55.0]}
    assert progress.pass_mark == 70.0 and len(progress.labels) == 3
