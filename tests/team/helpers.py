"""Drill runs with chosen scores and times, written straight through the store API."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update

from simulator.store import Store
from simulator.store.drills import RunRules, finish_run, link_session, start_run
from simulator.store.imports import insert_record
from simulator.store.models import DrillRun
from simulator.store.teams import ensure_user


def session_record(trainee: str, scenario: str, total: float, started: str) -> dict[str, Any]:
    return {
        "format": "callcoach.session/1",
        "id": uuid.uuid4().hex,
        "started_at": started,
        "scenario": {"id": scenario, "title": f"{scenario} の件"},
        "language": "ja",
        "caller_type": "angry",
        "mode": "replay",
        "trainee": trainee,
        "guide": {"pass_mark": 70},
        "utterances": [
            {"speaker": "customer", "turn": "open", "start": 0.0, "end": 2.0, "text": "もしもし"},
            {"speaker": "trainee", "turn": "open", "start": 2.5, "end": 4.0, "text": "秘密の話"},
        ],
        "events": [{"t": 0.0, "kind": "mood", "value": 70}],
        "outcome": "resolved",
    }


def card(total: float) -> dict[str, Any]:
    return {
        "format": "callcoach.scorecard/1",
        "total": total,
        "passed": total >= 70,
        "dimensions": {
            "empathy": {"score": min(100, total + 5), "weight": 0.5},
            "pacing": {"score": max(0, total - 5), "weight": 0.5},
        },
    }


def finished_run(
    store: Store,
    trainee: str,
    set_id: str,
    totals: list[float],
    finished: datetime,
    *,
    scenario_count: int | None = None,
) -> int:
    """A finished drill run of ``trainee`` whose calls scored ``totals``."""

    def write(db: Any) -> int:
        user = ensure_user(db, trainee)
        rules = RunRules(set_id, user.id, None, 1000, scenario_count or len(totals), 70)
        ticket = start_run(db, rules)
        for n, total in enumerate(totals):
            started = finished + timedelta(seconds=n)  # calls in order
            record = session_record(trainee, f"s{n}", total, started.isoformat())
            insert_record(db, record, card(total))
            db.flush()
            link_session(db, ticket.run_id, record["id"])
        finish_run(db, ticket.run_id)
        db.execute(
            update(DrillRun).where(DrillRun.id == ticket.run_id).values(finished_at=finished)
        )
        return ticket.run_id

    return store.write(write)
