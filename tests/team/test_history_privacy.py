"""`callcoach history` follows the privacy rule: once a database has trainers, a
trainee sees only their own sessions; a trainer sees everyone's."""

from __future__ import annotations

import json

import pytest

from tests.store.conftest import sqlite_only
from tests.team.conftest import REPLAYS, Cli

SCENARIO = "ja-angry-late-delivery"


def stored_call(cli: Cli, trainee: str) -> None:
    replay = REPLAYS / SCENARIO / "good.yaml"
    assert cli("run", SCENARIO, "--replay", str(replay), "--trainee", trainee) == 0


def trainees_in_history(cli: Cli, capsys: pytest.CaptureFixture[str], *argv: str) -> set[str]:
    capsys.readouterr()
    assert cli("history", "--format", "json", *argv) == 0
    return {s["trainee"] for s in json.loads(capsys.readouterr().out)}


@sqlite_only
def test_a_trainee_sees_only_their_own_history(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    stored_call(cli, "sato")
    stored_call(cli, "kim")
    assert trainees_in_history(cli, capsys) == {"sato", "kim"}  # personal database: open
    assert cli("trainee", "add", "boss", "--role", "trainer") == 0
    assert trainees_in_history(cli, capsys, "--as", "sato") == {"sato"}
    assert trainees_in_history(cli, capsys, "--as", "boss") == {"sato", "kim"}
    capsys.readouterr()
    assert cli("history", "--as", "sato", "--trainee", "kim") == 1
    assert "may not see" in capsys.readouterr().err
    assert cli("history") == 1
    assert "say who you are" in capsys.readouterr().err
