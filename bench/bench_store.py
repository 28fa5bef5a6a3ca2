"""Session store figures: open + migrate, per-utterance commit latency, history query.

SQLite (WAL, synchronous=FULL) in a temporary folder; PostgreSQL too when
CALLCOACH_TEST_PG_URL is set (a scratch database is created and dropped)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.scratch_pg import scratch_pg_database
from bench.timing import measure, row

REPO = Path(__file__).resolve().parent.parent
SESSIONS = 1_000
UTTERANCES_PER_SESSION = 20
COMMITS = 200


def cold_open_time(url: str) -> None:
    """A fresh process opening a fresh database: imports + engine + all migrations."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from simulator.store import open_store\n"
        f"open_store({url!r}).close()\n"
        "print(time.perf_counter() - t)"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        print(f"cold open failed: {out.stderr.strip().splitlines()[-1]}")
        return
    row("open + migrate, new db (new process, cold)", {"once": float(out.stdout)})


def warm_open_times(url: str) -> None:
    from simulator.store import open_store

    fresh = measure(lambda: open_store(_fresh_sqlite()).close(), repeat=10)
    row("open + migrate, new SQLite db (warm imports)", fresh)
    figures = measure(lambda: open_store(url).close(), repeat=20)
    row("open, db already at head", figures)


def commit_latency(url: str, label: str) -> None:
    from simulator.engine.record import SessionRecorder
    from simulator.store import open_store

    with open_store(url) as store:
        recorder = SessionRecorder(_header(), [store.sink()])
        index = 0

        def one_utterance() -> None:
            nonlocal index
            recorder.add_utterance(_utterance(index))
            index += 1

        figures = measure(one_utterance, repeat=COMMITS, warmup=5)
        row(f"commit one utterance ({label})", figures)
        event = measure(lambda: recorder.add_event(1.0, "mood", value=50), repeat=COMMITS)
        row(f"commit one event ({label})", event)


def history_time(url: str, label: str) -> None:
    from simulator.store import open_store

    with open_store(url) as store:
        _seed(store)
        everything = measure(lambda: store.history(limit=SESSIONS), repeat=10)
        row(f"history, all {SESSIONS} sessions ({label})", everything)
        recent = measure(lambda: store.history(limit=50), repeat=20)
        row(f"history, latest 50 of {SESSIONS} ({label})", recent)
        one = measure(lambda: store.history(trainee="trainee7", limit=50), repeat=20)
        row(f"history, one trainee's 50 ({label})", one)
        some_id = store.history(limit=1)[0].id
        record = measure(lambda: store.load_record(some_id), repeat=20)
        row(f"load_record, {UTTERANCES_PER_SESSION} utterances ({label})", record)


def _seed(store: object) -> None:
    """1,000 finished sessions with utterances, inserted in one transaction."""
    from simulator.store.models import Session, Trainee, Utterance

    start = datetime(2026, 1, 1, tzinfo=UTC)

    def insert(db: object) -> None:
        trainees = [Trainee(name=f"trainee{n}", created_at=start) for n in range(20)]
        db.add_all(trainees)  # type: ignore[attr-defined]
        db.flush()  # type: ignore[attr-defined]
        for n in range(SESSIONS):
            session_id = uuid.uuid4().hex
            db.add(  # type: ignore[attr-defined]
                Session(
                    id=session_id,
                    scenario_id=f"scenario-{n % 12}",
                    scenario_title="t",
                    language="ja",
                    caller_type="angry",
                    mode="text",
                    trainee_id=trainees[n % 20].id,
                    started_at=start + timedelta(minutes=n),
                    ended_at=start + timedelta(minutes=n, seconds=90),
                    outcome="resolved",
                    complete=True,
                    total_score=float(n % 100),
                    passed=n % 100 >= 70,
                    scorecard={"total": n % 100},
                    header=_header(),
                )
            )
            db.add_all(  # type: ignore[attr-defined]
                Utterance(
                    session_id=session_id,
                    position=i,
                    speaker="trainee",
                    turn="t",
                    start_time=float(i),
                    end_time=i + 0.5,
                    text=f"発話{i}",
                )
                for i in range(UTTERANCES_PER_SESSION)
            )

    began = time.perf_counter()
    store.write(insert)  # type: ignore[attr-defined]
    print(f"(seeded {SESSIONS} sessions in {time.perf_counter() - began:.1f} s)", flush=True)


def _header() -> dict[str, object]:
    return {
        "scenario": {"id": "bench", "title": "bench"},
        "language": "ja",
        "caller_type": "angry",
        "mode": "text",
        "trainee": "bench",
    }


def _utterance(index: int) -> dict[str, object]:
    return {
        "speaker": "trainee",
        "turn": "t",
        "start": float(index),
        "end": index + 0.8,
        "text": "大変申し訳ございません。",
        "voiced": [[index, index + 0.8]],
    }


_scratch: list[str] = []


def _fresh_sqlite() -> str:
    folder = tempfile.mkdtemp(dir=_scratch[0])
    return f"sqlite:///{folder}/fresh.db"


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["CALLCOACH_HOME"] = home
        _scratch[:] = [home]
        cold_open_time(f"sqlite:///{home}/cold.db")
        sqlite = f"sqlite:///{home}/bench.db"
        warm_open_times(sqlite)
        commit_latency(sqlite, "SQLite WAL")
        history_time(f"sqlite:///{home}/history.db", "SQLite")
        with scratch_pg_database() as pg:
            if pg is None:
                print("PostgreSQL: set CALLCOACH_TEST_PG_URL to measure it too")
                return
            commit_latency(pg, "PostgreSQL")
            history_time(pg, "PostgreSQL")


if __name__ == "__main__":
    main()
