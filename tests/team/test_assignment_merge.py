"""One effective assignment per trainee and set (issue 13): a set given to a trainee
and to the trainee's team, or given twice, is one row — personal wins over team, the
newest wins among the same kind — and attempts are counted once across them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.store import open_store
from simulator.store.teams import assignments_of
from tests.store.conftest import sqlite_only
from tests.team.conftest import SET_ID, Cli


def assignments(cli: Cli, capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    capsys.readouterr()
    assert cli("assignments", "--format", "json", *argv) == 0
    return list(json.loads(capsys.readouterr().out))


def drill(cli: Cli, replay_dir: Path, trainee: str) -> int:
    return cli("drill", SET_ID, "--trainee", trainee, "--replay-dir", str(replay_dir))


@sqlite_only  # drills by named trainees; PostgreSQL: test_pg_access (logins)
def test_personal_and_team_assignments_are_one_row_with_attempts_counted_once(
    cli: Cli, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's report: assigned to sato (2 attempts) and to sato's team (2 attempts)
    gave two rows (one passed, one failed) and a 4th drill refused while a row said 1/2."""
    assert cli("trainee", "add", "sato", "--team", "week1") == 0
    assert cli("assign", SET_ID, "--team", "week1", "--due", "2030-01-31",
               "--attempts", "2") == 0  # fmt: skip
    assert cli("assign", SET_ID, "--trainee", "sato", "--due", "2030-02-28",
               "--attempts", "2", "--pass-mark", "50") == 0  # fmt: skip
    [row] = assignments(cli, capsys)
    assert (row["team"], row["due"], row["pass_mark"], row["attempts"]) == (
        None,  # the personal assignment wins over the team's
        "2030-02-28",
        50,
        2,
    )
    assert len(row["merged"]) == 2
    assert drill(cli, replay_dir, "sato") == 0
    [row] = assignments(cli, capsys)
    assert (row["attempts_used"], row["status"]) == (1, "passed")
    assert drill(cli, replay_dir, "sato") == 0
    [row] = assignments(cli, capsys)
    assert (row["attempts_used"], row["status"]) == (2, "passed")
    assert drill(cli, replay_dir, "sato") == 1  # 2 of 2 used, as the one row says
    assert "all 2 attempts at mini-drill are used up" in capsys.readouterr().err


@sqlite_only  # drills by named trainees; PostgreSQL: test_pg_access (logins)
def test_assigning_again_with_more_attempts_gives_the_difference(
    cli: Cli, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("assign", SET_ID, "--trainee", "kim", "--due", "2030-01-31",
               "--attempts", "1", "--pass-mark", "100") == 0  # fmt: skip
    assert drill(cli, replay_dir, "kim") == 0
    [row] = assignments(cli, capsys)
    assert (row["attempts_used"], row["attempts"], row["status"]) == (1, 1, "failed")
    assert drill(cli, replay_dir, "kim") == 1
    assert cli("assign", SET_ID, "--trainee", "kim", "--due", "2030-03-31",
               "--attempts", "3", "--pass-mark", "100") == 0  # fmt: skip
    [row] = assignments(cli, capsys)
    assert (row["attempts_used"], row["attempts"], row["due"]) == (1, 3, "2030-03-31")
    assert row["status"] == "due"
    assert drill(cli, replay_dir, "kim") == 0
    assert drill(cli, replay_dir, "kim") == 0
    assert drill(cli, replay_dir, "kim") == 1  # 3 in all, the first one included
    [row] = assignments(cli, capsys)
    assert row["attempts_used"] == 3


def test_the_newest_team_assignment_wins_and_every_member_has_one_row(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("trainee", "add", "lee", "--team", "a") == 0
    assert cli("trainee", "add", "lee", "--team", "b") == 0
    assert cli("trainee", "add", "kim", "--team", "b") == 0
    assert cli("assign", SET_ID, "--team", "a", "--due", "2030-01-31") == 0
    assert cli("assign", SET_ID, "--team", "b", "--due", "2030-02-28", "--attempts", "5") == 0
    rows = assignments(cli, capsys)
    assert [(r["trainee"], r["team"], r["attempts"]) for r in rows] == [
        ("kim", "b", 5),
        ("lee", "b", 5),
    ]
    with open_store(db_url) as store:
        [lee] = store.read(lambda db: assignments_of(db, "lee"))
    assert lee.team == "b" and len(lee.merged) == 2


def test_assign_says_what_the_new_assignment_did(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("trainee", "add", "sato", "--team", "week1") == 0
    assert cli("trainee", "add", "kim", "--team", "week1") == 0
    assert cli("assign", SET_ID, "--trainee", "sato", "--due", "2030-02-28") == 0
    assert "  (" not in capsys.readouterr().out  # nothing to merge yet
    assert cli("assign", SET_ID, "--team", "week1", "--due", "2030-01-31") == 0
    assert "(1 trainee(s) keep their own assignment (personal wins over team))" in (
        capsys.readouterr().out
    )
    assert cli("assign", SET_ID, "--trainee", "sato", "--due", "2030-03-31") == 0
    assert "it replaces an earlier assignment of mini-drill for 1 trainee(s)" in (
        capsys.readouterr().out
    )
