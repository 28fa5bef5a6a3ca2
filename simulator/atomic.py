"""Files written for the user (``--out``, ``--json``, ``tui.json``) appear whole or not
at all: the data goes to a temporary file in the same folder, is flushed to disk and
then renamed over the target. On a full disk (or any other write error) the previous
file is left exactly as it was and the temporary file is removed."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from simulator.errors import CallCoachError


def write_atomically(path: Path, data: str | bytes, *, mode: int = 0o666) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8, newlines as given).
    ``mode`` is filtered by the umask, like any new file. Raises OSError."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        _write_all(descriptor, payload)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _sync_folder(path.parent)


def _write_all(descriptor: int, payload: bytes) -> None:
    """Write, flush and fsync (a full disk shows up here, as ENOSPC)."""
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (not possible on every platform: best effort)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_user_file(path: Path, data: str | bytes, what: str, *, mode: int = 0o666) -> None:
    """``write_atomically`` for a file the user asked for: one line on failure,
    ``path: cannot write (reason) — …``."""
    if path.is_dir():
        raise CallCoachError(f"{path}: cannot write (is a folder) — a file name for the {what}")
    try:
        write_atomically(path, data, mode=mode)
    except OSError as error:
        reason = error.strerror or str(error)
        kept = f"the previous {what} is unchanged" if path.exists() else "nothing was written"
        raise CallCoachError(f"{path}: cannot write ({reason}) — {kept}") from None
