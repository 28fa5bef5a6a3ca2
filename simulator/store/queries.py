"""Reading sessions back: the history list and whole records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from simulator.store.models import Event, Session, Trainee, Utterance
from simulator.store.names import trainee_name
from simulator.store.store import SESSION_FORMAT, SessionSummary

# Only what a summary shows: the JSON columns (header, score card) stay on disk.
SUMMARY_COLUMNS = (
    Session.id,
    Session.started_at,
    Session.scenario_id,
    Session.scenario_title,
    Session.language,
    Session.caller_type,
    Session.mode,
    Trainee.name,
    Session.outcome,
    Session.complete,
    Session.total_score,
    Session.passed,
)


def history_rows(db: OrmSession, trainee: str | None, limit: int) -> list[SessionSummary]:
    query = (
        select(*SUMMARY_COLUMNS)
        .outerjoin(Trainee, Session.trainee_id == Trainee.id)
        .order_by(Session.started_at.desc(), Session.id.desc())
        .limit(max(0, limit))
    )
    if trainee is not None:
        query = query.where(Trainee.name == trainee_name(trainee))
    return [_summary(row) for row in db.execute(query)]


def _summary(row: Any) -> SessionSummary:  # a Row of SUMMARY_COLUMNS
    return SessionSummary(
        id=row.id,
        started_at=row.started_at,
        scenario_id=row.scenario_id,
        scenario_title=row.scenario_title,
        language=row.language,
        caller_type=row.caller_type,
        mode=row.mode,
        trainee=row.name,
        outcome=row.outcome,
        complete=row.complete,
        total=row.total_score,
        passed=row.passed,
    )


def record_of(db: OrmSession, session_id: str) -> dict[str, Any] | None:
    row = db.get(Session, session_id)
    if row is None:
        return None
    utterances = db.scalars(
        select(Utterance).where(Utterance.session_id == session_id).order_by(Utterance.position)
    )
    events = db.scalars(select(Event).where(Event.session_id == session_id).order_by(Event.seq))
    return {
        "format": SESSION_FORMAT,
        **row.header,
        "id": row.id,
        "utterances": [utterance_dict(u) for u in utterances],
        "events": [{"t": e.t, "kind": e.kind, **(e.data or {})} for e in events],
        "outcome": row.outcome,
    }


def utterance_dict(row: Utterance) -> dict[str, Any]:
    return {
        "speaker": row.speaker,
        "turn": row.turn,
        "start": row.start_time,
        "end": row.end_time,
        "text": row.text,
        **(row.extra or {}),
    }
