"""Report and leaderboard figures.

- ``callcoach report`` over 1,000 scored sessions (20 trainees × 50): gathering the rows,
  rendering HTML (inline SVG charts) and CSV — on SQLite, and PostgreSQL when set.
- The leaderboard query over 100,000 sessions on PostgreSQL (1,000 trainees, 5 sets,
  25,000 drill runs of 4 calls). Prints "skipped: no CALLCOACH_TEST_PG_URL" when unset.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.scratch_pg import scratch_pg_database
from bench.timing import measure, row

REPORT_TRAINEES, REPORT_SESSIONS_EACH = 20, 50
BOARD_TRAINEES, BOARD_SETS, CALLS_PER_RUN, RUNS_EACH = 1_000, 5, 4, 5  # 100,000 sessions
DIMENSIONS = ("listening", "empathy", "pacing", "politeness", "resolution")
START = datetime(2026, 1, 1, tzinfo=UTC)


def card(total: float) -> dict[str, Any]:
    return {
        "format": "callcoach.scorecard/1",
        "total": total,
        "passed": total >= 70,
        "dimensions": {
            d: {"score": (total + 7 * n) % 100, "weight": 0.2} for n, d in enumerate(DIMENSIONS)
        },
    }


def seed(store: Any, trainees: int, sets: int, runs_each: int, calls: int) -> int:
    """Trainees, finished drill runs and their scored sessions, inserted in bulk."""
    from sqlalchemy import insert, select

    from simulator.store.models import DrillRun, DrillSession, Session, Trainee

    def write(db: Any) -> int:
        db.execute(
            insert(Trainee),
            [
                {"name": f"trainee{t:04d}", "created_at": START, "role": "trainee"}
                for t in range(trainees)
            ],
        )
        ids = list(db.scalars(select(Trainee.id).order_by(Trainee.id)))
        runs, sessions, links, run_id, count = [], [], [], 0, 0
        for t, trainee_id in enumerate(ids):
            for s in range(sets):
                for attempt in range(1, runs_each + 1):
                    run_id += 1
                    finished = START + timedelta(minutes=run_id)
                    runs.append({"id": run_id, "set_id": f"set{s}", "trainee_id": trainee_id,
                                 "assignment_id": None, "assignment_key": 0,
                                 "attempt": attempt, "scenario_count": calls, "pass_mark": 70,
                                 "started_at": finished, "finished_at": finished})  # fmt: skip
                    for c in range(calls):
                        count += 1
                        total = float((t * 7 + s * 13 + attempt * 17 + c * 29) % 101)
                        sid = uuid.uuid4().hex
                        sessions.append({"id": sid, "scenario_id": f"set{s}-scenario{c}",
                                         "scenario_title": f"シナリオ {c}", "language": "ja",
                                         "caller_type": "angry", "mode": "replay",
                                         "trainee_id": trainee_id, "started_at": finished,
                                         "ended_at": finished, "outcome": "resolved",
                                         "complete": True, "total_score": total,
                                         "passed": total >= 70, "scorecard": card(total),
                                         "header": {"guide": {"pass_mark": 70}}})  # fmt: skip
                        links.append({"session_id": sid, "run_id": run_id})
        for table, rows in ((DrillRun, runs), (Session, sessions), (DrillSession, links)):
            for start in range(0, len(rows), 5_000):
                db.execute(insert(table), rows[start : start + 5_000])
        return count

    return int(store.write(write))


def report_figures(url: str, label: str) -> None:
    from simulator.report.csv_out import render_csv
    from simulator.report.data import ReportFilter, gather
    from simulator.report.html import render_html
    from simulator.store import open_store

    with open_store(url) as store:
        count = seed(store, REPORT_TRAINEES, 1, REPORT_SESSIONS_EACH // 2, 2)
        everyone = ReportFilter()
        data = gather(store, everyone)
        assert len(data.rows) == count == 1_000, len(data.rows)
        row(f"{label}: gather 1,000 sessions", measure(lambda: gather(store, everyone), 5))
        row(f"{label}: render HTML (40 SVG charts)", measure(lambda: render_html(data), 5))
        row(f"{label}: render CSV", measure(lambda: render_csv(data), 5))
        html = render_html(data)
        print(f"{label}: HTML report size {len(html.encode()) / 1024:.0f} KiB", flush=True)


def leaderboard_figures(url: str) -> None:
    from sqlalchemy import text

    from simulator.store import open_store
    from simulator.store.drills import leaderboard

    with open_store(url) as store:
        began = time.perf_counter()
        count = seed(store, BOARD_TRAINEES, BOARD_SETS, RUNS_EACH, CALLS_PER_RUN)
        print(f"PostgreSQL: seeded {count:,} sessions in {time.perf_counter() - began:.1f} s")
        store.write(lambda db: db.execute(text("ANALYZE")))
        board = store.read(lambda db: leaderboard(db))
        assert len(board) == BOARD_TRAINEES * BOARD_SETS
        row("leaderboard, all sets (100k sessions)", measure(lambda: store.read(leaderboard), 5))
        one_set = measure(lambda: store.read(lambda db: leaderboard(db, set_id="set2")), 5)
        row("leaderboard, one set", one_set)
        team = list(range(1, 101))
        row(
            "leaderboard, one team of 100",
            measure(lambda: store.read(lambda db: leaderboard(db, member_ids=team)), 5),
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report_figures(f"sqlite:///{Path(folder) / 'report.db'}", "SQLite")
    with scratch_pg_database() as pg:
        if pg is None:
            print("PostgreSQL report: skipped: no CALLCOACH_TEST_PG_URL")
            print("leaderboard over 100,000 sessions: skipped: no CALLCOACH_TEST_PG_URL")
            return
        report_figures(pg, "PostgreSQL")
    with scratch_pg_database() as pg:
        assert pg is not None
        leaderboard_figures(pg)


if __name__ == "__main__":
    main()
