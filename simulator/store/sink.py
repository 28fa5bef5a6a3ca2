"""``SessionStore``: the SessionSink (simulator.engine.record) that writes to the database.

Every call is one short committed transaction, so whatever happened before a crash,
a kill or Ctrl-C is on disk; a session that never reaches ``session_finished`` stays
``complete = False`` with no outcome, which history shows as "incomplete".
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from simulator.errors import CallCoachError
from simulator.store.models import Event, Session, Trainee, Utterance
from simulator.store.names import new_name, trainee_name

if TYPE_CHECKING:
    from simulator.store.store import Store

# Keys of the record that are columns or rebuilt, not part of the stored header.
NOT_HEADER = ("format", "utterances", "events", "outcome")
UTTERANCE_COLUMNS = ("speaker", "turn", "start", "end", "text")
MAX_ID = 64


class SessionStore:
    """Thread-safe: calls from several threads are serialised (one sink, one call order)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._next_seq: dict[str, int] = {}
        # PostgreSQL: the call belongs to the login, finished through the server's
        # own function (trainees may not UPDATE sessions; migration 0003).
        from simulator.store.pgaccess import is_shared

        self._shared = is_shared(store)

    def session_started(self, header: dict[str, Any]) -> None:
        row = _session_row(header)
        trainee = header.get("trainee")

        def insert(db: OrmSession) -> None:
            if db.get(Session, row.id) is not None:
                raise CallCoachError(f"session {row.id} is already stored")
            if self._shared:
                _file_under_login(db, row, trainee)
            elif isinstance(trainee, str) and trainee_name(trainee):
                row.trainee_id = _known_trainee_id(db, trainee_name(trainee))
            db.add(row)

        with self._lock:
            self._store.write(insert, "start a session in")
            self._next_seq[row.id] = 0

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        row = _utterance_row(session_id, index, utterance)
        with self._lock:
            self._store.write(lambda db: db.add(row), "save an utterance to")

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        row = _utterance_row(session_id, index, utterance)
        with self._lock:
            self._store.write(lambda db: db.merge(row), "save an utterance to")

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        data = {k: v for k, v in event.items() if k not in ("t", "kind")}

        def insert(db: OrmSession) -> int:
            seq = self._next_seq.get(session_id)
            if seq is None:  # a sink that did not start this session: continue after the last
                last = db.scalar(select(func.max(Event.seq)).where(Event.session_id == session_id))
                seq = 0 if last is None else last + 1
            db.add(
                Event(
                    session_id=session_id,
                    seq=seq,
                    t=float(event.get("t", 0.0)),
                    kind=str(event.get("kind", "")),
                    data=data or None,
                )
            )
            return seq

        with self._lock:
            seq = self._store.write(insert, "save an event to")
            self._next_seq[session_id] = seq + 1

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None:
        values: dict[str, Any] = {
            "outcome": outcome,
            "complete": True,
            "ended_at": datetime.now(UTC),
            "scorecard": scorecard,
        }
        if scorecard is not None:
            values["total_score"] = _number(scorecard.get("total"))
            passed = scorecard.get("passed")
            values["passed"] = passed if isinstance(passed, bool) else None

        def finish(db: OrmSession) -> None:
            if self._shared:
                done = _finish_on_server(db, session_id, outcome, scorecard)
            else:
                result = db.execute(
                    update(Session).where(Session.id == session_id).values(**values)
                )
                done = getattr(result, "rowcount", 1) != 0
            if not done:
                raise CallCoachError(f"session {session_id} is not stored; cannot finish it")

        with self._lock:
            self._store.write(finish, "finish a session in")
            self._next_seq.pop(session_id, None)

    def recording_saved(self, session_id: str, path: Path | str) -> None:
        """On a shared database the WAV goes in too, so every machine can play it and a
        purge anywhere removes it; SQLite keeps the file in the data folder only."""
        if not self._shared:
            return
        from simulator.store.recordings import store_recording

        with self._lock:
            store_recording(self._store, session_id, Path(path))


