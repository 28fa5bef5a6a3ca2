"""The interactive drill: one attempt at a scenario set, taken in the TUI.

``callcoach drill SET`` takes the attempt (``prepare_drill``) and hands the app a
``TuiDrill``; the screens ask it for the next scenario, tell it each call's result and
finish the run once (after the last scenario, or when the trainee quits early — the
attempt is spent either way, and a call never taken counts 0).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock, MonotonicClock
from simulator.team.drill import CallResult, DrillOutcome, DrillPlan, DrillStore
from simulator.tui.services import CallOptions, Library, Services, SessionFactory, make_session

if TYPE_CHECKING:
    from simulator.scenario.model import Scenario
    from simulator.store import Store


class TuiDrill:
    """How far one drill run has got, and the store its calls go to."""

    def __init__(self, plan: DrillPlan, store: Store) -> None:
        self.plan = plan
        self.store = store
        self.outcome: DrillOutcome | None = None
        self._lock = threading.Lock()  # finish may be asked from a worker and on exit

    @property
    def rules_time_limit(self) -> float | None:
        return self.plan.rules.time_limit

    def result_of(self, scenario_id: str) -> CallResult | None:
        return next((r for r in self.plan.results if r.scenario_id == scenario_id), None)

    def next_scenario(self) -> Scenario | None:
        """The first scenario of the set without a result yet (None: all taken)."""
        return next((s for s in self.plan.scenarios if self.result_of(s.id) is None), None)

    def record(
        self, scenario_id: str, record: Mapping[str, Any], card: Mapping[str, Any] | None
    ) -> None:
        """The call's result; only the first call of a scenario counts in a drill."""
        if self.result_of(scenario_id) is not None:
            return
        events = record.get("events") or []
        self.plan.results.append(
            CallResult(
                scenario_id=scenario_id,
                session_id=str(record.get("id", "")),
                outcome=str(record.get("outcome")),
                total=None if card is None else card.get("total"),
                passed=None if card is None else card.get("passed"),
                timed_out=any(e.get("kind") == "time_up" for e in events),
            )
        )

    def scenario_passed(self, scenario_id: str) -> bool | None:
        """Against the set's (or assignment's) pass mark; None when not taken/scored."""
        result = self.result_of(scenario_id)
        if result is None or result.total is None:
            return None
        return float(result.total) >= self.plan.rules.pass_mark

    @property
    def done(self) -> bool:
        return self.next_scenario() is None

    def finish(self) -> DrillOutcome:
        """Closes the run (once) and scores it from the database. Blocking."""
        with self._lock:
            if self.outcome is None:
                self.outcome = self.plan.finish(self.store)
            return self.outcome


def drill_services(
    drill: TuiDrill,
    library: Library,
    settings_path: Path | None,
    *,
    clock_factory: Callable[[], Clock] = MonotonicClock,
    session_factory: SessionFactory | None = None,
) -> Services:
    """Services whose store links each drill call to the run (tests pass their own
    ``session_factory``; the time limit is a call option, ``drill_options``)."""
    return Services(
        library=library,
        open_store=lambda: DrillStore(drill.store, drill.plan),
        clock_factory=clock_factory,
        session_factory=session_factory or make_session,
        settings_path=settings_path,
    )


def drill_options(drill: TuiDrill, base: CallOptions | None = None) -> CallOptions:
    """Drill rules on the call options: no practice (hints), text input, the trainee,
    the time limit."""
    from dataclasses import replace

    return replace(
        base or CallOptions(),
        trainee=drill.plan.trainee,
        practice=False,
        input="text",
        drill=True,
        time_limit=drill.rules_time_limit,
    )


def build_drill_app(
    drill: TuiDrill, library: Library, settings_path: Path | None, **services: Any
) -> Any:
    """The CallCoach app opened on the drill's screen (``services``: test doubles for
    ``drill_services``)."""
    from simulator.tui.app import CallCoachApp

    return CallCoachApp(
        drill_services(drill, library, settings_path, **services),
        drill_options(drill),
        drill=drill,
    )
