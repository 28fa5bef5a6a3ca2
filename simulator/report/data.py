"""What a report is about: the finished, scored sessions of one trainee, a team or a
set, oldest first, with the total and each dimension's score."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store


UNNAMED = "(no name set)"


@dataclass(frozen=True)
class ReportFilter:
    trainee: str | None = None
    team: str | None = None
    set_id: str | None = None
    scenario_ids: tuple[str, ...] = ()  # the set's scenarios (from the library)

    def title(self) -> str:
        parts = [
            f"trainee {self.trainee}" if self.trainee else "",
            f"team {self.team}" if self.team else "",
            f"set {self.set_id}" if self.set_id else "",
        ]
        return ", ".join(p for p in parts if p) or "all trainees"


@dataclass(frozen=True)
class ReportRow:
    session_id: str
    started_at: datetime
    trainee: str  # "" for a call made before any name was set
    scenario_id: str
    scenario_title: str
    language: str
    outcome: str
    total: float | None
    passed: bool | None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    pass_mark: float | None = None  # the scenario's, from the record's guide


@dataclass(frozen=True)
class ReportData:
    filter: ReportFilter
    rows: list[ReportRow]

    @property
    def dimension_names(self) -> list[str]:
        names: dict[str, None] = {}
        for row in self.rows:
            names.update(dict.fromkeys(row.dimensions))
        return list(names)

    @property
    def trainees(self) -> list[str]:
        return sorted({r.trainee for r in self.rows})

    def of(self, trainee: str) -> list[ReportRow]:
        return [r for r in self.rows if r.trainee == trainee]


def gather(store: Store, wanted: ReportFilter) -> ReportData:
    return ReportData(wanted, store.read(lambda db: _rows(db, wanted), "read reports from"))


def _rows(db: OrmSession, wanted: ReportFilter) -> list[ReportRow]:
    from sqlalchemy import select

    from simulator.store.models import Session, Trainee
    from simulator.store.names import trainee_name
    from simulator.store.teams import team_member_ids

    # Outer join: a solo user who never set a name has sessions without a trainee.
    query = (
        select(Session, Trainee.name)
        .outerjoin(Trainee, Trainee.id == Session.trainee_id)
        .where(Session.complete.is_(True))
        .order_by(Session.started_at, Session.id)
    )
    if wanted.trainee:
        query = query.where(Trainee.name == trainee_name(wanted.trainee))
    if wanted.team:
        query = query.where(Trainee.id.in_(team_member_ids(db, wanted.team) or [-1]))
    if wanted.set_id:
        query = query.where(Session.scenario_id.in_(wanted.scenario_ids or ("",)))
    return [_row(session, name or "") for session, name in db.execute(query)]


def _row(session: Any, trainee: str) -> ReportRow:
    card = session.scorecard or {}
    return ReportRow(
        session_id=session.id,
        started_at=session.started_at,
        trainee=trainee,
        scenario_id=session.scenario_id,
        scenario_title=session.scenario_title or session.scenario_id,
        language=session.language or "",
        outcome=session.outcome or "incomplete",
        total=session.total_score,
        passed=session.passed,
        dimensions=_dimensions(card.get("dimensions")),
        pass_mark=_pass_mark(session.header),
    )


def _pass_mark(header: Any) -> float | None:
    guide = header.get("guide") if isinstance(header, dict) else None
    mark = guide.get("pass_mark") if isinstance(guide, dict) else None
    if isinstance(mark, int | float) and not isinstance(mark, bool):
        return float(mark)
    return None


def _dimensions(raw: Any) -> dict[str, float | None]:
    if not isinstance(raw, dict):
        return {}
    found: dict[str, float | None] = {}
    for name, value in raw.items():
        score = value.get("score") if isinstance(value, dict) else None
        if isinstance(score, int | float) and not isinstance(score, bool):
            found[str(name)] = float(score)
        else:
            found[str(name)] = None
    return found


def shown_name(trainee: str) -> str:
    """How a report names a trainee; calls made with no name set are grouped together."""
    return trainee or UNNAMED


def mean(values: Sequence[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return sum(numbers) / len(numbers) if numbers else None
