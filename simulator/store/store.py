"""The session store: open (and migrate) a database, list past sessions, rebuild records.

All calls block; callers in the TUI run them in a worker thread. One ``Store`` may be
created in one thread and used from others: every call checks out its own pooled
connection and runs one short transaction.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from simulator.errors import CallCoachError
from simulator.store.urls import chosen_url, masked, parse_url, scrub

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Engine
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store.sink import SessionStore

T = TypeVar("T")
SESSION_FORMAT = "callcoach.session/1"
INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class SessionSummary:
    """One row of ``callcoach history``."""

    id: str
    started_at: datetime  # aware, UTC
    scenario_id: str
    scenario_title: str | None
    language: str | None
    caller_type: str | None
    mode: str | None
    trainee: str | None
    outcome: str | None  # None while (or because) the call never finished
    complete: bool
    total: float | None
    passed: bool | None

    @property
    def status(self) -> str:
        """The outcome, or "incomplete" for a call that was cut short."""
        return self.outcome if self.complete and self.outcome else INCOMPLETE

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": self.started_at.isoformat(),
            "scenario_id": self.scenario_id,
            "scenario_title": self.scenario_title,
            "language": self.language,
            "caller_type": self.caller_type,
            "mode": self.mode,
            "trainee": self.trainee,
            "outcome": self.outcome,
            "complete": self.complete,
            "total": self.total,
            "passed": self.passed,
        }


class Store:
    def __init__(self, engine: Engine, url: URL) -> None:
        from sqlalchemy.orm import sessionmaker

        from simulator.store.connect import writer

        self.engine = engine
        self.url = url
        self.where = masked(url)
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(bind=writer(engine), expire_on_commit=False)
        # An in-memory SQLite database is one connection shared by every thread:
        # its transactions must take turns. Pooled databases need no such lock.
        self._one_at_a_time = threading.RLock() if _single_connection(engine) else None

    # -- transactions --------------------------------------------------------
    def write(self, work: Callable[[OrmSession], T], what: str = "save to") -> T:
        """Run ``work`` in one committed write transaction, retried while the database
        is merely busy. Database failures become one-line CallCoachErrors."""
        return self._transaction(self._write, work, what)

    def read(self, work: Callable[[OrmSession], T], what: str = "read from") -> T:
        return self._transaction(self._read, work, what)

    def _transaction(self, factory: Any, work: Callable[[OrmSession], T], what: str) -> T:
        from sqlalchemy.exc import DBAPIError, SQLAlchemyError, StatementError

        from simulator.store.retry import with_retries

        def attempt() -> T:
            with self._one_at_a_time or nullcontext(), factory.begin() as session:
                return work(session)

        try:
            return with_retries(attempt)
        except (DBAPIError, StatementError) as error:
            reason = scrub(str(getattr(error, "orig", None) or error), self.url)
            raise CallCoachError(f"{self.where}: cannot {what} the database ({reason})") from None
        except SQLAlchemyError as error:
            reason = scrub(str(error), self.url)
            raise CallCoachError(f"{self.where}: cannot {what} the database ({reason})") from None

    # -- public API ----------------------------------------------------------
    def sink(self) -> SessionStore:
        """A SessionSink (simulator.engine.record) that stores each call as it happens."""
        from simulator.store.sink import SessionStore

        return SessionStore(self)

    def history(self, trainee: str | None = None, limit: int = 50) -> list[SessionSummary]:
        """The most recent sessions first, optionally of one trainee."""
        from simulator.store.queries import history_rows

        return self.read(lambda s: history_rows(s, trainee, limit))

    def load_record(self, session_id: str) -> dict[str, Any]:
        """The ``callcoach.session/1`` record of a stored session (complete or not)."""
        from simulator.store.queries import record_of

        record = self.read(lambda s: record_of(s, session_id))
        if record is None:
            raise self._not_stored(session_id)
        return record

    def scorecard(self, session_id: str) -> dict[str, Any] | None:
        """The score card stored when the session finished (None if it never did)."""
        from simulator.store.models import Session

        row = self.read(lambda s: s.get(Session, session_id))
        if row is None:
            raise self._not_stored(session_id)
        return row.scorecard

    def _not_stored(self, session_id: str) -> CallCoachError:
        from simulator.i18n import t

        return CallCoachError(t("sessions.not_stored", where=self.where, session=session_id))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _single_connection(engine: Engine) -> bool:
    from sqlalchemy.pool import StaticPool

    return isinstance(engine.pool, StaticPool)


def open_store(url: str | None = None) -> Store:
    """Open the session database, creating or upgrading its schema.

    ``url``: a SQLAlchemy URL or a file path; None → env ``CALLCOACH_DB`` → SQLite in
    the data folder. Raises CallCoachError (one line, password masked) if it cannot be
    used; a file that is not a CallCoach database is never modified.
    """
    from sqlalchemy.exc import DBAPIError

    from simulator.store.connect import create_engine_for, open_failure
    from simulator.store.migrate import upgrade_to_head
    from simulator.store.retry import with_retries

    raw, is_default = chosen_url(url)
    parsed = parse_url(raw)
    try:
        engine = create_engine_for(parsed, create_folder=is_default)
    except ImportError as error:
        raise CallCoachError(
            f"{masked(parsed)}: the database driver {error.name} is not installed"
            " (CallCoach uses postgresql+psycopg://…; pip install 'callcoach[postgres]')"
        ) from None
    try:
        with_retries(lambda: upgrade_to_head(engine, masked(parsed)))
    except DBAPIError as error:
        engine.dispose()
        raise open_failure(error, parsed) from None
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, parsed)
