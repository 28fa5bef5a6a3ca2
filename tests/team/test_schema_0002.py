"""Migration 0002 on both databases: a 0001 database with sessions is upgraded in
place and keeps them; the new tables match the models."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import create_engine, inspect, text

from simulator.store import open_store
from simulator.store.migrate import alembic_config
from simulator.store.teams import list_users

WHEN = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)

NEW_TABLES = {"teams", "team_members", "assignments", "drill_runs", "drill_sessions"}


def test_upgrade_from_0001_keeps_sessions(db_url: str) -> None:
    from alembic import command

    engine = create_engine(db_url)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
            connection.execute(
                text("INSERT INTO trainees (name, created_at) VALUES ('佐藤', :t)"), {"t": WHEN}
            )
            connection.execute(
                text(
                    "INSERT INTO sessions (id, scenario_id, trainee_id, started_at, complete,"
                    " outcome, total_score, header) VALUES ('old1', 'ja-angry-late-delivery',"
                    " (SELECT id FROM trainees), :t, :yes, 'resolved', 81, '{}')"
                ),
                {"t": WHEN, "yes": True},
            )
        assert not NEW_TABLES & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    with open_store(db_url) as store:  # migrates 0001 → head
        sessions = store.history()
        users = store.read(list_users)
    assert [(s.id, s.trainee, s.total) for s in sessions] == [("old1", "佐藤", 81)]
    assert [(u.name, u.role) for u in users] == [("佐藤", "trainee")]
    engine = create_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= NEW_TABLES
    finally:
        engine.dispose()


def test_downgrade_to_0001_and_back(db_url: str) -> None:
    from alembic import command

    open_store(db_url).close()
    engine = create_engine(db_url)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0001")
        assert not NEW_TABLES & set(inspect(engine).get_table_names())
        columns = {c["name"] for c in inspect(engine).get_columns("trainees")}
        assert "role" not in columns
    finally:
        engine.dispose()
    open_store(db_url).close()  # and up again
    engine = create_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= NEW_TABLES
    finally:
        engine.dispose()
