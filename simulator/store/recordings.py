"""Recordings in a shared database (PostgreSQL): one row per call holding its WAV.

A team database is reached from many machines, so a recording on one machine's disk
could be neither played nor purged from another. The row is written once the WAV
file is (its owner's own session only: migration 0003), read back into a private
temporary file for ``play``, and deleted with its session.
"""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.errors import CallCoachError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store

MAX_BYTES = 4 * 3600 * 16000 * 4 + 44  # the longest recording simulator.voice writes


def store_recording(store: Store, session_id: str, path: Path) -> None:
    from simulator.store.models import Recording

    try:
        data = path.read_bytes()
    except OSError as error:
        raise CallCoachError(f"{path}: cannot read the recording ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise CallCoachError(f"{path}: too large to keep in the database ({len(data)} bytes)")

    def keep(db: OrmSession) -> None:
        db.merge(Recording(session_id=session_id, wav=data, created_at=datetime.now(UTC)))

    store.write(keep, "save a recording to")


def fetch_recording(store: Store, session_id: str) -> Path | None:
    """The session's recording as an owner-only temporary file (the caller deletes it),
    or None if the database holds none."""
    from simulator.store.models import Recording

    data = store.read(lambda db: _wav(db, session_id, Recording))
    if data is None:
        return None
    descriptor, name = tempfile.mkstemp(prefix="callcoach-", suffix=".wav")  # mode 0600
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return Path(name)


def _wav(db: OrmSession, session_id: str, model: type) -> bytes | None:
    row = db.get(model, session_id)
    return None if row is None else bytes(row.wav)


def recording_ids(db: OrmSession, session_ids: list[str]) -> set[str]:
    from sqlalchemy import select

    from simulator.store.models import Recording

    if not session_ids:
        return set()
    query = select(Recording.session_id).where(Recording.session_id.in_(session_ids))
    return set(db.scalars(query))
