"""Keep native libraries' chatter off the TUI.

ALSA ("underrun occurred"), PortAudio, espeak-ng and OpenJTalk write straight to
file descriptor 2 from C, which would print over the screen. Textual draws on
``sys.__stderr__``, which is that same descriptor. So while the app runs, the
terminal gets a descriptor of its own (a duplicate, handed to Textual) and
descriptor 2 goes to a log file, where the messages can still be read.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

LOG_NAME = "native-stderr.log"
KEEP_BYTES = 1 << 20  # start the log afresh once it passes 1 MiB


def _open_log(folder: Path) -> int:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / LOG_NAME
    with contextlib.suppress(OSError):
        if path.stat().st_size > KEEP_BYTES:
            path.unlink()
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)


def _draw_on(stream: TextIO) -> None:
    # sys.__stderr__ is what Textual draws on; rebinding it is the point here.
    setattr(sys, "__stderr__", stream)  # noqa: B010


@contextlib.contextmanager
def native_stderr_to_log(folder: Path) -> Iterator[None]:
    """Inside: descriptor 2 (and so ``sys.stderr``: Python warnings too) writes to
    ``folder``/native-stderr.log, and ``sys.__stderr__`` to the terminal. Build the
    app inside, as Textual keeps the ``sys.__stderr__`` it saw for its own error
    report. Restored after, even on an exception. Does nothing when descriptor 2
    cannot be moved (no log folder, or no real stderr, as under some test runners)."""
    try:
        stream = sys.__stderr__
        if stream is None:
            raise OSError("no stderr")
        stream.flush()
        log = _open_log(folder)
    except (OSError, ValueError):
        yield
        return
    saved_fd = os.dup(2)
    terminal = os.fdopen(os.dup(2), "w", encoding=stream.encoding, errors=stream.errors)
    os.dup2(log, 2)
    os.close(log)
    _draw_on(terminal)
    try:
        yield
    finally:
        terminal.flush()
        os.dup2(saved_fd, 2)
        os.close(saved_fd)
        _draw_on(stream)
        terminal.close()
