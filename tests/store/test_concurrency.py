"""Several writers at once: nothing lost, no "database is locked" reaching the caller."""

from __future__ import annotations

import threading

from simulator.engine.record import SessionRecorder
from simulator.store import open_store
from tests.store.conftest import header

WRITERS = 8
UTTERANCES = 12


def write_sessions(url: str, name: str, shared: object | None, errors: list[BaseException]) -> None:
    try:
        store = shared or open_store(url)  # own engine ≈ another process
        recorder = SessionRecorder(header(trainee=name), [store.sink()])  # type: ignore[attr-defined]
        for i in range(UTTERANCES):
            recorder.add_utterance(
                {
                    "speaker": "trainee",
                    "turn": "t",
                    "start": i,
                    "end": i + 0.5,
                    "text": f"{name}{i}",
                }
            )
            recorder.add_event(i + 0.6, "mood", value=i)
        recorder.finish("resolved", {"total": 70, "passed": True})
        if shared is None:
            store.close()  # type: ignore[attr-defined]
    except BaseException as error:
        errors.append(error)


def run_writers(url: str, shared: object | None) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        start.wait()
        write_sessions(url, f"trainee{n % 3}", shared, errors)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def assert_all_stored(url: str) -> None:
    with open_store(url) as store:
        sessions = store.history(limit=1000)
        assert len(sessions) == WRITERS
        assert all(s.status == "resolved" for s in sessions)
        for summary in sessions:
            record = store.load_record(summary.id)
            assert len(record["utterances"]) == UTTERANCES
            assert len(record["events"]) == UTTERANCES
        assert {s.trainee for s in sessions} == {"trainee0", "trainee1", "trainee2"}


def test_writers_with_their_own_engines(db_url: str) -> None:
    open_store(db_url).close()
    assert run_writers(db_url, shared=None) == []
    assert_all_stored(db_url)


def test_writers_sharing_one_store(db_url: str) -> None:
    with open_store(db_url) as store:
        assert run_writers(db_url, shared=store) == []
    assert_all_stored(db_url)


def test_opening_a_fresh_database_from_many_threads_at_once(db_url: str) -> None:
    """Each opener migrates under a lock: tables are created exactly once."""
    assert run_writers(db_url, shared=None) == []
    assert_all_stored(db_url)
