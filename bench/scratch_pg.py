"""A throw-away PostgreSQL database for a benchmark, on the server named by
CALLCOACH_TEST_PG_URL (``bash .ci/postgres`` starts one); None when it is unset."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def scratch_pg_database(prefix: str = "callcoach_bench") -> Iterator[str | None]:
    server = os.environ.get("CALLCOACH_TEST_PG_URL")
    if not server:
        yield None
        return
    import psycopg
    from sqlalchemy.engine import make_url

    base = make_url(server)
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
