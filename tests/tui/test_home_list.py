"""Home: long titles end in "…" (measured in cells: Japanese is double width), the
interface's language comes first, and the language filter is remembered."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Select

from simulator.i18n import set_language
from simulator.tui.widgets.scenario_table import TITLE_WIDTH, ScenarioTable, clip_title
from tests.tui.fakes import english_scenario, late_parcel, make_app
from tests.tui.pilot_helpers import run_async, settle


def test_titles_are_cut_by_cells_with_an_ellipsis() -> None:
    assert clip_title("短い題") == "短い題"
    japanese = "【2次対応】名前を聞いたら電話を切られた（誤配の荷物、再配達の約束も守られず）"
    cut = clip_title(japanese)
    assert cut.endswith("…") and cell_len(cut) <= TITLE_WIDTH
    assert japanese.startswith(cut[:-1]) and cell_len(cut) >= TITLE_WIDTH - 1
    english = "The bridesmaid dress is the wrong green — and the wedding is in ten days"
    assert clip_title(english) == "The bridesmaid dress is the wrong green — and t…"
    exact = "あ" * (TITLE_WIDTH // 2)
    assert clip_title(exact) == exact  # fits exactly: nothing cut


def rows(pilot: Pilot[Any]) -> list[str]:
    table = pilot.app.screen.query_one(ScenarioTable)
    return [str(key.value) for key in table.rows]


def harness(tmp_path: Path) -> Any:
    h = make_app(tmp_path)
    long_english = replace(english_scenario(), title="A" * 30 + " " + "B" * 30)
    h.library.scenarios = {s.id: s for s in (long_english, late_parcel())}  # en listed first
    return h


@run_async
async def test_the_interface_language_comes_first_and_the_filter_is_remembered(
    tmp_path: Path,
) -> None:
    ja, en = late_parcel().id, english_scenario().id
    h = harness(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(pilot) == [ja, en]  # Japanese UI (the TUI tests' default)
        table = pilot.app.screen.query_one(ScenarioTable)
        shown_title = str(table.get_row(en)[0])
        assert shown_title.endswith("…") and cell_len(shown_title) <= TITLE_WIDTH
        pilot.app.screen.query_one("#filter-language", Select).value = "en"
        await settle(pilot)
        assert rows(pilot) == [en]
    saved = json.loads((tmp_path / "tui.json").read_text(encoding="utf-8"))
    assert saved["language_filter"] == "en"

    again = harness(tmp_path)  # a new start: the filter as it was left
    async with again.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#filter-language", Select).value == "en"
        assert rows(pilot) == [en]


@run_async
async def test_english_interface_lists_english_first(tmp_path: Path) -> None:
    set_language("en")
    h = harness(tmp_path)
    h.library.scenarios = dict(reversed(list(h.library.scenarios.items())))  # ja first
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert rows(pilot) == [english_scenario().id, late_parcel().id]
