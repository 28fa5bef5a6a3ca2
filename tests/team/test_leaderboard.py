"""The leaderboard: best finished run per trainee per set, ties to the earlier finisher."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from simulator.store import open_store
from simulator.store.drills import leaderboard
from tests.team.conftest import Cli
from tests.team.helpers import finished_run


def at(hour: int) -> datetime:
    return datetime(2026, 11, 20, hour, 0, tzinfo=UTC)


def test_best_run_per_trainee_ties_go_to_who_finished_first(db_url: str) -> None:
    with open_store(db_url) as store:
        finished_run(store, "kim", "a", [60, 80], at(9))  # 70
        finished_run(store, "kim", "a", [90, 90], at(10))  # 90: kim's best
        finished_run(store, "佐藤", "a", [90, 90], at(8))  # 90, earlier than kim's
        finished_run(store, "lee", "a", [100], at(7), scenario_count=2)  # half a run: 50
        finished_run(store, "lee", "b", [75], at(7))
        board = store.read(lambda db: leaderboard(db))
    rows = [(r.set_id, r.rank, r.trainee, r.score, r.passed) for r in board]
    assert rows == [
        ("a", 1, "佐藤", 90.0, True),
        ("a", 2, "kim", 90.0, True),
        ("a", 3, "lee", 50.0, False),
        ("b", 1, "lee", 75.0, True),
    ]


def test_unfinished_runs_do_not_count(db_url: str) -> None:
    from simulator.store.drills import RunRules, start_run
    from simulator.store.teams import ensure_user

    with open_store(db_url) as store:
        store.write(lambda db: start_run(db, RunRules("a", ensure_user(db, "kim").id,
                                                      None, 3, 1, 70)))  # fmt: skip
        assert store.read(lambda db: leaderboard(db)) == []


def test_leaderboard_cli_by_team_and_set(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("trainee", "add", "kim", "--team", "東京") == 0
    assert cli("trainee", "add", "lee", "--team", "大阪") == 0
    with open_store(db_url) as store:
        finished_run(store, "kim", "a", [80], at(9))
        finished_run(store, "lee", "a", [95], at(9))
        finished_run(store, "kim", "b", [70], at(9))
    capsys.readouterr()
    assert cli("leaderboard", "--team", "東京", "--set", "a", "--format", "json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["trainee"], row["score"], row["rank"]) == ("kim", 80.0, 1)
    assert cli("leaderboard") == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["set", "rank", "trainee", "score", "result", "finished", "attempt"]
    assert [line.split()[:3] for line in table[1:]] == [
        ["a", "1", "lee"],
        ["a", "2", "kim"],
        ["b", "1", "kim"],
    ]
    assert cli("leaderboard", "--team", "名古屋") == 1
    assert "no team '名古屋'" in capsys.readouterr().err
