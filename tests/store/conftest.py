"""Store fixtures: every test gets a fresh database — a SQLite file under the test's
tmp folder, and, when CALLCOACH_TEST_PG_URL is set, an emptied PostgreSQL database
(created for the run, dropped after it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PG_ENV = "CALLCOACH_TEST_PG_URL"


def pg_server_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test run (URL with password)."""
    server = pg_server_url()
    if server is None:
        pytest.skip(f"set {PG_ENV} to run the PostgreSQL tests")
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(server)
    name = f"callcoach_t_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        # template0 accepts no connections, so parallel creators never collide on it.
        connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        drop_database(admin, name)


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """That database, emptied: every test starts from no tables at all."""
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(pg_database).set(drivername="postgresql")
    with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as db:
        db.execute("SET lock_timeout = '10s'")  # a leaked connection fails the test, not hangs it
        db.execute("DROP SCHEMA IF EXISTS public CASCADE")
        db.execute("CREATE SCHEMA public")
    return pg_database


def drop_database(admin_url: str, name: str) -> None:
    """Plain DROP first: it stops a running autovacuum worker by itself, which WITH
    (FORCE) may not do for a non-superuser. FORCE only if a test leaked a connection."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        try:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        except psycopg.errors.ObjectInUse:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'sessions.db'}"


# For tests of `--as` / CALLCOACH_USER, which name people on SQLite only: on PostgreSQL
# the login is the person (tests/team/test_pg_access.py has the same rules with logins).
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on SQLite, and on PostgreSQL when a server is given."""
    fixture = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(fixture))


def header(
    trainee: str | None = "sato", scenario: str = "ja-angry-late-delivery"
) -> dict[str, Any]:
    return {
        "scenario": {"id": scenario, "title": "配送遅延", "digest": "sha256:abc"},
        "language": "ja",
        "caller_type": "angry",
        "mode": "text",
        "trainee": trainee,
        "level": 2,
        "seed": 7,
        "guide": {"rubric": "angry", "turns": {"open": {"expects": ["empathy", "apology"]}}},
    }


CUSTOMER = {
    "speaker": "customer",
    "turn": "open",
    "start": 0.0,
    "end": 4.2,
    "text": "いつ届くんですか！",
}
TRAINEE = {
    "speaker": "trainee",
    "turn": "open",
    "start": 3.6,
    "end": 7.9,
    "text": "大変申し訳ございません。お気持ちお察しします。",
    "asr": {"engine": "vosk", "confidence": 0.82},
    "voiced": [[3.6, 5.1], [5.4, 7.9]],
}
