"""Drill runs: taking an attempt, linking its calls, scoring it, the leaderboard.

A run's score is the sum of its calls' totals over the number of scenarios in the set
(a call never taken counts 0), so an abandoned half-run cannot beat a whole one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from simulator.errors import CallCoachError
from simulator.store.models import DrillRun, DrillSession, Session, TeamMember, Trainee


class AttemptsUsedUp(CallCoachError):
    pass


@dataclass(frozen=True)
class RunTicket:
    run_id: int
    attempt: int
    allowed: int


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int
    set_id: str
    trainee: str
    score: float
    passed: bool
    finished_at: datetime
    attempt: int

    def as_json(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "set": self.set_id,
            "trainee": self.trainee,
            "score": round(self.score, 1),
            "passed": self.passed,
            "finished_at": self.finished_at.isoformat(),
            "attempt": self.attempt,
        }


@dataclass(frozen=True)
class RunRules:
    set_id: str
    trainee_id: int
    assignment_id: int | None
    allowed: int
    scenario_count: int
    pass_mark: int
    # Every assignment whose runs count toward this one's attempts (the trainee's
    # merged assignments of the set); empty = only ``assignment_id`` itself.
    counted: tuple[int, ...] = ()


def start_run(db: OrmSession, rules: RunRules) -> RunTicket:
    """Take the next attempt, or raise AttemptsUsedUp. The unique key on (set, trainee,
    assignment, attempt) means two drills started at once cannot take the same one:
    the loser's insert fails in its savepoint and it tries the next number."""
    key = rules.assignment_id or 0
    counted = rules.counted if rules.assignment_id and rules.counted else (key,)
    for _ in range(rules.allowed + 1):
        used = db.scalar(
            select(func.count(DrillRun.id)).where(
                DrillRun.set_id == rules.set_id,
                DrillRun.trainee_id == rules.trainee_id,
                DrillRun.assignment_key.in_(counted),
            )
        )
        attempt = int(used or 0) + 1
        if attempt > rules.allowed:
            break
        run = DrillRun(
            set_id=rules.set_id,
            trainee_id=rules.trainee_id,
            assignment_id=rules.assignment_id,
            assignment_key=key,
            attempt=attempt,
            scenario_count=rules.scenario_count,
            pass_mark=rules.pass_mark,
            started_at=datetime.now(UTC),
        )
        try:
            with db.begin_nested():
                db.add(run)
        except IntegrityError:
            continue
        return RunTicket(run.id, attempt, rules.allowed)
    spent = "the one attempt" if rules.allowed == 1 else f"all {rules.allowed} attempts"
    verb = "is" if rules.allowed == 1 else "are"
    raise AttemptsUsedUp(
        f"{spent} at {rules.set_id} {verb} used up"
        " (a trainer can assign it again with more attempts)"
    )


def link_session(db: OrmSession, run_id: int, session_id: str) -> None:
    db.add(DrillSession(session_id=session_id, run_id=run_id))


def finish_run(db: OrmSession, run_id: int) -> None:
    db.execute(update(DrillRun).where(DrillRun.id == run_id).values(finished_at=datetime.now(UTC)))


def run_scores(*conditions: Any) -> Any:
    """run_id, score of every finished DrillRun matching ``conditions`` (filtering here,
    inside the grouping, means the database scores only the runs asked for)."""
    total = func.coalesce(func.sum(Session.total_score), 0.0)
    return (
        select(
            DrillRun.id.label("run_id"),
            (total / DrillRun.scenario_count).label("score"),
        )
        .outerjoin(DrillSession, DrillSession.run_id == DrillRun.id)
        .outerjoin(Session, Session.id == DrillSession.session_id)
        .where(DrillRun.finished_at.is_not(None), *conditions)
        .group_by(DrillRun.id, DrillRun.scenario_count)
    )


def run_score(db: OrmSession, run_id: int) -> float | None:
    scores = run_scores(DrillRun.id == run_id).subquery()
    value = db.scalar(select(scores.c.score))
    return None if value is None else float(value)


def leaderboard(
    db: OrmSession, *, set_id: str | None = None, member_ids: list[int] | None = None
) -> list[LeaderboardRow]:
    """Best finished run per trainee per set; ties go to whoever finished first."""
    conditions = []
    if set_id is not None:
        conditions.append(DrillRun.set_id == set_id)
    if member_ids is not None:
        conditions.append(DrillRun.trainee_id.in_(member_ids or [-1]))
    scores = run_scores(*conditions).subquery()
    ranked = select(
        DrillRun.set_id,
        DrillRun.trainee_id,
        DrillRun.attempt,
        DrillRun.pass_mark,
        DrillRun.finished_at,
        scores.c.score,
        func.row_number()
        .over(
            partition_by=(DrillRun.set_id, DrillRun.trainee_id),
            order_by=(scores.c.score.desc(), DrillRun.finished_at, DrillRun.id),
        )
        .label("nth"),
    ).join(scores, scores.c.run_id == DrillRun.id)
    if set_id is not None:
        ranked = ranked.where(DrillRun.set_id == set_id)
    if member_ids is not None:
        ranked = ranked.where(DrillRun.trainee_id.in_(member_ids or [-1]))
    best = ranked.subquery()
    rows = db.execute(
        select(best, Trainee.name)
        .join(Trainee, Trainee.id == best.c.trainee_id)
        .where(best.c.nth == 1)
        .order_by(best.c.set_id, best.c.score.desc(), best.c.finished_at, Trainee.name)
    )
    board: list[LeaderboardRow] = []
    rank_in_set: dict[str, int] = {}
    for row in rows:
        rank = rank_in_set[row.set_id] = rank_in_set.get(row.set_id, 0) + 1
        board.append(
            LeaderboardRow(
                rank=rank,
                set_id=row.set_id,
                trainee=row.name,
                score=float(row.score),
                passed=float(row.score) >= row.pass_mark,
                finished_at=_aware(row.finished_at),
                attempt=row.attempt,
            )
        )
    return board


def team_ids(db: OrmSession, team_id: int) -> list[int]:
    return list(db.scalars(select(TeamMember.trainee_id).where(TeamMember.team_id == team_id)))


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
