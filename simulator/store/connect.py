"""Open a database engine safely.

SQLite files are inspected *before* SQLite touches them: a file that is not a SQLite
database, or a SQLite database that belongs to something else, is refused and left
exactly as it was (opening it normally would already switch its journal to WAL).
Connections get WAL, foreign keys and a busy timeout; write transactions start with
``BEGIN IMMEDIATE`` so two writers queue on the busy timeout instead of failing with
"database is locked" when one upgrades a read lock.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from simulator.errors import CallCoachError
from simulator.store.urls import masked, scrub, sqlite_path

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Engine

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
# Tables a CallCoach database may have before any migration ran: none.
VERSION_TABLE = "alembic_version"


def create_engine_for(url: URL, *, create_folder: bool) -> Engine:
    """An engine for ``url``; raises CallCoachError (one line, no password) if the
    database cannot be used. Nothing is written yet except, for a new SQLite file,
    the empty file itself (owner-only permissions)."""
    from sqlalchemy import create_engine

    path = sqlite_path(url)
    if url.get_backend_name() == "postgresql":
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": 10, "application_name": "callcoach"},
        )
    if path is not None:
        _check_sqlite_file(path, url, create_folder=create_folder)
        engine = create_engine(url, connect_args={"check_same_thread": False})
    else:
        from sqlalchemy.pool import StaticPool

        # One shared connection, or each checkout would see its own empty database.
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    _install_sqlite_pragmas(engine, on_disk=path is not None)
    return engine


def _check_sqlite_file(path: Path, url: URL, *, create_folder: bool) -> None:
    where = masked(url)
    if path.is_dir():
        raise CallCoachError(f"{where}: is a folder, not a database file")
    if not path.exists():
        _create_empty_file(path, where, create_folder=create_folder)
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise CallCoachError(f"{where}: cannot read the database ({error.strerror})") from None
    if not head:
        return  # an empty file is an empty SQLite database: nothing in it to lose
    if head != SQLITE_MAGIC:
        raise CallCoachError(f"{where}: not a SQLite database; leaving the file untouched")
    tables = _sqlite_tables_read_only(path, where)
    if tables and VERSION_TABLE not in tables:
        listed = ", ".join(sorted(tables)[:5])
        raise CallCoachError(
            f"{where}: not a CallCoach database (it has tables {listed}); leaving it untouched"
        )


def _create_empty_file(path: Path, where: str, *, create_folder: bool) -> None:
    try:
        if create_folder:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        elif not path.parent.is_dir():
            raise CallCoachError(f"{where}: folder {path.parent} does not exist")
        # Transcripts are personal: the database (and its -wal/-shm files, which
        # SQLite creates with the same mode) is readable by the owner only.
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return  # another process created it a moment ago: fine, it is new and empty
    except OSError as error:
        raise CallCoachError(f"{where}: cannot create the database ({error.strerror})") from None


def _sqlite_tables_read_only(path: Path, where: str) -> set[str]:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CallCoachError(f"{where}: cannot open the database ({error})") from None
    return {str(name) for (name,) in rows}


def _install_sqlite_pragmas(engine: Engine, *, on_disk: bool) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so BEGIN is ours (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if on_disk:
                cursor.execute("PRAGMA journal_mode = WAL")
                # FULL: each commit is on disk before the call goes on (a few ms at
                # most, and one utterance every few seconds).
                cursor.execute("PRAGMA synchronous = FULL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def writer(engine: Engine) -> Engine:
    """The same engine, but its transactions take SQLite's write lock up front."""
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(sqlite_begin="IMMEDIATE")


def open_failure(error: BaseException, url: URL) -> CallCoachError:
    """A one-line, password-free error for a database that would not open."""
    reason = getattr(error, "orig", None) or error
    return CallCoachError(f"{masked(url)}: cannot open the database ({scrub(str(reason), url)})")
