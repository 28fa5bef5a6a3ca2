"""Sessions moved between machines: whole records in, whole records out.

``insert_record`` stores one ``callcoach.session/1`` record (with its score card) in
the caller's transaction; a session id already present is left alone, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from simulator.store.models import Event, Session, Trainee
from simulator.store.names import trainee_name
from simulator.store.queries import record_of
from simulator.store.sink import _number, _session_row, _trainee_id, _utterance_row


def insert_record(db: OrmSession, record: dict[str, Any], scorecard: Any) -> bool:
    """True if stored, False if a session with this id was already there."""
    header = {k: v for k, v in record.items() if k not in ("utterances", "events", "scorecard")}
    row = _session_row(header)
    if db.get(Session, row.id) is not None:
        return False
    trainee = record.get("trainee")
    if isinstance(trainee, str) and trainee_name(trainee):
        row.trainee_id = _trainee_id(db, trainee_name(trainee))
    outcome = record.get("outcome")
    if isinstance(outcome, str) and outcome:
        row.outcome = outcome
        row.complete = True
        row.ended_at = datetime.now(UTC)
    if isinstance(scorecard, dict):
        row.scorecard = scorecard
        row.total_score = _number(scorecard.get("total"))
        passed = scorecard.get("passed")
        row.passed = passed if isinstance(passed, bool) else None
    db.add(row)
    db.flush()
    for index, utterance in enumerate(record.get("utterances") or []):
        db.add(_utterance_row(row.id, index, utterance))
    for seq, event in enumerate(record.get("events") or []):
        data = {k: v for k, v in event.items() if k not in ("t", "kind")}
        db.add(
            Event(
                session_id=row.id,
                seq=seq,
                t=float(event.get("t", 0.0)),
                kind=str(event.get("kind", "")),
                data=data or None,
            )
        )
    return True


def session_ids(db: OrmSession, trainee: str | None, member_ids: list[int] | None) -> list[str]:
    """Ids of stored sessions, oldest first, of one trainee / some trainees / everyone."""
    query = select(Session.id).order_by(Session.started_at, Session.id)
    if trainee is not None:
        query = query.join(Trainee, Trainee.id == Session.trainee_id).where(
            Trainee.name == trainee_name(trainee)
        )
    if member_ids is not None:
        query = query.where(Session.trainee_id.in_(member_ids or [-1]))
    return list(db.scalars(query))


def export_records(db: OrmSession, ids: list[str]) -> list[dict[str, Any]]:
    """Each record with its score card under ``scorecard`` (an extra field the session
    contract allows), so a line is both a session record and its result."""
    out = []
    for session_id in ids:
        record = record_of(db, session_id)
        row = db.get(Session, session_id)
        if record is not None and row is not None:
            out.append({**record, "scorecard": row.scorecard})
    return out
