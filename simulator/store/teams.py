"""Users (trainees and trainers), teams and assignments: the rows behind
``callcoach trainee``, ``assign`` and ``assignments``.

Every function takes an open ORM session (run it inside ``Store.read``/``Store.write``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from simulator.errors import CallCoachError
from simulator.store.models import Assignment, DrillRun, Team, TeamMember, Trainee
from simulator.store.names import new_name, trainee_name

ROLES = ("trainee", "trainer")


@dataclass(frozen=True)
class UserInfo:
    name: str
    role: str
    teams: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "teams": list(self.teams)}


@dataclass(frozen=True)
class AssignmentView:
    """One assignment as one trainee sees it."""

    id: int
    set_id: str
    trainee: str
    team: str | None  # the team it came through, None for a personal one
    due: date
    pass_mark: int
    attempts: int
    time_limit: float | None
    attempts_used: int
    best: float | None
    passed: bool
    merged: tuple[int, ...] = ()  # every assignment of this set to this trainee (counted)

    @property
    def attempts_left(self) -> int:
        return max(0, self.attempts - self.attempts_used)

    def status(self, today: date) -> str:
        if self.passed:
            return "passed"
        if self.attempts_left == 0:
            return "failed"
        return "overdue" if today > self.due else "due"

    def as_json(self, today: date) -> dict[str, Any]:
        return {
            "id": self.id,
            "set": self.set_id,
            "trainee": self.trainee,
            "team": self.team,
            "due": self.due.isoformat(),
            "pass_mark": self.pass_mark,
            "attempts": self.attempts,
            "attempts_used": self.attempts_used,
            "time_limit": self.time_limit,
            "best": self.best,
            "status": self.status(today),
            "merged": list(self.merged),
        }


# -- users and teams -------------------------------------------------------------------
def find_user(db: OrmSession, name: str) -> Trainee | None:
    return db.scalar(select(Trainee).where(Trainee.name == trainee_name(name)))


def ensure_user(db: OrmSession, name: str) -> Trainee:
    """The user named ``name``, created as a trainee on first use. Two writers may race
    to create the same user: the loser's insert fails inside a savepoint and it reads
    the winner's row."""
    clean = new_name(name, "user")
    if not clean:
        raise CallCoachError("a user name cannot be empty")
    found = find_user(db, clean)
    if found is not None:
        return found
    user = Trainee(name=clean, created_at=datetime.now(UTC), role="trainee")
    try:
        with db.begin_nested():
            db.add(user)
    except IntegrityError:
        found = find_user(db, clean)
        if found is None:
            raise
        return found
    return user


def set_role(db: OrmSession, name: str, role: str, by: str | None = None) -> Trainee:
    """``by``: who asks. The last trainer cannot demote themselves (nobody would be
    left to manage the team, and on SQLite the database would fall open)."""
    if role not in ROLES:
        raise CallCoachError(f"unknown role {role!r} (expected {' or '.join(ROLES)})")
    user = ensure_user(db, name)
    if user.role == "trainer" and role != "trainer" and by is not None and user.name == by:
        trainers = db.scalar(select(func.count()).where(Trainee.role == "trainer"))
        if trainers == 1:
            raise CallCoachError(
                f"{user.name} is the last trainer: make someone else a trainer first"
            )
    user.role = role
    return user


def ensure_team(db: OrmSession, name: str) -> Team:
    clean = new_name(name, "team")
    if not clean:
        raise CallCoachError("a team name cannot be empty")
    found = db.scalar(select(Team).where(Team.name == clean))
    if found is not None:
        return found
    team = Team(name=clean, created_at=datetime.now(UTC))
    try:
        with db.begin_nested():
            db.add(team)
    except IntegrityError:
        found = db.scalar(select(Team).where(Team.name == clean))
        if found is None:
            raise
        return found
    return team


def find_team(db: OrmSession, name: str) -> Team:
    team = db.scalar(select(Team).where(Team.name == trainee_name(name)))
    if team is None:
        raise CallCoachError(f"no team {name!r} (`callcoach trainee list` shows the teams)")
    return team


