"""A database password never reaches the terminal, a log, a report or an export."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from simulator.cli.main import main
from simulator.store import open_store
from tests.team.conftest import SET_ID
from tests.team.helpers import finished_run

PASSWORD = "Zx9-very-secret"
# Nothing listens on port 9 of localhost: every command fails to connect.
UNREACHABLE = f"postgresql+psycopg://coach:{PASSWORD}@127.0.0.1:9/callcoach"

COMMANDS = [
    ["trainee", "list"],
    ["assign", SET_ID, "--trainee", "kim", "--due", "2030-01-01"],
    ["assignments"],
    ["leaderboard"],
    ["report", "--format", "csv"],
    ["export"],
    ["purge", "--trainee", "kim", "--yes"],
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: a[0])
def test_a_failing_connection_names_the_database_without_the_password(
    argv: list[str],
    set_dir: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    assert main(["--db", UNREACHABLE, "--scenarios", str(set_dir), *argv]) == 1
    captured = capsys.readouterr()
    assert "coach:***@127.0.0.1:9" in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert PASSWORD not in captured.out + captured.err + caplog.text


@pytest.mark.postgres
def test_a_whole_team_workflow_on_postgres_never_shows_the_password(
    pg_url: str,
    set_dir: Path,
    replay_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    password = make_url(pg_url).password
    assert password, "the test server URL should carry a password"
    monkeypatch.setenv("CALLCOACH_DB", pg_url)  # from the environment this time
    caplog.set_level(logging.DEBUG)
    with open_store(None) as store:
        finished_run(store, "kim", "a", [70], datetime(2026, 11, 1, tzinfo=UTC))
        assert str(password) not in store.where
    files = [tmp_path / "r.html", tmp_path / "r.csv", tmp_path / "e.jsonl", tmp_path / "x.json"]
    scenarios = ["--scenarios", str(set_dir)]
    for argv in (
        ["trainee", "add", "kim", "--team", "東京"],
        ["assign", SET_ID, "--team", "東京", "--due", "2030-01-01"],
        ["drill", SET_ID, "--replay-dir", str(replay_dir)],  # the login's own drill
        ["assignments"],
        ["leaderboard"],
        ["report", "--out", str(files[0])],
        ["report", "--format", "csv", "--out", str(files[1])],
        ["export", "--out", str(files[2])],
        ["export", "--format", "xapi", "--out", str(files[3])],
        ["import", str(files[2])],
        ["purge", "--trainee", "kim", "--yes"],
        ["report", "--trainee", "nobody", "--set", "no-such-set"],  # an error on the way
    ):
        main([*scenarios, *argv])
    captured = capsys.readouterr()
    everything = captured.out + captured.err + caplog.text
    everything += "".join(f.read_text(encoding="utf-8") for f in files)
    assert "drill score" in captured.out and "0 imported, 3 already there" in captured.out
    assert str(password) not in everything
