"""A session through SessionStore and back: every field, every update, in order."""

from __future__ import annotations

import copy

import pytest

from simulator.engine.record import SessionRecorder
from simulator.errors import CallCoachError
from simulator.store import open_store
from tests.store.conftest import CUSTOMER, TRAINEE, header

SCORECARD = {
    "format": "callcoach.scorecard/1",
    "total": 78,
    "passed": True,
    "rubric": "angry",
    "dimensions": {"empathy": {"score": 80, "weight": 0.3}},
    "feedback": [{"turn": "open", "severity": "warn", "message": "早口です"}],
}


def record_a_call(
    url: str, *, finish: bool = True, trainee: str | None = "sato"
) -> SessionRecorder:
    with open_store(url) as store:
        recorder = SessionRecorder(header(trainee), [store.sink()])
        recorder.add_utterance(copy.deepcopy(CUSTOMER))
        recorder.add_event(1.5, "mood", value=80)
        recorder.add_utterance(copy.deepcopy(TRAINEE))
        recorder.update_utterance(0, end=3.95, text="いつ届くんですか")  # cut short by a barge-in
        recorder.add_event(12.3, "hold_start")
        recorder.add_event(40.1, "hold_end", duration=27.8)
        if finish:
            recorder.finish("resolved", SCORECARD)
    return recorder


def test_a_finished_session_comes_back_exactly(db_url: str) -> None:
    recorder = record_a_call(db_url)
    with open_store(db_url) as store:
        assert store.load_record(recorder.id) == recorder.record
        assert store.scorecard(recorder.id) == SCORECARD
        [summary] = store.history()
    assert summary.id == recorder.id
    assert (summary.outcome, summary.status, summary.complete) == ("resolved", "resolved", True)
    assert (summary.total, summary.passed, summary.trainee) == (78.0, True, "sato")
    assert summary.scenario_id == "ja-angry-late-delivery"
    assert summary.started_at.tzinfo is not None


def test_the_stored_record_keeps_updates_and_extra_fields(db_url: str) -> None:
    recorder = record_a_call(db_url)
    with open_store(db_url) as store:
        record = store.load_record(recorder.id)
    customer, trainee = record["utterances"]
    assert (customer["end"], customer["text"]) == (3.95, "いつ届くんですか")
    assert trainee["asr"] == {"engine": "vosk", "confidence": 0.82}
    assert trainee["voiced"] == [[3.6, 5.1], [5.4, 7.9]]
    assert [e["kind"] for e in record["events"]] == ["mood", "hold_start", "hold_end"]
    assert record["events"][2] == {"t": 40.1, "kind": "hold_end", "duration": 27.8}
    assert record["guide"]["turns"]["open"]["expects"] == ["empathy", "apology"]


def test_an_unfinished_session_is_incomplete(db_url: str) -> None:
    recorder = record_a_call(db_url, finish=False)
    with open_store(db_url) as store:
        [summary] = store.history()
        record = store.load_record(recorder.id)
    assert (summary.complete, summary.outcome, summary.status) == (False, None, "incomplete")
    assert record["outcome"] is None
    assert len(record["utterances"]) == 2


def test_history_filters_by_trainee_and_limits(db_url: str) -> None:
    for name in ("sato", "suzuki", "ｓａｔｏ", None):
        record_a_call(db_url, trainee=name)
    with open_store(db_url) as store:
        assert len(store.history()) == 4
        assert [s.trainee for s in store.history(trainee="sato")] == ["sato", "sato"]
        assert len(store.history(trainee="nobody")) == 0
        assert len(store.history(limit=3)) == 3
        newest_first = [s.started_at for s in store.history()]
    assert newest_first == sorted(newest_first, reverse=True)


def test_events_continue_in_order_through_a_second_sink(db_url: str) -> None:
    recorder = record_a_call(db_url, finish=False)
    with open_store(db_url) as store:
        store.sink().event_added(recorder.id, {"t": 50.0, "kind": "end", "outcome": "abandoned"})
        events = store.load_record(recorder.id)["events"]
    assert [e["kind"] for e in events] == ["mood", "hold_start", "hold_end", "end"]


def test_a_session_id_is_stored_once(db_url: str) -> None:
    recorder = record_a_call(db_url)
    with open_store(db_url) as store, pytest.raises(CallCoachError, match="already stored"):
        store.sink().session_started(recorder.header)


def test_an_unknown_session_is_a_clear_error(db_url: str) -> None:
    with open_store(db_url) as store, pytest.raises(CallCoachError, match="no stored session"):
        store.load_record("nope")


def test_an_utterance_for_an_unknown_session_is_refused(db_url: str) -> None:
    with open_store(db_url) as store, pytest.raises(CallCoachError, match="cannot save"):
        store.sink().utterance_added("ghost", 0, dict(CUSTOMER))


@pytest.mark.parametrize("url", ["file", "sqlite://"], ids=["file", "memory"])
def test_a_store_opened_here_works_in_a_worker_thread(url: str, sqlite_url: str) -> None:
    import threading

    store = open_store(sqlite_url if url == "file" else url)
    done: list[SessionRecorder] = []

    def worker() -> None:  # what the TUI does: open on one thread, record on another
        recorder = SessionRecorder(header(), [store.sink()])
        recorder.add_utterance(copy.deepcopy(CUSTOMER))
        recorder.finish("resolved", SCORECARD)
        done.append(recorder)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    [recorder] = done
    assert store.load_record(recorder.id) == recorder.record
    assert [s.status for s in store.history()] == ["resolved"]
    store.close()