def join_team(db: OrmSession, user: str, team: str) -> None:
    member = ensure_user(db, user)
    group = ensure_team(db, team)
    if db.get(TeamMember, (group.id, member.id)) is None:
        db.add(TeamMember(team_id=group.id, trainee_id=member.id))


def leave_team(db: OrmSession, user: str, team: str) -> None:
    member = find_user(db, user)
    group = find_team(db, team)
    row = None if member is None else db.get(TeamMember, (group.id, member.id))
    if row is None:
        raise CallCoachError(f"{user} is not in team {group.name}")
    db.delete(row)


def team_member_ids(db: OrmSession, team: str) -> list[int]:
    group = find_team(db, team)
    return list(db.scalars(select(TeamMember.trainee_id).where(TeamMember.team_id == group.id)))


def list_users(db: OrmSession) -> list[UserInfo]:
    teams: dict[int, list[str]] = {}
    rows = db.execute(
        select(TeamMember.trainee_id, Team.name).join(Team, Team.id == TeamMember.team_id)
    )
    for trainee_id, team in rows:
        teams.setdefault(trainee_id, []).append(team)
    users = db.scalars(select(Trainee).order_by(Trainee.name))
    return [UserInfo(u.name, u.role, tuple(sorted(teams.get(u.id, [])))) for u in users]


def any_trainer(db: OrmSession) -> bool:
    return db.scalar(select(func.count()).where(Trainee.role == "trainer")) != 0


# -- assignments -----------------------------------------------------------------------
@dataclass(frozen=True)
class NewAssignment:
    set_id: str
    due: date
    pass_mark: int
    attempts: int
    time_limit: float | None
    trainee: str | None = None
    team: str | None = None
    created_by: str | None = None
    scenario_count: int | None = None  # the set's size: a drill run must match it


def add_assignment(db: OrmSession, new: NewAssignment) -> int:
    if (new.trainee is None) == (new.team is None):
        raise CallCoachError("assign a set to one trainee or to one team")
    row = Assignment(
        set_id=new.set_id,
        trainee_id=ensure_user(db, new.trainee).id if new.trainee else None,
        team_id=ensure_team(db, new.team).id if new.team else None,
        due=new.due,
        pass_mark=new.pass_mark,
        attempts=new.attempts,
        time_limit=new.time_limit,
        created_at=datetime.now(UTC),
        created_by=new.created_by,
        scenario_count=new.scenario_count,
    )
    db.add(row)
    db.flush()
    return row.id


def assignments_of(db: OrmSession, trainee: str | None = None) -> list[AssignmentView]:
    """One effective assignment per trainee and set — only ``trainee``'s when given —
    with the trainee's progress on it. Soonest due first.

    A set can reach a trainee more than once (assigned to them and to their team, or
    assigned again). The rule: a personal assignment wins over a team one, and among
    the same kind the newest wins; its due date, pass mark, attempts and time limit
    apply. Attempts are counted once, over the trainee's drills under any of those
    assignments, so re-assigning with more attempts gives the difference."""
    groups: dict[tuple[int, str], list[tuple[Assignment, tuple[str, str | None]]]] = {}
    for assignment, trainee_id, names in _assignment_pairs(db, trainee):
        groups.setdefault((trainee_id, assignment.set_id), []).append((assignment, names))
    runs = _progress(db, {(a.id, tid) for (tid, _), rows in groups.items() for a, _ in rows})
    views = []
    for (trainee_id, _), rows in groups.items():
        assignment, names = max(rows, key=_precedence)
        merged = tuple(sorted(a.id for a, _ in rows))
        used, best = _merged_progress(runs, merged, trainee_id)
        views.append(
            AssignmentView(
                id=assignment.id,
                set_id=assignment.set_id,
                trainee=names[0],
                team=names[1],
                due=assignment.due,
                pass_mark=assignment.pass_mark,
                attempts=assignment.attempts,
                time_limit=assignment.time_limit,
                attempts_used=used,
                best=best,
                passed=best is not None and best >= assignment.pass_mark,
                merged=merged,
            )
        )
    return sorted(views, key=lambda v: (v.due, v.set_id, v.trainee, v.id))


