"""The Alembic migrations build exactly the models' schema, from empty, on each database."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from simulator.errors import CallCoachError
from simulator.store import open_store
from simulator.store.migrate import alembic_config
from simulator.store.models import Base


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_migrations_from_empty_create_every_table(db_url: str) -> None:
    open_store(db_url).close()
    engine = create_engine(db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    assert tables == {
        "alembic_version",
        "trainees",
        "sessions",
        "utterances",
        "events",
        "teams",
        "team_members",
        "assignments",
        "drill_runs",
        "drill_sessions",
        "recordings",
    }
    assert version == head_revision()


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    open_store(db_url).close()
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_reopening_an_up_to_date_database_changes_nothing(db_url: str) -> None:
    from tests.store.test_roundtrip import record_a_call

    recorder = record_a_call(db_url)
    with open_store(db_url) as store:
        assert store.load_record(recorder.id) == recorder.record


def test_a_newer_schema_is_refused_not_downgraded(db_url: str) -> None:
    open_store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(CallCoachError, match=r"schema \(9999_future\) is newer"):
        open_store(db_url)


def test_a_database_with_other_tables_is_refused(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(CallCoachError, match=r"not a CallCoach database .*invoices"):
        open_store(db_url)
    engine = create_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) == {"invoices"}
    finally:
        engine.dispose()
