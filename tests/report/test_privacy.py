"""A trainee's transcripts and reports are theirs and the trainers' only."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.store import open_store
from tests.store.conftest import sqlite_only
from tests.team.conftest import Cli
from tests.team.helpers import finished_run


@pytest.fixture
def team(cli: Cli, db_url: str) -> None:
    assert cli("trainee", "add", "boss", "--role", "trainer") == 0
    assert cli("trainee", "add", "kim", "--team", "東京", "--as", "boss") == 0
    assert cli("trainee", "add", "lee", "--team", "東京", "--as", "boss") == 0
    with open_store(db_url) as store:
        finished_run(store, "kim", "a", [80], datetime(2026, 11, 1, tzinfo=UTC))
        finished_run(store, "lee", "a", [70], datetime(2026, 11, 1, tzinfo=UTC))


REFUSALS = [
    (["report", "--trainee", "lee"], "kim may not see lee's sessions"),
    (["report", "--trainee", "lee", "--format", "csv"], "kim may not see lee's sessions"),
    (["export", "--trainee", "lee"], "kim may not see lee's sessions"),
    (["export", "--trainee", "lee", "--format", "xapi"], "kim may not see lee's sessions"),
    (["report", "--team", "東京"], "kim is a trainee: team and set reports are for trainers"),
    (["export", "--team", "東京"], "kim is a trainee: team and set reports are for trainers"),
    (["import", "x.jsonl"], "only a trainer may import sessions; kim is a trainee"),
    (["purge", "--trainee", "lee", "--yes"], "kim may not see lee's sessions"),
]


@sqlite_only
@pytest.mark.usefixtures("team")
@pytest.mark.parametrize(("argv", "message"), REFUSALS)
def test_a_trainee_is_refused_other_trainees_data(
    cli: Cli, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    capsys.readouterr()
    assert cli(*argv, "--as", "kim") == 1
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and message in captured.err
    assert "秘密の話" not in captured.out + captured.err


@sqlite_only
@pytest.mark.usefixtures("team")
def test_a_trainee_gets_their_own_and_a_trainer_gets_all(
    cli: Cli, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLCOACH_USER", "kim")
    capsys.readouterr()
    assert cli("export") == 0  # no --trainee: their own
    mine = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["trainee"] for r in mine] == ["kim"]
    assert mine[0]["utterances"][1]["text"] == "秘密の話"  # their own transcript
    assert cli("export", "--as", "boss") == 0
    everyone = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sorted(r["trainee"] for r in everyone) == ["kim", "lee"]
    assert cli("report", "--team", "東京", "--as", "boss") == 0


@sqlite_only
@pytest.mark.usefixtures("team")
def test_without_an_identity_a_shared_database_refuses(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert cli("report", "--trainee", "kim") == 1
    assert "this database has trainers: say who you are with --as NAME" in capsys.readouterr().err
    assert cli("import", str(Path("x.jsonl"))) == 1
    assert "say who you are" in capsys.readouterr().err


def test_a_personal_database_needs_no_setup(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db_url) as store:
        finished_run(store, "me", "a", [80], datetime(2026, 11, 1, tzinfo=UTC))
    assert cli("report", "--format", "csv") == 0
    assert ",me," in capsys.readouterr().out
