"""Delete everything about one trainee on request: sessions (with their utterances and
events), drill runs and their results, personal assignments, team memberships, the
user row, and the recordings: in the database (a shared PostgreSQL one keeps them
there, so a purge from any machine removes them) and under
``recordings_dir()/<session id>*`` on this machine.

Database rows go first, in one transaction; recordings after it commits, so a failure
half-way never leaves rows pointing at deleted audio.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store


@dataclass(frozen=True)
class PurgeCounts:
    trainee: str
    sessions: int
    utterances: int
    events: int
    drill_runs: int
    assignments: int
    recordings: int


@dataclass(frozen=True)
class _Deleted:
    session_ids: list[str]
    utterances: int
    events: int
    drill_runs: int
    assignments: int
    recordings: set[str]  # sessions whose recording the database held


def purge_trainee(store: Store, name: str, recordings: Path | None = None) -> PurgeCounts:
    from simulator.paths import recordings_dir

    deleted = store.write(lambda db: _delete_rows(db, name), "purge from")
    folder = recordings if recordings is not None else recordings_dir()
    # Files on this disk, plus the database's copies of calls with no file here (the
    # same call's WAV in both places counts once).
    on_disk = {sid: _remove_recordings(folder, sid) for sid in deleted.session_ids}
    removed = sum(on_disk.values()) + sum(1 for s in deleted.recordings if not on_disk.get(s))
    return PurgeCounts(
        trainee=name,
        sessions=len(deleted.session_ids),
        utterances=deleted.utterances,
        events=deleted.events,
        drill_runs=deleted.drill_runs,
        assignments=deleted.assignments,
        recordings=removed,
    )


def _delete_rows(db: OrmSession, name: str) -> _Deleted:
    from sqlalchemy import delete, func, select

    from simulator.store.models import (
        Assignment,
        DrillRun,
        DrillSession,
        Event,
        Recording,
        Session,
        TeamMember,
        Utterance,
    )
    from simulator.store.recordings import recording_ids
    from simulator.store.teams import find_user

    user = find_user(db, name)
    if user is None:
        from simulator.i18n import t

        raise CallCoachError(t("purge.no_trainee", name=name))
    ids = list(db.scalars(select(Session.id).where(Session.trainee_id == user.id)))

    def count(model: type, where: Any) -> int:
        return int(db.scalar(select(func.count()).select_from(model).where(where)) or 0)

    in_ids = Utterance.session_id.in_(ids)
    utterances = count(Utterance, in_ids)
    events = count(Event, Event.session_id.in_(ids))
    runs = count(DrillRun, DrillRun.trainee_id == user.id)
    assignments = count(Assignment, Assignment.trainee_id == user.id)
    kept = recording_ids(db, ids)
    # Children first and explicitly: correct even where foreign keys are not enforced.
    for model, where in (
        (Recording, Recording.session_id.in_(ids)),
        (Utterance, in_ids),
        (Event, Event.session_id.in_(ids)),
        (DrillSession, DrillSession.session_id.in_(ids)),
        (Session, Session.id.in_(ids)),
    ):
        db.execute(delete(model).where(where))
    run_ids = select(DrillRun.id).where(DrillRun.trainee_id == user.id)
    db.execute(delete(DrillSession).where(DrillSession.run_id.in_(run_ids)))
    db.execute(delete(DrillRun).where(DrillRun.trainee_id == user.id))
    personal = select(Assignment.id).where(Assignment.trainee_id == user.id)
    db.execute(delete(DrillRun).where(DrillRun.assignment_id.in_(personal)))
    db.execute(delete(Assignment).where(Assignment.trainee_id == user.id))
    db.execute(delete(TeamMember).where(TeamMember.trainee_id == user.id))
    db.delete(user)
    return _Deleted(ids, utterances, events, runs, assignments, kept)


def _remove_recordings(folder: Path, session_id: str) -> int:
    """Files and folders named ``<session id>*`` (the id is hex: no glob characters)."""
    import shutil

    if not folder.is_dir() or not session_id.replace("-", "").isalnum():
        return 0
    removed = 0
    for path in folder.glob(f"{session_id}*"):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError as error:
            raise CallCoachError(
                f"{path}: cannot delete the recording ({error.strerror}); the database"
                " rows are already gone — delete the file by hand"
            ) from None
        removed += 1
    return removed
