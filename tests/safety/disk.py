"""A full disk on demand, through the real store: while on, every INSERT or UPDATE the
database runs fails as SQLite fails on a full disk ("database or disk is full"), and
the store turns it into its usual one-line error."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event

WRITES = ("INSERT", "UPDATE", "DELETE")


class DiskFull:
    def __init__(self, engine: Any, *, full: bool = False) -> None:
        self.full = full
        self.refused = 0
        event.listen(engine, "before_cursor_execute", self._check)

    def _check(self, conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
        if self.full and statement.lstrip().upper().startswith(WRITES):
            self.refused += 1
            raise sqlite3.OperationalError("database or disk is full")
