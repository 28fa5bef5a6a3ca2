"""Issue 14 on SQLite: a call is stored only for the one taking it, names are not
created on the fly once there are trainers, and the last trainer stays a trainer."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.store import open_store

GOOD = Path(__file__).parents[1] / "library" / "replays" / "en-angry-wrong-colour" / "good.yaml"


def run_as(url: str, *extra: str) -> int:
    return main(["--db", url, "run", "en-angry-wrong-colour", "--replay", str(GOOD), *extra])


def stored_trainees(url: str) -> list[str]:
    with open_store(url) as store:
        return [str(s.trainee) for s in store.history()]


def test_a_call_is_not_filed_in_someone_elses_record(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLCOACH_USER", "alice")
    assert run_as(sqlite_url, "--trainee", "bob") == 2
    assert "calls are stored for the one taking them, and you are alice" in capsys.readouterr().err
    assert stored_trainees(sqlite_url) == []
    assert run_as(sqlite_url) == 0  # CALLCOACH_USER alone: alice's call
    assert stored_trainees(sqlite_url) == ["alice"]


def test_with_trainers_an_unknown_name_is_refused_not_created(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CALLCOACH_USER", raising=False)
    assert run_as(sqlite_url, "--trainee", "solo") == 0  # a personal database: fine
    assert main(["--db", sqlite_url, "trainee", "add", "boss", "--role", "trainer"]) == 0
    assert main(["--db", sqlite_url, "trainee", "add", "kim", "--as", "boss"]) == 0
    capsys.readouterr()
    assert run_as(sqlite_url, "--trainee", "kimm") == 1
    assert "kimm is not a user of this database" in capsys.readouterr().err
    assert run_as(sqlite_url, "--trainee", "kim") == 0
    with open_store(sqlite_url) as store:
        from simulator.store.teams import list_users

        names = [u.name for u in store.read(list_users)]
    assert names == ["boss", "kim", "solo"]
    assert sorted(stored_trainees(sqlite_url)) == ["kim", "solo"]


def test_the_last_trainer_cannot_demote_themselves(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def cli(*argv: str) -> int:
        return main(["--db", sqlite_url, "trainee", *argv])

    assert cli("add", "boss", "--role", "trainer") == 0
    capsys.readouterr()
    assert cli("add", "boss", "--role", "trainee", "--as", "boss") == 1
    assert "boss is the last trainer: make someone else a trainer first" in (
        capsys.readouterr().err
    )
    assert cli("add", "kim", "--role", "trainer", "--as", "boss") == 0
    assert cli("add", "boss", "--role", "trainee", "--as", "boss") == 0  # now there is kim


def test_a_journal_with_a_recording_line_still_reads(tmp_path: Path) -> None:
    """A shared database's recording step can be journaled with the call; recovering
    the call skips it (the WAV stays on the machine that made it)."""
    import json

    from simulator.store.journal import JOURNAL_FORMAT, operation_line, read_journal

    header = {"id": "abc123", "scenario": {"id": "s"}, "trainee": "kim"}
    lines = [
        json.dumps({"format": JOURNAL_FORMAT, "session": "abc123"}) + "\n",
        operation_line("session_started", [header]),
        operation_line("session_finished", ["abc123", "resolved", {"total": 70}]),
        operation_line("recording_saved", ["abc123", str(tmp_path / "abc123.wav")]),
    ]
    journal = tmp_path / "abc123.journal.jsonl"
    journal.write_text("".join(lines), encoding="utf-8")
    call = read_journal(journal)
    assert call.finished and call.record["outcome"] == "resolved"
