"""Past sessions from the store, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.tui.bindings import translate_bindings
from simulator.tui.widgets.history_table import HistoryTable
from simulator.tui.worker_errors import WorkerScreen

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp

HISTORY_LIMIT = 50


class HistoryScreen(WorkerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "mine", "binding.only_mine", id="history.mine"),
        Binding("escape", "app.pop_screen", "binding.back", id="history.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.only_mine = False
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(t("history.title"), classes="title")
        yield HistoryTable()
        yield Static(t("history.loading"), id="empty", classes="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(HistoryTable).focus()
        self.load()

    @work(thread=True, group="store", exclusive=True, exit_on_error=False)
    def load(self) -> None:
        try:
            store = self.cc.services.store()
        except CallCoachError as error:
            self.app.call_from_thread(self._failed, str(error))
            raise  # reported by the one error handler
        trainee = self.cc.options.trainee if self.only_mine else None
        sessions = [] if store is None else store.history(trainee=trainee, limit=HISTORY_LIMIT)
        self.app.call_from_thread(self._show, sessions, store is not None)

    def _show(self, sessions: Sequence[Any], stored: bool) -> None:
        self.query_one(HistoryTable).show(sessions)
        empty = self.query_one("#empty", Static)
        empty.update(t("history.empty" if stored else "history.not_stored"))
        empty.display = not sessions

    def _failed(self, reason: str) -> None:
        self.query_one("#empty", Static).update(reason)

    def action_mine(self) -> None:
        self.only_mine = not self.only_mine
        self.load()
