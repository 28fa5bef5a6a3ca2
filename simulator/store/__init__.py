"""Session storage (DESIGN.md §9): SQLAlchemy 2 + Alembic, SQLite (WAL) by default,
PostgreSQL via ``--db``/``CALLCOACH_DB``.

    store = open_store(args.db)          # migrates to head; CallCoachError if unusable
    CallSession(..., sinks=[store.sink()])
    store.history(trainee="sato", limit=20)
    store.load_record(session_id)
    store.close()
"""

from __future__ import annotations

from simulator.store.store import SessionSummary, Store, open_store

__all__ = ["SessionStore", "SessionSummary", "Store", "open_store"]


def __getattr__(name: str) -> object:
    if name == "SessionStore":
        from simulator.store.sink import SessionStore

        return SessionStore
    raise AttributeError(name)
