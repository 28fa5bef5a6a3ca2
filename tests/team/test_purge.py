"""`callcoach purge --trainee NAME`: everything of that trainee goes, recordings included;
nobody else's data is touched."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from simulator.paths import recordings_dir
from simulator.store import open_store
from simulator.store.models import (
    Assignment,
    DrillRun,
    DrillSession,
    Event,
    Session,
    TeamMember,
    Trainee,
    Utterance,
)
from tests.store.conftest import sqlite_only
from tests.team.conftest import Cli
from tests.team.helpers import finished_run

WHEN = datetime(2026, 11, 20, 9, tzinfo=UTC)


def counts(url: str) -> dict[str, int]:
    models = (Session, Utterance, Event, DrillRun, DrillSession, Assignment, TeamMember, Trainee)
    with open_store(url) as store:
        return store.read(
            lambda db: {
                m.__tablename__: int(db.scalar(select(func.count()).select_from(m)) or 0)
                for m in models
            }
        )


def populate(cli: Cli, url: str) -> list[str]:
    assert cli("trainee", "add", "boss", "--role", "trainer") == 0
    for name in ("kim", "lee"):
        assert cli("trainee", "add", name, "--team", "東京", "--as", "boss") == 0
        assert cli("assign", "mini-drill", "--trainee", name, "--due", "2030-01-01",
                   "--as", "boss") == 0  # fmt: skip
    with open_store(url) as store:
        finished_run(store, "kim", "mini-drill", [80, 70], WHEN)
        finished_run(store, "lee", "mini-drill", [90, 60], WHEN)
        return [s.id for s in store.history(trainee="kim")]


@sqlite_only
def test_purge_deletes_rows_and_recordings_of_that_trainee_only(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    kims = populate(cli, db_url)
    with open_store(db_url) as store:
        lees = [s.id for s in store.history(trainee="lee")]
    folder = recordings_dir()
    folder.mkdir(parents=True)
    for session_id in kims + lees:
        (folder / f"{session_id}.wav").write_bytes(b"RIFF")
        (folder / f"{session_id}-turn2.wav").write_bytes(b"RIFF")
    before = counts(db_url)
    capsys.readouterr()
    assert cli("purge", "--trainee", "kim", "--yes", "--as", "boss") == 0
    out = capsys.readouterr().out
    assert "kim: deleted 2 sessions (4 utterances, 2 events), 1 drill runs" in out
    assert "1 assignments, 4 recordings" in out
    after = counts(db_url)
    assert after["sessions"] == before["sessions"] - 2
    assert after["utterances"] == before["utterances"] - 4
    assert after["drill_runs"] == before["drill_runs"] - 1
    assert after["drill_sessions"] == before["drill_sessions"] - 2
    assert after["assignments"] == before["assignments"] - 1
    assert after["team_members"] == before["team_members"] - 1
    assert after["trainees"] == before["trainees"] - 1
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([f"{i}.wav" for i in lees] + [f"{i}-turn2.wav" for i in lees])
    with open_store(db_url) as store:
        assert store.history(trainee="kim") == []
        assert len(store.history(trainee="lee")) == 2


@sqlite_only
def test_purge_asks_for_confirmation_and_checks_who_asks(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(cli, db_url)
    capsys.readouterr()
    assert cli("purge", "--trainee", "kim", "--as", "boss") == 2  # no terminal to ask on
    assert "add --yes to confirm" in capsys.readouterr().err
    assert cli("purge", "--trainee", "kim", "--yes", "--as", "lee") == 1
    assert "lee may not see kim's sessions" in capsys.readouterr().err
    assert cli("purge", "--trainee", "nobody", "--yes", "--as", "boss") == 1
    assert "no trainee 'nobody' in this database; nothing to purge" in capsys.readouterr().err
    assert counts(db_url)["sessions"] == 4
    assert cli("purge", "--trainee", "kim", "--yes", "--as", "kim") == 0  # their own: fine
    assert counts(db_url)["sessions"] == 2
