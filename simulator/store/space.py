"""Can the database take a call right now? Asked before a call starts, so the
briefing never promises storage it cannot give.

Only a SQLite file can be checked ahead (its folder writable, enough free space on
its disk); a PostgreSQL server's disk is the server's, and its first write tells.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

from simulator.store.urls import sqlite_path

# A call is a few hundred KB in the database; SQLite's WAL and a checkpoint need room too.
MIN_FREE_BYTES = 16 * 1024 * 1024


def storage_problem(store: Any) -> str | None:
    """Why a new call could not be stored in ``store`` now, or None."""
    url = getattr(store, "url", None)
    path = sqlite_path(url) if url is not None else None
    if path is None:
        return None
    folder = path.parent
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"{folder}: not writable"
    try:
        free = shutil.disk_usage(folder).free
    except OSError as error:
        return f"{folder}: cannot check the free space ({error.strerror or error})"
    if free < MIN_FREE_BYTES:
        return f"{folder}: the disk is full ({_size(free)} free)"
    return None


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count // 1024} KB"
