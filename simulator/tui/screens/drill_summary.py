"""The drill's own screen (the app's first screen in a drill): the set, its rules and
each scenario's result so far; Enter takes the next scenario. Once every scenario is
taken it closes the run and shows the drill's score against the pass mark."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Static

from simulator.i18n import label, t
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import cell, plain
from simulator.tui.worker_errors import WorkerScreen

if TYPE_CHECKING:
    from simulator.team.drill import DrillOutcome
    from simulator.tui.app import CallCoachApp
    from simulator.tui.drill import TuiDrill


def clock_text(seconds: float) -> str:
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes:02d}:{rest:02d}"


class DrillScreen(WorkerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "next", "binding.next_scenario", id="drill.next"),
        Binding("q,escape", "leave", "binding.quit", id="drill.quit"),
    ]

    def __init__(self, drill: TuiDrill) -> None:
        super().__init__()
        self.drill = drill
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        plan = self.drill.plan
        yield Static(plain(t("drill.title", title=plan.drill_set.title)), classes="title")
        yield Static(self._rules_text(), id="drill-rules")
        table: DataTable[str] = DataTable(id="drill-table", cursor_type="none")
        table.can_focus = False  # Enter belongs to the screen (next scenario)
        yield table
        yield Static(id="drill-verdict")
        yield Footer()

    def _rules_text(self) -> str:
        plan, limit = self.drill.plan, self.drill.plan.rules.time_limit
        return t(
            "drill.rules",
            trainee=plan.trainee,
            attempt=plan.attempt,
            attempts=plan.rules.attempts,
            pass_mark=plan.rules.pass_mark,
            limit=t("drill.no_limit") if limit is None else clock_text(limit),
        )

    def on_mount(self) -> None:
        table = self.query_one("#drill-table", DataTable)
        # Score and verdict first: a long scenario title must not push them off screen.
        table.add_columns(t("drill.col.score"), t("drill.col.result"), t("drill.col.scenario"))
        self._show()

    def on_screen_resume(self) -> None:
        self._show()

    def _show(self) -> None:
        table = self.query_one("#drill-table", DataTable)
        table.clear()
        for scenario in self.drill.plan.scenarios:
            table.add_row(*self._score_cells(scenario.id), cell(scenario.title))
        verdict = self.query_one("#drill-verdict", Static)
        following = self.drill.next_scenario()
        if following is not None:
            verdict.update(plain(t("drill.next", title=following.title)))
        elif self.drill.outcome is None:
            verdict.update(t("drill.finishing"))
            self.finish()
        else:
            verdict.update(self._verdict_text(self.drill.outcome))
        self.refresh_bindings()

    def _score_cells(self, scenario_id: str) -> tuple[str, str]:
        result = self.drill.result_of(scenario_id)
        if result is None:
            return "-", t("drill.not_taken")
        score = "-" if result.total is None else f"{float(result.total):g}"
        if result.timed_out:
            score = f"{score} {t('drill.timed_out')}"
        passed = self.drill.scenario_passed(scenario_id)
        verdict = label("outcome", result.outcome)
        if passed is not None:
            verdict = t("result.passed" if passed else "result.failed")
        return score, verdict

    def _verdict_text(self, outcome: DrillOutcome) -> str:
        return t(
            "drill.total",
            score=f"{outcome.score:.1f}",
            pass_mark=outcome.plan.rules.pass_mark,
            verdict=t("result.passed" if outcome.passed else "result.failed"),
        )

    @work(thread=True, group="store", exclusive=True, exit_on_error=False)
    def finish(self) -> None:
        self.drill.finish()  # a failure is reported by the one error handler
        self.app.call_from_thread(self._show)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return not self.drill.done
        return True

    def action_next(self) -> None:
        from simulator.tui.screens.briefing import BriefingScreen

        following = self.drill.next_scenario()
        if following is not None:
            self.app.push_screen(BriefingScreen(following, self.cc.options))

    def action_leave(self) -> None:
        """Leaving before the end spends the attempt (untaken scenarios count 0): ask."""
        if self.drill.done:
            self.app.exit()
            return
        from simulator.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(t("drill.confirm_quit")), self._leave_confirmed)

    def _leave_confirmed(self, yes: bool | None) -> None:
        if yes:
            self.app.exit()