def _session_row(header: dict[str, Any]) -> Session:
    session_id = str(header.get("id") or "")
    if not session_id or len(session_id) > MAX_ID:
        raise CallCoachError(f"session id {session_id!r} must be 1–{MAX_ID} characters")
    scenario = header.get("scenario") or {}
    return Session(
        id=session_id,
        scenario_id=str(scenario.get("id") or "?"),
        scenario_title=scenario.get("title"),
        scenario_digest=scenario.get("digest"),
        language=header.get("language"),
        caller_type=header.get("caller_type"),
        mode=header.get("mode"),
        started_at=_started_at(header.get("started_at")),
        complete=False,
        header={k: v for k, v in header.items() if k not in NOT_HEADER},
    )


def _started_at(value: Any) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise CallCoachError(f"session started_at {value!r} is not an ISO date-time") from None
    else:
        return datetime.now(UTC)
    return moment if moment.tzinfo else moment.astimezone()  # naive → local time


def _trainee_id(db: OrmSession, name: str) -> int:
    """The trainee's id, created on first use (two processes may race on PostgreSQL:
    the loser's insert fails inside its savepoint and it reads the winner's row)."""
    query = select(Trainee.id).where(Trainee.name == name)
    found = db.scalar(query)
    if found is not None:
        return found
    trainee = Trainee(name=new_name(name, "trainee"), created_at=datetime.now(UTC))
    try:
        with db.begin_nested():
            db.add(trainee)
    except IntegrityError:
        found = db.scalar(query)
        if found is None:
            raise
        return found
    return trainee.id


def _known_trainee_id(db: OrmSession, name: str) -> int:
    """As ``_trainee_id``, but once the database has trainers a name must be one they
    added: a typo or someone else's name does not open a new record."""
    from simulator.store.teams import any_trainer

    found = db.scalar(select(Trainee.id).where(Trainee.name == name))
    if found is not None:
        return found
    if any_trainer(db):
        raise CallCoachError(f"{name} is not a user of this database (a trainer adds them)")
    return _trainee_id(db, name)


def _file_under_login(db: OrmSession, row: Session, trainee: Any) -> None:
    """The session belongs to the database login, whatever the header says — except
    for an admin's store-level writes (an import, a test), which keep the header's
    name; `run` still files an admin's own calls under their login."""
    from sqlalchemy import text

    login, me, admin = db.execute(
        text("SELECT session_user, callcoach_me(), callcoach_is_admin()")
    ).one()
    if admin:  # as given, as on SQLite (no name: nobody's)
        if isinstance(trainee, str) and trainee_name(trainee):
            row.trainee_id = _trainee_id(db, trainee_name(trainee))
        return
    if me is None:
        raise CallCoachError(f"{login} is not a CallCoach user of this database")
    row.trainee_id = int(me)
    row.header = {**row.header, "trainee": str(login)}


def _finish_on_server(
    db: OrmSession, session_id: str, outcome: str, scorecard: dict[str, Any] | None
) -> bool:
    import json

    from sqlalchemy import text

    done = db.scalar(
        text("SELECT callcoach_finish_session(:sid, :how, CAST(:card AS jsonb))"),
        {
            "sid": session_id,
            "how": outcome,
            "card": None if scorecard is None else json.dumps(scorecard),
        },
    )
    return bool(done)


def _utterance_row(session_id: str, index: int, utterance: dict[str, Any]) -> Utterance:
    turn = utterance.get("turn")
    extra = {k: v for k, v in utterance.items() if k not in UTTERANCE_COLUMNS}
    return Utterance(
        session_id=session_id,
        position=index,
        speaker=str(utterance.get("speaker", "")),
        turn=None if turn is None else str(turn),
        start_time=float(utterance.get("start", 0.0)),
        end_time=float(utterance.get("end", utterance.get("start", 0.0))),
        text=str(utterance.get("text") or ""),
        extra=extra or None,
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