def _precedence(row: tuple[Assignment, tuple[str, str | None]]) -> tuple[bool, Any, int]:
    """Personal before team, then the newest (ids break ties within one instant)."""
    assignment, (_, team) = row
    return (team is None, _aware(assignment.created_at), assignment.id)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _merged_progress(
    runs: dict[tuple[int, int], tuple[int, float | None]], merged: tuple[int, ...], trainee_id: int
) -> tuple[int, float | None]:
    used, best = 0, None
    for assignment_id in merged:
        count, top = runs.get((assignment_id, trainee_id), (0, None))
        used += count
        if top is not None and (best is None or top > best):
            best = top
    return used, best


def _assignment_pairs(
    db: OrmSession, trainee: str | None
) -> list[tuple[Assignment, int, tuple[str, str | None]]]:
    personal = select(Assignment, Trainee.id, Trainee.name).join(
        Trainee, Trainee.id == Assignment.trainee_id
    )
    via_team = (
        select(Assignment, Trainee.id, Trainee.name, Team.name)
        .join(Team, Team.id == Assignment.team_id)
        .join(TeamMember, TeamMember.team_id == Team.id)
        .join(Trainee, Trainee.id == TeamMember.trainee_id)
    )
    if trainee is not None:
        personal = personal.where(Trainee.name == trainee_name(trainee))
        via_team = via_team.where(Trainee.name == trainee_name(trainee))
    pairs: list[tuple[Assignment, int, tuple[str, str | None]]] = [
        (a, tid, (name, None)) for a, tid, name in db.execute(personal)
    ]
    pairs += [(a, tid, (name, team)) for a, tid, name, team in db.execute(via_team)]
    return pairs


def _progress(
    db: OrmSession, keys: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[int, float | None]]:
    """(assignment, trainee) → attempts used, best finished score."""
    from simulator.store.drills import run_scores

    if not keys:
        return {}
    assignment_ids = {a for a, _ in keys}
    scores = run_scores(DrillRun.assignment_key.in_(assignment_ids)).subquery()
    rows = db.execute(
        select(
            DrillRun.assignment_key,
            DrillRun.trainee_id,
            func.count(DrillRun.id),
            func.max(scores.c.score),
        )
        .outerjoin(scores, scores.c.run_id == DrillRun.id)
        .where(DrillRun.assignment_key.in_(assignment_ids))
        .group_by(DrillRun.assignment_key, DrillRun.trainee_id)
    )
    result = {}
    for assignment_id, trainee_id, used, best in rows:
        result[(assignment_id, trainee_id)] = (int(used), None if best is None else float(best))
    return result


def open_assignment_for(db: OrmSession, trainee: str, set_id: str) -> AssignmentView | None:
    """The trainee's effective assignment of ``set_id`` (see ``assignments_of``), which a
    drill counts toward; None when the set is not assigned to them."""
    views = [v for v in assignments_of(db, trainee) if v.set_id == set_id]
    return views[0] if views else None


def merge_note(db: OrmSession, assignment_id: int) -> str | None:
    """What a new assignment did to the trainees it reaches, when it met earlier
    assignments of the same set (one effective assignment per trainee and set)."""
    row = db.get(Assignment, assignment_id)
    if row is None:
        return None
    if row.trainee_id is not None:
        reached = [row.trainee_id]
    else:
        reached = list(
            db.scalars(select(TeamMember.trainee_id).where(TeamMember.team_id == row.team_id))
        )
    kept, replaced = 0, 0
    for trainee_id in reached:
        name = db.scalar(select(Trainee.name).where(Trainee.id == trainee_id))
        views = [v for v in assignments_of(db, name) if v.set_id == row.set_id]
        if views and views[0].id != assignment_id:
            kept += 1
        elif views and len(views[0].merged) > 1:
            replaced += 1
    parts = []
    if replaced:
        parts.append(
            f"it replaces an earlier assignment of {row.set_id} for {replaced} trainee(s);"
            " attempts already used count toward it"
        )
    if kept:
        parts.append(f"{kept} trainee(s) keep their own assignment (personal wins over team)")
    return "; ".join(parts) or None
