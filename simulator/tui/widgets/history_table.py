"""Past sessions, newest first (from the store's history). Enter (or a click on the
highlighted row) selects a session: the screen opens its result."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from simulator.i18n import label, t
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import cell

# Column widths that fit 80 columns (titles longer than this are cut).
WIDTHS = {"when": 11, "scenario": 30, "trainee": 10, "outcome": 12, "score": 5}


class HistoryTable(DataTable[str]):
    DEFAULT_CSS = """
    HistoryTable { height: 1fr; }
    """
    # Replaces DataTable's hidden Enter: the same action, shown and named in the footer.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "binding.open_result", id="history.open"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        translate_bindings(self)

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column(t("history.col.when"), key="when", width=WIDTHS["when"])
        self.add_column(t("history.col.scenario"), key="scenario", width=WIDTHS["scenario"])
        self.add_column(t("history.col.trainee"), key="trainee", width=WIDTHS["trainee"])
        self.add_column(t("history.col.outcome"), key="outcome", width=WIDTHS["outcome"])
        self.add_column(t("history.col.score"), key="score", width=WIDTHS["score"])

    def show(self, sessions: Sequence[Any]) -> None:
        self.clear()
        for s in sessions:
            when = s.started_at.astimezone().strftime("%m-%d %H:%M")
            score = "—" if s.total is None else f"{round(s.total)}{'✓' if s.passed else '✗'}"
            self.add_row(
                when,
                cell(s.scenario_title or s.scenario_id),
                cell(s.trainee or "—"),
                label("outcome", s.status),
                score,
                key=s.id,
            )
