"""`callcoach export` / `callcoach import`: JSON Lines round trip between two databases
(SQLite ⇄ PostgreSQL), idempotent re-import, bad lines reported by number."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.store import open_store
from tests.team.conftest import Cli
from tests.team.helpers import finished_run


def populate(url: str) -> list[str]:
    with open_store(url) as store:
        finished_run(store, "佐藤", "a", [80, 60], datetime(2026, 11, 1, tzinfo=UTC))
        finished_run(store, "kim", "a", [90], datetime(2026, 11, 2, tzinfo=UTC))
        return [s.id for s in store.history()]


def test_export_then_import_into_another_database_is_exact(
    cli: Cli, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = populate(db_url)
    out = tmp_path / "all.jsonl"
    assert cli("export", "--out", str(out)) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert first["format"] == "callcoach.session/1" and first["scorecard"]["total"] == 80
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert main(["--db", other, "import", str(out)]) == 0
    assert f"{out}: 3 imported, 0 already there, 0 bad line(s)" in capsys.readouterr().out
    with open_store(db_url) as source, open_store(other) as target:
        for session_id in ids:
            assert target.load_record(session_id) == source.load_record(session_id)
            assert target.scorecard(session_id) == source.scorecard(session_id)
        assert [s.as_json() for s in target.history()] == [s.as_json() for s in source.history()]
    # Importing the same file again changes nothing.
    assert main(["--db", other, "import", str(out)]) == 0
    assert f"{out}: 0 imported, 3 already there, 0 bad line(s)" in capsys.readouterr().out
    with open_store(other) as target:
        assert len(target.history()) == 3


def test_a_trainees_export_holds_only_their_sessions(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(db_url)
    capsys.readouterr()
    assert cli("export", "--trainee", "kim") == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["trainee"] for r in records] == ["kim"]


def test_bad_lines_are_reported_by_number_and_the_rest_imported(
    cli: Cli, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    populate(db_url)
    good = tmp_path / "good.jsonl"
    assert cli("export", "--out", str(good)) == 0
    lines = good.read_text(encoding="utf-8").splitlines()
    broken = [
        lines[0],
        '{"format": "callcoach.session/1", "id": "x1", "scenario": {"id": "s"}, ',  # cut off
        "",
        '{"format": "callcoach.scorecard/1", "total": 3}',
        lines[1],
        '{"format": "callcoach.session/1", "id": "x2", "scenario": {"id": "s"},'
        ' "utterances": [{"start": "soon"}]}',
        lines[2],
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(broken) + "\n", encoding="utf-8")
    other = f"sqlite:///{tmp_path / 'other.db'}"
    capsys.readouterr()
    assert main(["--db", other, "import", str(path)]) == 2
    captured = capsys.readouterr()
    errors = captured.err.strip().splitlines()
    assert errors == [
        f"callcoach: {path}:2:72: invalid JSON"
        " (Expecting property name enclosed in double quotes) — a callcoach.session/1 JSON record",
        f"callcoach: {path}:4: format is 'callcoach.scorecard/1' — 'callcoach.session/1'",
        f"callcoach: {path}:6: language is None — 'ja' or 'en'",
    ]
    assert f"{path}: 3 imported, 0 already there, 3 bad line(s)" in captured.out
    assert "Traceback" not in captured.err
    with open_store(other) as store:
        assert len(store.history()) == 3


def test_importing_a_missing_or_binary_file_is_one_line(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("import", str(tmp_path / "nope.jsonl")) == 2
    assert "nope.jsonl: no such file" in capsys.readouterr().err
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert cli("import", str(binary)) == 2
    assert "bin.jsonl:1: the file is UTF-16 — UTF-8 text" in capsys.readouterr().err
