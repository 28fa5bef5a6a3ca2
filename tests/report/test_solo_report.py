"""A solo user who never set a name: `callcoach report` covers the calls `history` shows."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.store.conftest import sqlite_only
from tests.team.conftest import REPLAYS, Cli


@sqlite_only  # on PostgreSQL there is no nameless user: a call is the login's
def test_report_of_a_solo_user_without_a_name(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    for scenario, replay in (("ja-angry-late-delivery", "good"), ("en-angry-wrong-colour", "poor")):
        assert cli("run", scenario, "--replay", str(REPLAYS / scenario / f"{replay}.yaml")) == 0
    capsys.readouterr()
    assert cli("history", "--format", "json") == 0
    history = json.loads(capsys.readouterr().out)
    assert [s["trainee"] for s in history] == [None, None]

    assert cli("report", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert sorted(r["session_id"] for r in rows) == sorted(s["id"] for s in history)
    assert {r["trainee"] for r in rows} == {""}

    assert cli("report", "--format", "html") == 0
    html = capsys.readouterr().out
    assert "2 sessions · 1 trainees" in html
    assert "<h2>(no name set)</h2>" in html
