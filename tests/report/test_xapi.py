"""`callcoach export --format xapi`: statements an LRS accepts (xAPI 1.0.3 shape)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from simulator.report.xapi import statement
from simulator.store import open_store
from tests.team.conftest import Cli
from tests.team.helpers import finished_run


def test_statements_carry_actor_verb_object_result_timestamp(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db_url) as store:
        finished_run(store, "佐藤", "a", [82, 41], datetime(2026, 11, 1, 9, tzinfo=UTC))
    capsys.readouterr()
    assert cli("export", "--format", "xapi", "--xapi-home", "https://lms.example.com") == 0
    statements = json.loads(capsys.readouterr().out)
    assert len(statements) == 2
    passed, failed = statements
    assert passed["actor"] == {
        "objectType": "Agent",
        "name": "佐藤",
        "account": {"homePage": "https://lms.example.com", "name": "佐藤"},
    }
    assert passed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
    assert failed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert passed["object"]["id"] == "https://lms.example.com/scenario/s0"
    assert passed["object"]["definition"]["name"] == {"ja-JP": "s0 の件"}
    assert passed["result"]["score"] == {"scaled": 0.82, "raw": 82.0, "min": 0, "max": 100}
    assert (passed["result"]["success"], failed["result"]["success"]) == (True, False)
    assert passed["result"]["completion"] is True
    assert passed["result"]["duration"] == "PT4.00S"
    assert passed["timestamp"] == "2026-11-01T09:00:00+00:00"
    assert uuid.UUID(passed["id"]).version == 5 and passed["id"] != failed["id"]


def test_unscored_calls_are_completed_and_unfinished_ones_left_out() -> None:
    record = {
        "id": "abc",
        "trainee": "kim",
        "scenario": {"id": "en-x", "title": "X"},
        "language": "en",
        "started_at": "2026-11-01T09:00:00+09:00",
        "outcome": "hung_up",
    }
    done = statement(record, None)
    assert done is not None
    assert done["verb"]["id"].endswith("/completed") and "score" not in done["result"]
    assert done["object"]["definition"]["name"] == {"en-US": "X"}
    assert statement({**record, "outcome": None}, None) is None
    # The same session always gets the same statement id: re-sending does not duplicate.
    assert statement(record, None) == done
