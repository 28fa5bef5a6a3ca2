"""The retrying sink: a full disk mid-call or at the start loses nothing, never makes
the call wait, says what is stored, and the journal brings the call back."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from simulator.cli.main import main
from simulator.engine.record import SessionRecorder
from simulator.errors import CallCoachError
from simulator.store import Store, open_store
from simulator.store.journal import read_journal
from simulator.store.retrying_sink import RetryingSink
from tests.safety.disk import DiskFull
from tests.store.conftest import CUSTOMER, TRAINEE, header

NEVER = (3600.0,)  # the writer retries only when asked: tests decide when
CARD = {"format": "callcoach.scorecard/1", "total": 71, "passed": True}


@pytest.fixture
def store(tmp_path: Path) -> Any:
    with open_store(f"sqlite:///{tmp_path / 'calls.db'}") as opened:
        yield opened


def utterance(n: int) -> dict[str, Any]:
    base = CUSTOMER if n % 2 == 0 else TRAINEE
    return {**copy.deepcopy(base), "start": float(n), "end": n + 0.9, "text": f"line {n}"}


def stored(store: Store, session_id: str) -> dict[str, Any] | None:
    try:
        return store.load_record(session_id)
    except CallCoachError:
        return None


def test_a_disk_that_fills_mid_call_loses_nothing(store: Store, tmp_path: Path) -> None:
    disk = DiskFull(store.engine)
    sink = RetryingSink(store.sink(), journal_folders=[tmp_path / "j"], retry_delays=NEVER)
    recorder = SessionRecorder(header(), [sink])
    for n in range(3):
        recorder.add_utterance(utterance(n))
    assert sink.wait_settled(5).state == "stored"
    disk.full = True
    recorder.add_utterance(utterance(3))  # positions 3 and 4: the ones lost before
    recorder.add_event(4.0, "mood", value=60)
    recorder.add_utterance(utterance(4))
    status = sink.wait_settled(5)
    assert (status.state, status.waiting, status.session_stored) == ("partly", 3, True)
    assert "database or disk is full" in (status.reason or "")
    assert status.journal == tmp_path / "j" / f"{recorder.id}.journal.jsonl"
    assert status.journal.stat().st_mode & 0o777 == 0o600
    partial = stored(store, recorder.id)
    assert partial is not None and [u["text"] for u in partial["utterances"]] == [
        "line 0",
        "line 1",
        "line 2",
    ]
    recorder.finish("resolved", CARD)  # the call goes on and ends while the disk is full
    assert sink.wait_settled(5).waiting == 4
    disk.full = False
    sink.retry_now()
    done = sink.wait_settled(5)
    assert (done.state, done.waiting, done.journal) == ("stored", 0, None)
    assert stored(store, recorder.id) == recorder.record  # every position, in order
    assert store.scorecard(recorder.id) == CARD
    assert not list((tmp_path / "j").iterdir())  # a journal no longer needed is gone
    sink.close()


def test_a_full_disk_at_the_start_is_not_stored_and_the_journal_recovers_it(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = DiskFull(store.engine, full=True)
    sink = RetryingSink(store.sink(), journal_folders=[tmp_path / "j"], retry_delays=NEVER)
    recorder = SessionRecorder(header(), [sink])
    recorder.add_utterance(utterance(0))
    recorder.finish("hung_up", None)
    status = sink.close()
    assert (status.state, status.session_stored, status.waiting) == ("not_stored", False, 3)
    assert status.journal is not None
    assert stored(store, recorder.id) is None
    disk.full = False
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "import", str(status.journal)]) == 0
    assert f"session {recorder.id} stored from the journal" in capsys.readouterr().out
    assert stored(store, recorder.id) == recorder.record
    assert main(["--db", url, "import", str(status.journal)]) == 0  # twice: no change
    assert stored(store, recorder.id) == recorder.record


def test_a_partly_stored_call_is_completed_from_its_journal(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disk = DiskFull(store.engine)
    sink = RetryingSink(store.sink(), journal_folders=[tmp_path / "j"], retry_delays=NEVER)
    recorder = SessionRecorder(header(), [sink])
    recorder.add_utterance(utterance(0))
    recorder.add_event(1.0, "mood", value=70)
    sink.wait_settled(5)
    disk.full = True
    recorder.add_utterance(utterance(1))
    recorder.update_utterance(0, end=0.5, text="line 0 cut")
    recorder.add_event(2.0, "hold_start")
    recorder.finish("resolved", CARD)
    status = sink.close()  # the app quits while the disk is still full
    assert status.state == "partly" and status.journal is not None
    disk.full = False
    url = store.url.render_as_string(hide_password=False)
    assert main(["--db", url, "import", str(status.journal)]) == 0
    assert "completed from the journal" in capsys.readouterr().out
    assert stored(store, recorder.id) == recorder.record
    assert store.scorecard(recorder.id) == CARD
    assert store.history()[0].complete


def test_the_call_never_waits_for_the_database(tmp_path: Path) -> None:
    release = threading.Event()
    calls: list[str] = []

    class SlowSink:
        def __getattr__(self, name: str) -> Any:
            def method(*args: Any) -> None:
                release.wait()  # a database that hangs (the ~35 s stall seen before)
                calls.append(name)

            return method

    sink = RetryingSink(SlowSink(), journal_folders=[tmp_path], retry_delays=NEVER)
    recorder = SessionRecorder(header(), [sink])
    for n in range(5):
        recorder.add_utterance(utterance(n))  # returns at once although nothing is written
    assert sink.status().state == "saving" and sink.status().waiting == 6
    release.set()
    assert sink.wait_settled(5).state == "stored"
    assert calls == ["session_started"] + ["utterance_added"] * 5
    sink.close()


def test_with_no_disk_for_the_journal_everything_stays_in_memory(
    store: Store, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    disk = DiskFull(store.engine, full=True)
    sink = RetryingSink(store.sink(), journal_folders=[blocked / "j"], retry_delays=NEVER)
    recorder = SessionRecorder(header(), [sink])
    recorder.add_utterance(utterance(0))
    status = sink.wait_settled(5)
    assert (status.state, status.journal, status.waiting) == ("not_stored", None, 2)
    disk.full = False
    sink.retry_now()
    assert sink.wait_settled(5).state == "stored"
    assert stored(store, recorder.id) == recorder.record
    sink.close()


def test_the_journal_falls_back_to_the_next_folder(store: Store, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("x")
    DiskFull(store.engine, full=True)
    folders = [blocked / "j", tmp_path / "spare"]
    sink = RetryingSink(store.sink(), journal_folders=folders, retry_delays=NEVER)
    recorder = SessionRecorder(header(), [sink])
    recorder.add_event(0.5, "mood", value=50)  # arrives while the writer waits: journaled too
    status = sink.wait_settled(5)
    assert status.journal == tmp_path / "spare" / f"{recorder.id}.journal.jsonl"
    assert read_journal(status.journal).record["events"] == recorder.record["events"]
    sink.close()


def test_a_journal_cut_short_by_the_disk_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "x.journal.jsonl"
    lines = [
        {"format": "callcoach.journal/1", "session": "s1"},
        {"op": "session_started", "args": [{"id": "s1", "scenario": {"id": "x"}}]},
        {"op": "utterance_added", "args": ["s1", 0, {"speaker": "customer", "text": "a"}]},
    ]
    text = "".join(json.dumps(line) + "\n" for line in lines)
    path.write_text(text + '{"op": "event_add', encoding="utf-8")
    call = read_journal(path)
    assert call.record["utterances"] == [{"speaker": "customer", "text": "a"}]
    path.write_text(text.replace('"op": "utterance_added"', '"op": "rm -rf"'), encoding="utf-8")
    with pytest.raises(CallCoachError, match=r"x\.journal\.jsonl:3: unknown operation"):
        read_journal(path)
    path.write_text(text + "garbage\n" + text.splitlines()[-1] + "\n", encoding="utf-8")
    with pytest.raises(CallCoachError, match=r"x\.journal\.jsonl:4: not JSON"):
        read_journal(path)


def test_a_folder_others_can_write_gets_no_journal(tmp_path: Path) -> None:
    from simulator.store.journal import JournalFile

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # as a folder someone else put in /tmp in our name's place
    journal = JournalFile("s1", [shared, tmp_path / "mine"])
    journal.append(['{"op": "session_started", "args": [{"id": "s1"}]}\n'])
    assert journal.path == tmp_path / "mine" / "s1.journal.jsonl"
    assert list(shared.iterdir()) == []
    assert (tmp_path / "mine").stat().st_mode & 0o777 == 0o700
