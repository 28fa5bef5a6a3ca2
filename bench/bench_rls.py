"""What row-level security costs on a team database (issue 14): history read by the
owner (no policies) and by a trainee login (policies on), 2,000 calls of which the
trainee's are 1,000. Needs CALLCOACH_TEST_PG_URL (a role that may create roles)."""

from __future__ import annotations

import uuid
from typing import Any

from bench.scratch_pg import scratch_pg_database
from bench.timing import measure, row

CALLS_EACH = 1_000


def main() -> None:
    with scratch_pg_database("callcoach_rls") as owner:
        if owner is None:
            print("skipped: set CALLCOACH_TEST_PG_URL (bash .ci/postgres)")
            return
        prefix = f"ccbench{uuid.uuid4().hex[:8]}"
        try:
            trainee = _fill(owner, prefix)
            for label, url in (("owner", owner), ("trainee (row-level security)", trainee)):
                _history(label, url)
        finally:
            _drop_roles(owner, prefix)


def _fill(owner: str, prefix: str) -> str:
    from sqlalchemy.engine import make_url

    from simulator.store import open_store
    from simulator.store.imports import insert_record
    from simulator.store.pgaccess import add_login, init_db

    with open_store(owner) as store:
        init_db(store, prefix)
        for who in ("alice", "bob"):
            add_login(store, f"{prefix}_{who}", "trainee", f"{who}-bench-secret")

        def calls(db: Any) -> None:
            for n in range(CALLS_EACH):
                for who in ("alice", "bob"):
                    insert_record(db, _record(f"{prefix}_{who}", n), {"total": 70})

        store.write(calls)
    url = make_url(owner).set(username=f"{prefix}_alice", password="alice-bench-secret")
    return url.render_as_string(hide_password=False)


def _record(trainee: str, n: int) -> dict[str, object]:
    return {
        "format": "callcoach.session/1",
        "id": uuid.uuid4().hex,
        "started_at": f"2026-11-{1 + n % 28:02d}T09:{n % 60:02d}:00+00:00",
        "scenario": {"id": "bench", "title": "bench"},
        "trainee": trainee,
        "utterances": [{"speaker": "trainee", "start": 0.0, "end": 1.0, "text": "はい"}],
        "events": [],
        "outcome": "resolved",
    }


def _history(label: str, url: str) -> None:
    from simulator.store import open_store

    with open_store(url) as store:
        for limit in (50, CALLS_EACH):
            figures = measure(lambda n=limit: store.history(limit=n))
            row(f"history {limit:>5}: {label}", figures)


def _drop_roles(owner: str, prefix: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(owner).set(drivername="postgresql")
    with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as db:
        db.execute("DROP SCHEMA public CASCADE")
        roles = db.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s ORDER BY rolcanlogin DESC",
            (f"{prefix}\\_%",),
        ).fetchall()
        for (role,) in roles:
            db.execute(f'REVOKE ALL ON DATABASE "{plain.database}" FROM "{role}"')
            db.execute(f'DROP ROLE "{role}"')


if __name__ == "__main__":
    main()
