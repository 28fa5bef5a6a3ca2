"""`callcoach history` through the real command line."""

from __future__ import annotations

import json

import pytest

from simulator.cli.main import main
from simulator.store import open_store
from simulator.store.urls import mask_text
from tests.store.conftest import header
from tests.store.test_roundtrip import record_a_call


def history(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--db", *argv]) if argv and argv[0] != "history" else main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_table_lists_finished_and_incomplete_calls(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    record_a_call(db_url, trainee="佐藤")
    record_a_call(db_url, finish=False, trainee="suzuki")
    code, out, _ = history(capsys, db_url, "--ui-lang", "en", "history")
    assert code == 0
    head, *rows = out.splitlines()
    assert head.split() == ["id", "date", "scenario", "trainee", "mode", "outcome", "score"]
    assert len(rows) == 2
    by_trainee = {row.split()[4]: row for row in rows}
    assert by_trainee["佐藤"].split()[-3:] == ["resolved", "78", "(pass)"]
    assert by_trainee["suzuki"].split()[-1] == "incomplete"
    # columns line up by display width even with a double-width name
    from simulator.cli.commands.history import width

    assert len({width(line[: line.index("text")]) for line in out.splitlines()[1:]}) == 1


def test_json_output_and_filters(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("sato", "suzuki", "sato"):
        record_a_call(db_url, trainee=name)
    code, out, _ = history(capsys, db_url, "history", "--format", "json", "--trainee", "sato")
    sessions = json.loads(out)
    assert code == 0 and len(sessions) == 2
    assert {s["trainee"] for s in sessions} == {"sato"}
    assert sessions[0]["outcome"] == "resolved" and sessions[0]["total"] == 78
    assert sessions[0]["scenario_id"] == "ja-angry-late-delivery"
    _, out, _ = history(capsys, db_url, "history", "--format", "json", "--limit", "1")
    assert len(json.loads(out)) == 1


def test_an_empty_history_says_so(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = history(capsys, sqlite_url, "history")
    assert code == 0 and "no sessions stored yet" in out


def test_the_default_database_comes_from_callcoach_db(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(sqlite_url) as store:
        store.sink().session_started(
            {**header(), "id": "from-env", "started_at": "2026-11-23T10:00:00+09:00"}
        )
    monkeypatch.setenv("CALLCOACH_DB", sqlite_url)
    _, out, _ = history(capsys, "history", "--format", "json")
    [session] = json.loads(out)
    assert session["id"] == "from-env" and session["complete"] is False
    assert session["started_at"] == "2026-11-23T01:00:00+00:00"


def test_bad_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = history(capsys, "history", "--limit", "0")
    assert code == 2 and err.strip() == "callcoach: --limit must be at least 1, not 0"


def test_a_database_that_cannot_be_opened_is_one_line_without_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = "postgresql+psycopg://ops:hunter2@127.0.0.1:1/callcoach"
    code, _, err = history(capsys, url, "history")
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("callcoach: ")
    assert "hunter2" not in err and mask_text(url) in err
