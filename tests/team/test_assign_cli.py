"""`callcoach trainee`, `assign`, `assignments` through the CLI, with roles."""

from __future__ import annotations

import json

import pytest

from tests.store.conftest import sqlite_only
from tests.team.conftest import Cli


def setup_team(cli: Cli) -> None:
    assert cli("trainee", "add", "boss", "--role", "trainer") == 0  # first trainer: open db
    assert cli("trainee", "add", "佐藤", "--team", "東京", "--as", "boss") == 0
    assert cli("trainee", "add", "kim", "--team", "東京", "--as", "boss") == 0
    assert cli("trainee", "add", "lee", "--as", "boss") == 0


@sqlite_only
def test_users_roles_and_teams_are_listed(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    setup_team(cli)
    capsys.readouterr()
    assert cli("trainee", "list", "--format", "json") == 0
    users = json.loads(capsys.readouterr().out)
    assert users == [
        {"name": "boss", "role": "trainer", "teams": []},
        {"name": "kim", "role": "trainee", "teams": ["東京"]},
        {"name": "lee", "role": "trainee", "teams": []},
        {"name": "佐藤", "role": "trainee", "teams": ["東京"]},
    ]


@sqlite_only
def test_once_there_is_a_trainer_only_trainers_change_users(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_team(cli)
    capsys.readouterr()
    assert cli("trainee", "add", "kim", "--role", "trainer", "--as", "kim") == 1
    assert "only a trainer may change users and teams; kim is a trainee" in capsys.readouterr().err
    assert cli("trainee", "add", "kim", "--role", "trainer") == 1
    assert "say who you are with --as NAME or CALLCOACH_USER" in capsys.readouterr().err


@sqlite_only
def test_a_team_assignment_reaches_every_member(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    setup_team(cli)
    assert cli("assign", "mini-drill", "--team", "東京", "--due", "2030-01-31", "--as", "boss") == 0
    assert cli("assign", "solo-drill", "--trainee", "lee", "--due", "2030-01-15",
               "--pass-mark", "80", "--attempts", "3", "--as", "boss") == 0  # fmt: skip
    capsys.readouterr()
    assert cli("assignments", "--format", "json", "--as", "boss") == 0
    views = json.loads(capsys.readouterr().out)
    assert [(v["set"], v["trainee"], v["team"]) for v in views] == [
        ("solo-drill", "lee", None),
        ("mini-drill", "kim", "東京"),
        ("mini-drill", "佐藤", "東京"),
    ]
    lee = views[0]
    assert (lee["pass_mark"], lee["attempts"], lee["attempts_used"]) == (80, 3, 0)
    assert (lee["due"], lee["status"], lee["best"]) == ("2030-01-15", "due", None)
    assert views[1]["pass_mark"] == 60 and views[1]["attempts"] == 2  # the set's rules


@sqlite_only
def test_a_trainee_sees_only_their_own_assignments(
    cli: Cli, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    setup_team(cli)
    assert cli("assign", "mini-drill", "--team", "東京", "--due", "2030-01-31", "--as", "boss") == 0
    capsys.readouterr()
    monkeypatch.setenv("CALLCOACH_USER", "kim")
    assert cli("assignments", "--format", "json") == 0
    assert [v["trainee"] for v in json.loads(capsys.readouterr().out)] == ["kim"]
    assert cli("assignments", "--trainee", "佐藤") == 1
    assert "kim may not see 佐藤's sessions" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--due", "31/01/2030"], "--due '31/01/2030': expected a date as YYYY-MM-DD"),
        (["--due", "2030-01-31", "--attempts", "0"], "--attempts must be at least 1, not 0"),
        (["--due", "2030-01-31", "--pass-mark", "101"], "--pass-mark must be 0–100, not 101"),
    ],
)
def test_bad_assignments_are_one_line_errors(
    cli: Cli, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert cli("assign", "mini-drill", "--trainee", "kim", *argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_unknown_set_is_named_with_suggestions(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("assign", "mini-dril", "--trainee", "kim", "--due", "2030-01-31") == 1
    err = capsys.readouterr().err
    assert "unknown scenario set 'mini-dril' — did you mean mini-drill" in err
