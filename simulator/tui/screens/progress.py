"""Progress: one trainee's total score and each dimension over time, as terminal charts.

The screen is given a blocking ``load`` function (``simulator.team.progress.progress_of``
bound to a store and a trainee) and runs it in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker

from simulator.i18n import t
from simulator.team.progress import Progress
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain
from simulator.tui.widgets.progress_chart import ChartSeries, ProgressChart


def dimension_label(name: str) -> str:
    """The catalogue's name for a dimension; rubric-specific ones show as written."""
    key = f"dimension.{name}"
    label = t(key)
    return name if label == key else label


class ProgressScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "binding.back", id="progress.back"),
    ]

    def __init__(self, trainee: str, load: Callable[[], Progress]) -> None:
        super().__init__()
        translate_bindings(self)
        self.trainee = trainee
        self._load = load
        self.progress: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Static(plain(t("progress.title", name=self.trainee)), classes="title")
        yield Static(t("progress.loading"), id="progress-status", classes="empty")
        yield VerticalScroll(id="progress-charts")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, group="store", exclusive=True, exit_on_error=False)
    def load(self) -> None:
        progress = self._load()
        self.app.call_from_thread(self.show, progress)

    def show(self, progress: Progress) -> None:
        self.progress = progress
        status = self.query_one("#progress-status", Static)
        status.update(t("progress.empty") if progress.empty else "")
        status.display = progress.empty
        box = self.query_one("#progress-charts", VerticalScroll)
        box.remove_children()
        if progress.empty:
            return
        total = ProgressChart(
            t("progress.total", count=len(progress.totals)), rows=8, id="chart-total"
        )
        charts = [total]
        for name in progress.dimensions:
            charts.append(ProgressChart(dimension_label(name), rows=4, id=f"chart-{name}"))
        box.mount_all(charts)
        total.show([ChartSeries(t("progress.series_total"), progress.totals)], progress.pass_mark)
        for chart, (name, values) in zip(charts[1:], progress.dimensions.items(), strict=True):
            chart.show([ChartSeries(dimension_label(name), values)])

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from simulator.tui.worker_errors import report_failure

        report_failure(self.app, event)
