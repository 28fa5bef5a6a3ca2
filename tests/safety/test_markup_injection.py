"""Textual markup injection: a title, a caller's name or line with console markup
(`[@click=app.quit]…[/]`, `[bold red]`) or escape sequences shows literally on every
screen, and clicking it does nothing (it used to quit the app)."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.widgets import DataTable, Static
from textual.widgets._data_table import default_cell_formatter

from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.widgets.briefing_view import briefing_renderable
from simulator.tui.widgets.history_table import HistoryTable
from simulator.tui.widgets.scenario_table import ScenarioTable
from simulator.tui.widgets.scorecard_view import result_renderable
from simulator.tui.widgets.transcript_line import TranscriptLine
from tests.tui.conftest import ui_in_japanese  # noqa: F401 - the TUI tests' language
from tests.tui.fakes import FakeLibrary, late_parcel, make_app
from tests.tui.pilot_helpers import at, call_screen, run_async, settle, type_text

QUIT = "[@click=app.quit]quit[/]"
TITLE = f"Evil {QUIT} [bold red]loud[/] \x1b]0;pwned\x07"
NAME = "[reverse]山田[/]様"
LINE = "[blink]荷物[/]がまだ届かないんですけど！\x1b[2J"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_scenario() -> Any:
    """A scenario as stored before validation refused such text (built directly)."""
    scenario = late_parcel()
    caller = dataclasses.replace(scenario.caller, name=NAME)
    first = dataclasses.replace(scenario.turns[0], say=(LINE,))
    turns = (first, *scenario.turns[1:])
    return dataclasses.replace(scenario, title=TITLE, caller=caller, turns=turns)


def console_text(renderable: Any) -> str:
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def text_of(widget: Any) -> str:
    return str(widget.render())


def cell_text(table: DataTable[Any], row: int, column: int) -> str:
    return default_cell_formatter(table.get_row_at(row)[column]).plain  # type: ignore[union-attr]


def assert_literal(shown: str) -> None:
    assert QUIT in shown and "[bold red]loud[/]" in shown, shown
    assert "␛]0;pwned␇" in shown and not RAW_CONTROL.search(shown), shown


async def click_along(pilot: Any, selector: str) -> None:
    """Clicks along the widget's first line: a markup link anywhere on it would fire
    (a probe Static with markup on quits at the first click on "quit")."""
    widget = pilot.app.screen.query_one(selector)
    start = len(str(widget.render()).split("Evil")[0]) * 2  # where the link would be
    for x in range(start, min(widget.size.width, start + 24), 2):  # a link is a word wide
        await pilot.click(selector, offset=(x, 0))
    await pilot.pause()


@run_async
async def test_hostile_text_is_shown_literally_and_clicking_it_does_nothing(
    tmp_path: Path,
) -> None:
    harness = make_app(tmp_path)
    harness.library.scenarios = {}
    harness.app.services.library = FakeLibrary([hostile_scenario()])
    async with harness.app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listed = cell_text(pilot.app.screen.query_one(ScenarioTable), 0, 0)
        assert listed.startswith(f"Evil {QUIT} [bold red]loud[/]")  # cut with … to fit
        assert not RAW_CONTROL.search(listed)

        await pilot.press("enter")
        await settle(pilot)
        briefing = pilot.app.screen
        assert isinstance(briefing, BriefingScreen)
        assert_literal(text_of(briefing.query_one(".title", Static)))
        await click_along(pilot, ".title")
        assert pilot.app.is_running and pilot.app.screen is briefing  # no quit
        assert "[reverse]山田[/]様" in console_text(briefing_renderable(hostile_scenario()))

        call = await open_call_from_briefing(pilot)
        assert_literal(text_of(call.query_one(".title", Static)))
        await click_along(pilot, ".title")
        assert pilot.app.is_running
        # the first line said (3.6 s), before the silence prompt: the call loop catches up
        # on every prompt a jump of the virtual clock passes over
        await at(pilot, harness.clock, 4.0)
        said = [line.said for line in call.query(TranscriptLine)]  # shown via rich Text
        assert any("[blink]荷物[/]" in s and "␛[2J" in s for s in said), said
        speakers = [line.speaker for line in call.query(TranscriptLine)]
        assert any("[reverse]山田[/]様" in s for s in speakers)

        await type_text(pilot, "[@click=app.quit]申し訳ございません[/]")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "y")
        await settle(pilot)
        await at(pilot, harness.clock, harness.clock.now() + 0.1)
        result = pilot.app.screen
        assert isinstance(result, ResultScreen)
        assert_literal(text_of(result.query_one(".title", Static)))
        await click_along(pilot, ".title")
        assert pilot.app.is_running
        card = console_text(result_renderable(result.scenario, result.record, result.card))
        assert "[blink]荷物[/]" in card and "␛[2J" in card  # the model answers' caller line
        assert not RAW_CONTROL.search(card)
        card_with_turns = {**(result.card or {}), "feedback": [{"turn": QUIT, "message": LINE}]}
        feedback = console_text(result_renderable(result.scenario, result.record, card_with_turns))
        assert "[blink]荷物[/]" in feedback  # feedback quoting a line shows it literally
        await pilot.press("escape", "h")
        await settle(pilot)
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        assert_literal(cell_text(history.query_one(HistoryTable), 0, 1))
    assert harness.app.return_code in (None, 0)


async def open_call_from_briefing(pilot: Any) -> Any:
    await pilot.press("s")
    await settle(pilot)
    return call_screen(pilot)


@run_async
async def test_a_name_with_control_characters_is_refused_in_the_tui(tmp_path: Path) -> None:
    from textual.widgets import Input

    from simulator.tui.screens.trainee_name import TraineeNameScreen

    harness = make_app(tmp_path)
    async with harness.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, TraineeNameScreen)
        dialog.query_one(Input).value = "sato\x1b]0;pwned\x07"
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dialog  # refused: still asking
        assert harness.app.options.trainee is None
        dialog.query_one(Input).value = "sato"
        await pilot.press("enter")
        await settle(pilot)
        assert harness.app.options.trainee == "sato"
