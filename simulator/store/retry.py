"""Run one short transaction, retrying the failures that only mean "try again".

SQLite says "database is locked"/"busy" when another writer holds the lock longer
than the busy timeout; PostgreSQL reports serialization failures and deadlocks. None
of these is the user's business: we wait and retry, and only a database that stays
busy for a long time becomes a (one-line) error.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError

T = TypeVar("T")

RETRY_DELAYS = (0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 2.0, 2.0, 2.0)
# PostgreSQL SQLSTATEs: serialization_failure, deadlock_detected.
RETRYABLE_SQLSTATES = frozenset({"40001", "40P01"})


def is_transient(error: DBAPIError) -> bool:
    if isinstance(error, OperationalError) and isinstance(error.orig, sqlite3.OperationalError):
        text = str(error.orig).lower()
        if "locked" in text or "busy" in text:
            return True
    return getattr(error.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def with_retries(transaction: Callable[[], T], sleep: Callable[[float], None] = time.sleep) -> T:
    """Call ``transaction`` (which must be safe to repeat: it opens and commits its own
    transaction) until it succeeds or stops being transient."""
    for delay in RETRY_DELAYS:
        try:
            return transaction()
        except DBAPIError as error:
            if not is_transient(error):
                raise
            sleep(delay)
    return transaction()
