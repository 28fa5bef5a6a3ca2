"""Alembic environment, run programmatically by ``simulator.store.migrate``.

There is no alembic.ini: the caller passes an open connection (already inside the
transaction that holds the migration lock) in ``config.attributes["connection"]``.
For a developer writing a new migration::

    .venv/bin/python -m simulator.store.migrate revision -m "add teams" [--db URL]
"""

from __future__ import annotations

from alembic import context

from simulator.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through simulator.store.migrate, not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things in place; batch mode rebuilds tables instead.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
