"""Past sessions from the store, newest first; Enter opens one's result screen.

What is listed and what opens follow simulator.team.access as ``callcoach history`` and
``callcoach play`` do: once a database has trainers, a trainee sees only their own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static

from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain
from simulator.tui.widgets.history_table import HistoryTable
from simulator.tui.worker_errors import WorkerScreen

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp
    from simulator.tui.past_session import PastSession
    from simulator.voice.turn_player import PlayerOpener

HISTORY_LIMIT = 50


class HistoryScreen(WorkerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "mine", "binding.only_mine", id="history.mine"),
        Binding("escape", "app.pop_screen", "binding.back", id="history.back"),
    ]

    def __init__(self, *, open_player: PlayerOpener | None = None) -> None:
        super().__init__()
        self.only_mine = False
        self.open_player = open_player  # how a past call's turns are heard (tests: a fake)
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
        from simulator.tui.past_session import visible_trainee

        try:
            store = self.cc.services.store()
            trainee = None
            if store is not None:
                trainee = visible_trainee(store, self.cc.options.trainee, self.only_mine)
        except CallCoachError as error:
            self.app.call_from_thread(self._failed, str(error))
            raise  # reported by the one error handler
        sessions = [] if store is None else store.history(trainee=trainee, limit=HISTORY_LIMIT)
        self.app.call_from_thread(self._show, sessions, store is not None)

    def _show(self, sessions: Sequence[Any], stored: bool) -> None:
        self.query_one(HistoryTable).show(sessions)
        empty = self.query_one("#empty", Static)
        empty.update(t("history.empty" if stored else "history.not_stored"))
        empty.display = not sessions

    def _failed(self, reason: str) -> None:
        self.query_one("#empty", Static).update(plain(reason))

    def action_mine(self) -> None:
        self.only_mine = not self.only_mine
        self.load()

    # -- opening one ------------------------------------------------------------
    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.open_session(event.row_key.value)

    @work(thread=True, group="open", exclusive=True, exit_on_error=False)
    def open_session(self, session_id: str) -> None:
        """Reads the session, its card and its scenario; failures (a purged session,
        another trainee's, a database gone) are reported by the one error handler."""
        from simulator.tui.past_session import load_past_session

        store = self.cc.services.store()
        trainee = self.cc.options.trainee
        past = load_past_session(store, self.cc.services.library, session_id, trainee)
        self.app.call_from_thread(self._show_result, past)

    def _show_result(self, past: PastSession) -> None:
        from simulator.tui.past_session import options_for_retry
        from simulator.tui.screens.past_result import PastResultScreen

        if self.app.screen is not self:  # the trainee left while it loaded
            return
        options = options_for_retry(past.record, self.cc.options)
        self.app.push_screen(PastResultScreen(past, options, open_player=self.open_player))
