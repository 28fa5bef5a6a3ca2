"""Report tests use the team fixtures: both databases, the small drill set, the CLI."""

from __future__ import annotations

from tests.team.conftest import (
    cli,
    db_url,
    nobody,
    pg_database,
    pg_url,
    replay_dir,
    set_dir,
    sqlite_url,
)

__all__ = [
    "cli",
    "db_url",
    "nobody",
    "pg_database",
    "pg_url",
    "replay_dir",
    "set_dir",
    "sqlite_url",
]
