"""What the TUI shows about one trainee: scores over time (progress screen) and the
assignments still to do (home screen). Blocking calls: run them in a worker thread."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.store import Store
    from simulator.store.teams import AssignmentView


@dataclass(frozen=True)
class Progress:
    trainee: str
    labels: list[str]  # one per finished session, oldest first ("11-23")
    totals: list[float | None]
    dimensions: dict[str, list[float | None]]  # dimension → one value per session
    pass_mark: float | None

    @property
    def empty(self) -> bool:
        return not self.totals


def progress_of(store: Store, trainee: str, limit: int = 200) -> Progress:
    """The trainee's last ``limit`` scored sessions, oldest first."""
    from collections import Counter

    from simulator.report.data import ReportFilter, gather

    rows = [r for r in gather(store, ReportFilter(trainee=trainee)).rows if r.total is not None]
    rows = rows[-limit:]
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row.dimensions))
    marks = Counter(r.pass_mark for r in rows if r.pass_mark is not None)
    return Progress(
        trainee=trainee,
        labels=[r.started_at.astimezone().strftime("%m-%d") for r in rows],
        totals=[r.total for r in rows],
        dimensions={n: [r.dimensions.get(n) for r in rows] for n in names},
        pass_mark=marks.most_common(1)[0][0] if marks else None,
    )


def due_for(store: Store, trainee: str, today: date | None = None) -> list[AssignmentView]:
    """Assignments the trainee can still do (not passed, attempts left), soonest first;
    overdue ones included (their ``status(today)`` says so)."""
    from simulator.store.teams import assignments_of

    views = store.read(lambda db: assignments_of(db, trainee))
    return [v for v in views if not v.passed and v.attempts_left > 0]
