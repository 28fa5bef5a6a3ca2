"""Home: the scenario list with filters, the trainee's name, the way to past sessions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from simulator.i18n import current_language, t
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain
from simulator.tui.widgets.due_list import DueList
from simulator.tui.widgets.scenario_filters import ALL, ScenarioFilter, ScenarioFilters
from simulator.tui.widgets.scenario_table import ScenarioTable
from simulator.tui.worker_errors import WorkerScreen

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp


class HomeScreen(WorkerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "history", "binding.history", id="home.history"),
        Binding("p", "progress", "binding.progress", id="home.progress"),
        Binding("n", "trainee", "binding.trainee", id="home.trainee"),
        Binding("q", "app.quit", "binding.quit", id="home.quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._entries: Sequence[Any] = ()
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(t("home.title"), classes="title")
        yield ScenarioFilters(self.cc.settings.language_filter or ALL)
        yield Static(id="trainee-line")
        yield DueList(id="due")
        yield ScenarioTable(id="scenarios")
        yield Static(id="empty", classes="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.show_trainee()
        self.query_one(ScenarioTable).focus()
        self.load_entries()

    def show_trainee(self) -> None:
        name = self.cc.options.trainee or t("home.no_trainee")
        self.query_one("#trainee-line", Static).update(plain(t("home.trainee", name=name)))
        self.query_one(DueList).display = False
        if self.cc.options.trainee:
            self.load_due(self.cc.options.trainee)

    @work(thread=True, group="store", exclusive=True, exit_on_error=False)
    def load_due(self, trainee: str) -> None:
        """What is assigned to this trainee (shared team databases)."""
        from simulator.team.progress import due_for

        store = self.cc.services.store()
        if store is None:
            return
        views = due_for(cast("Any", store), trainee)
        self.app.call_from_thread(self.query_one(DueList).show, views, date.today())

    @work(thread=True, group="library", exit_on_error=False)
    def load_entries(self) -> None:
        library = self.cc.services.library
        entries = list(library.entries())
        skipped = sum(1 for p in getattr(library, "problems", ()) if getattr(p, "is_error", True))
        self.app.call_from_thread(self._got_entries, entries)
        if skipped:
            self.app.call_from_thread(
                self.notify, t("home.problems", count=skipped), severity="warning"
            )

    def _got_entries(self, entries: Sequence[Any]) -> None:
        self._entries = entries
        self._refresh_table(self.query_one(ScenarioFilters).chosen)

    def _refresh_table(self, chosen: ScenarioFilter) -> None:
        # The interface's language first (a stable sort keeps the library's order inside).
        ui = current_language()
        shown = sorted(
            (e for e in self._entries if chosen.matches(e)), key=lambda e: e.language != ui
        )
        self.query_one(ScenarioTable).show(shown)
        empty = self.query_one("#empty", Static)
        empty.update("" if shown else t("home.empty" if self._entries else "home.no_scenarios"))
        empty.display = not shown

    def on_scenario_filters_changed(self, event: ScenarioFilters.Changed) -> None:
        self._refresh_table(event.chosen)
        if event.chosen.language != (self.cc.settings.language_filter or ALL):
            self.cc.remember_language_filter(event.chosen.language)

    def on_scenario_table_chosen(self, event: ScenarioTable.Chosen) -> None:
        self.cc.open_briefing(event.scenario_id)

    def action_history(self) -> None:
        from simulator.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_progress(self) -> None:
        trainee = self.cc.options.trainee
        if not trainee:
            self.notify(t("home.progress_needs_name"), severity="warning")
            return
        from simulator.team.progress import progress_of
        from simulator.tui.screens.progress import ProgressScreen

        services = self.cc.services

        def load() -> Any:
            return progress_of(cast("Any", services.store()), trainee)

        self.app.push_screen(ProgressScreen(trainee, load))

    def action_trainee(self) -> None:
        from simulator.tui.screens.trainee_name import TraineeNameScreen

        self.app.push_screen(TraineeNameScreen(self.cc.options.trainee), self._named)

    def _named(self, name: str | None) -> None:
        if name is not None:
            self.cc.set_trainee(name or None)
            self.show_trainee()
