"""Bring a database to the schema this code knows (Alembic, no alembic.ini).

``upgrade_to_head`` runs on every open. It takes a lock first (SQLite's write lock,
a PostgreSQL advisory lock) so two processes opening a fresh database at once do not
both create the tables, and it refuses a database whose schema is newer than this
code, or that holds someone else's tables.

Developers create a new migration with::

    .venv/bin/python -m simulator.store.migrate revision -m "add teams" [--db URL]
"""

from __future__ import annotations

import argparse
from importlib import resources
from typing import TYPE_CHECKING

from simulator.errors import CallCoachError
from simulator.store.connect import VERSION_TABLE, writer

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection, Engine

# Any constant: serialises CallCoach migrations on one PostgreSQL database.
PG_MIGRATION_LOCK = 0x43434D47


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    location = resources.files("simulator.store") / "migrations"
    config.set_main_option("script_location", str(location))
    return config


def upgrade_to_head(engine: Engine, where: str) -> None:
    """Create or upgrade the schema. Raises CallCoachError for a database we must not touch."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with writer(engine).connect() as connection, connection.begin():
        _lock(connection)
        current = MigrationContext.configure(connection).get_current_revision()
        if current is None:
            _refuse_foreign_tables(connection, where)
        elif current == script.get_current_head():
            return
        elif current not in _known_revisions(script):
            raise CallCoachError(
                f"{where}: the database schema ({current}) is newer than this CallCoach knows;"
                " upgrade CallCoach to use it"
            )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        from sqlalchemy import text

        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})


def _refuse_foreign_tables(connection: Connection, where: str) -> None:
    from sqlalchemy import inspect

    tables = set(inspect(connection).get_table_names()) - {VERSION_TABLE}
    if tables:
        listed = ", ".join(sorted(tables)[:5])
        raise CallCoachError(
            f"{where}: not a CallCoach database (it has tables {listed}); leaving it untouched"
        )


def _known_revisions(script: ScriptDirectory) -> set[str]:
    return {revision.revision for revision in script.walk_revisions()}


def _new_revision(message: str, db: str | None) -> None:
    """Autogenerate a migration from the models against an up-to-date database."""
    from alembic import command

    from simulator.store import open_store

    store = open_store(db)
    try:
        config = alembic_config()
        with store.engine.connect() as connection:
            config.attributes["connection"] = connection
            command.revision(config, message=message, autogenerate=True)
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulator.store.migrate")
    sub = parser.add_subparsers(dest="action", required=True)
    revision = sub.add_parser("revision", help="autogenerate a migration from the models")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--db", help="database to compare against (default: a scratch SQLite)")
    args = parser.parse_args(argv)
    if args.action == "revision":
        _new_revision(args.message, args.db or "sqlite://")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
