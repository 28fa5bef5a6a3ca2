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

from simulator.i18n import current_language
from simulator.team.progress import Progress
from simulator.tui.widgets.progress_chart import ChartSeries, ProgressChart

# Until these move into the i18n catalogue (ja.py / en.py are another helper's files).
TEXTS = {
    "ja": {
        "title": "{name} さんの成績の推移",
        "loading": "読み込み中…",
        "empty": "採点済みの通話はまだありません。",
        "total": "総合点（{count} 件）",
        "back": "戻る",
    },
    "en": {
        "title": "Progress of {name}",
        "loading": "Loading…",
        "empty": "No scored calls yet.",
        "total": "Total score ({count} calls)",
        "back": "Back",
    },
}


def text(key: str, **values: object) -> str:
    table = TEXTS.get(current_language(), TEXTS["en"])
    return table[key].format(**values)


class ProgressScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="progress.back"),
    ]

    def __init__(self, trainee: str, load: Callable[[], Progress]) -> None:
        super().__init__()
        self.trainee = trainee
        self._load = load
        self.progress: Progress | None = None

    def compose(self) -> ComposeResult:
        yield Static(text("title", name=self.trainee), classes="title")
        yield Static(text("loading"), id="progress-status", classes="empty")
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
        status.update(text("empty") if progress.empty else "")
        status.display = progress.empty
        box = self.query_one("#progress-charts", VerticalScroll)
        box.remove_children()
        if progress.empty:
            return
        total = ProgressChart(text("total", count=len(progress.totals)), rows=8, id="chart-total")
        charts = [total]
        for name in progress.dimensions:
            charts.append(ProgressChart(name, rows=4, id=f"chart-{name}"))
        box.mount_all(charts)
        total.show([ChartSeries("total", progress.totals)], progress.pass_mark)
        for chart, (name, values) in zip(charts[1:], progress.dimensions.items(), strict=True):
            chart.show([ChartSeries(name, values)])

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        from simulator.tui.worker_errors import report_failure

        report_failure(self.app, event)
