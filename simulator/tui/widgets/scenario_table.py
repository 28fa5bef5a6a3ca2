"""The scenario list on the home screen."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from simulator.i18n import label, t
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import cell, shown

TITLE_WIDTH = 48  # the other columns and the scrollbar fit beside it in 80 columns
# A language's name short enough for the last column at 80 columns (English: the code).
SHORT_LANGUAGE = {"ja": "home.language.ja", "en": "home.language.en"}


def clip_title(title: str, width: int = TITLE_WIDTH) -> str:
    """``title`` in at most ``width`` terminal cells, ending in "…" when cut (a Japanese
    character takes two cells)."""
    if cell_len(title) <= width:
        return title
    kept, used = [], 0
    for char in title:
        if used + cell_len(char) > width - 1:
            break
        kept.append(char)
        used += cell_len(char)
    return "".join(kept).rstrip() + "…"


class ScenarioTable(DataTable[str]):
    DEFAULT_CSS = """
    ScenarioTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "binding.open", id="home.open"),
    ]

    class Chosen(Message):
        """The trainee picked a scenario (Enter on a row)."""

        def __init__(self, scenario_id: str) -> None:
            super().__init__()
            self.scenario_id = scenario_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column(t("home.col.title"), key="title", width=TITLE_WIDTH)
        self.add_column(t("home.col.caller"), key="caller")
        self.add_column(t("home.col.level"), key="level")
        self.add_column(t("home.col.language"), key="language")

    def show(self, entries: Sequence[Any]) -> None:
        self.clear()
        for entry in entries:
            self.add_row(
                cell(clip_title(shown(entry.title))),
                label("caller_type", entry.caller_type),
                "★" * int(entry.difficulty),
                t(SHORT_LANGUAGE[entry.language]) if entry.language in SHORT_LANGUAGE else "",
                key=entry.id,
            )

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(str(event.row_key.value)))
