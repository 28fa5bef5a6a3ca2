"""A SessionSink that never makes the call wait on the database and never loses what
it was given.

Every operation (session started, utterance, event, finish) is kept in memory in
order and written by one background thread. When a write fails — a full disk, a
lost server — the thread stops there (the store always holds a prefix of the call),
appends the operations to a journal file (simulator.store.journal) when some disk
takes it, and tries again later, without the caller or the trainee waiting: the call
screen shows the state from ``status()`` and the result screen says whether the call
is stored. ``retry_now`` wakes the writer at once (a "try again" button).
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from simulator.store.journal import JournalFile, operation_line
from simulator.store.session_sink import SessionSink

RETRY_DELAYS = (1.0, 2.0, 5.0, 10.0, 30.0)  # seconds between attempts after a failure
SaveState = Literal["saving", "stored", "partly", "not_stored"]


@dataclass(frozen=True)
class SaveStatus:
    """What is known about storing one call, at one moment."""

    session_id: str | None
    stored: int  # operations written
    waiting: int  # operations kept in memory, not yet written
    session_stored: bool  # the session row exists (something of the call is in the db)
    failing: bool  # the last write failed; the writer waits to try again
    reason: str | None  # why the last write failed
    journal: Path | None  # every waiting operation is in this file (None: not on disk)
    finished: bool  # the call has ended (session_finished was given)
    version: int = 0  # grows with every change: a listener drops a status older than one seen

    @property
    def state(self) -> SaveState:
        if not self.waiting:
            return "stored"
        if not self.failing:
            return "saving"
        return "partly" if self.session_stored else "not_stored"


Listener = Callable[[SaveStatus], object]


class RetryingSink:
    def __init__(
        self,
        inner: SessionSink,
        *,
        journal_folders: list[Path] | None = None,
        retry_delays: tuple[float, ...] = RETRY_DELAYS,
    ) -> None:
        self._inner = inner
        self._journal_folders = journal_folders
        self._delays = retry_delays
        self._lock = threading.Condition()
        self._log: list[tuple[str, tuple[Any, ...]]] = []  # every operation, in order
        self._written = 0  # the store holds self._log[:self._written]
        self._journaled = 0  # the journal holds self._log[:self._journaled]
        self._journal_tried = 0  # operations the journal was last asked to take
        self._journal_busy = False
        self._telling = False  # a new state is being told to the listeners
        self._version = 0
        self._journal: JournalFile | None = None
        self._session_id: str | None = None
        self._session_stored = False
        self._finished = False
        self._failures = 0
        self._reason: str | None = None
        self._wake = False
        self._closing = False
        self._listeners: list[Listener] = []
        self._thread = threading.Thread(target=self._run, name="callcoach-store", daemon=True)
        self._thread.start()

    # -- SessionSink: record and return at once ---------------------------------------
    def session_started(self, header: dict[str, Any]) -> None:
        with self._lock:
            self._session_id = str(header.get("id") or "") or None
        self._add("session_started", dict(header))

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self._add("utterance_added", session_id, index, dict(utterance))

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self._add("utterance_updated", session_id, index, dict(utterance))

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        self._add("event_added", session_id, dict(event))

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None:
        with self._lock:
            self._finished = True
        self._add("session_finished", session_id, outcome, scorecard)

    def recording_saved(self, session_id: str, path: Path) -> None:
        """In order after the call's rows: a shared database takes the WAV too."""
        self._add("recording_saved", session_id, str(path))

    def _add(self, name: str, *args: Any) -> None:
        # Copies: the engine goes on changing its dicts (a cut-short line's end).
        with self._lock:
            self._log.append((name, args))
            self._version += 1
            self._lock.notify_all()

    # -- what the screens ask -------------------------------------------------------
    def status(self) -> SaveStatus:
        with self._lock:
            waiting = len(self._log) - self._written
            journal = self._journal.path if self._journal is not None else None
            return SaveStatus(
                session_id=self._session_id,
                stored=self._written,
                waiting=waiting,
                session_stored=self._session_stored,
                failing=self._reason is not None,
                reason=self._reason,
                journal=journal if waiting and self._journaled == len(self._log) else None,
                finished=self._finished,
                version=self._version,
            )

    def listen(self, listener: Listener) -> None:
        """``listener(status)`` after every change, from the writer's thread (or the
        caller's). It must not block: post a message to the UI."""
        with self._lock:
            self._listeners.append(listener)
        listener(self.status())

    def retry_now(self) -> None:
        with self._lock:
            self._wake = True
            self._lock.notify_all()

    def wait_settled(self, timeout: float | None = None) -> SaveStatus:
        """Blocks until everything is written or the writer is waiting after a failure
        (for shutdown and tests; never on the UI thread)."""
        with self._lock:
            self._lock.wait_for(self._settled, timeout)
        return self.status()

    def close(self, timeout: float = 2.0) -> SaveStatus:
        """One last attempt (bounded by ``timeout``), then the writer stops; what is
        still waiting stays in the journal if a disk took it."""
        self.retry_now()
        status = self.wait_settled(timeout)
        with self._lock:
            self._closing = True
            self._lock.notify_all()
        return status

    # -- the writer thread ------------------------------------------------------------
    def _settled(self) -> bool:
        if self._telling:  # settled only once the listeners have heard of it
            return False
        if self._written == len(self._log):
            return True
        idle = not (self._wake or self._journal_busy or self._journal_due())
        return self._reason is not None and idle

    def _run(self) -> None:
        while True:
            with self._lock:
                self._lock.wait_for(lambda: self._closing or self._written < len(self._log))
                if self._closing:
                    return
                name, args = self._log[self._written]
            try:
                getattr(self._inner, name)(*args)
            except Exception as error:  # any refusal: keep the operation, try again later
                self._failed(error)
                continue
            with self._lock:
                self._written += 1
                self._failures = 0
                self._reason = None
                self._session_stored = self._session_stored or name == "session_started"
                done = self._written == len(self._log)
                self._telling = True
                self._version += 1
            if done and self._journal is not None:
                self._drop_journal()
            self._tell_settled()

    def _failed(self, error: Exception) -> None:
        self._write_journal()
        with self._lock:
            self._reason = str(error) or type(error).__name__
            delay = self._delays[min(self._failures, len(self._delays) - 1)]
            self._failures += 1
            self._wake = False
            self._telling = True
            self._version += 1
        self._tell_settled()
        self._wait_to_retry(delay)

    def _wait_to_retry(self, delay: float) -> None:
        """Until the delay has passed or someone asks for a retry; operations that
        arrive meanwhile go to the journal as they come."""
        deadline = time.monotonic() + delay
        while True:
            with self._lock:
                self._lock.wait_for(
                    lambda: self._wake or self._closing or self._journal_due(),
                    timeout=max(0.0, deadline - time.monotonic()),
                )
                if self._wake or self._closing or time.monotonic() >= deadline:
                    self._wake = False
                    return
            self._write_journal()
            self._tell()

    def _journal_due(self) -> bool:
        return self._journal_tried < len(self._log)

    def _write_journal(self) -> None:
        with self._lock:
            self._journal_tried = end = len(self._log)
            if self._session_id is None or self._journaled == end:
                return
            if self._journal is None:
                self._journal = JournalFile(self._session_id, self._journal_folders)
            journal = self._journal
            lines = [operation_line(n, a) for n, a in self._log[self._journaled : end]]
            self._journal_busy = True
        try:
            journal.append(lines)
        except OSError:
            pass  # no disk takes it either: the operations stay in memory
        else:
            with self._lock:
                self._journaled = end
                self._version += 1
        finally:
            with self._lock:
                self._journal_busy = False
                self._lock.notify_all()

    def _drop_journal(self) -> None:
        with self._lock:
            journal, self._journal = self._journal, None
            self._journaled = self._journal_tried = 0
        if journal is not None:
            with contextlib.suppress(OSError):  # a stale journal is harmless: recovering
                journal.remove()  # it changes nothing

    def _tell_settled(self) -> None:
        """Tells the listeners, then lets waiters see the new state: whoever waited
        for it (shutdown, a test) finds the screens already told."""
        try:
            self._tell()
        finally:
            with self._lock:
                self._telling = False
                self._lock.notify_all()

    def _tell(self) -> None:
        status = self.status()
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(status)


class OpeningSink:
    """The store's SessionSink, opened on first use and again after a failure: a
    database that cannot be opened yet (a full disk during its migration, a server
    down) is one more write that fails, is kept and is retried."""

    def __init__(self, open_sink: Callable[[], SessionSink]) -> None:
        self._open_sink = open_sink
        self._sink: SessionSink | None = None

    def _target(self) -> SessionSink:
        if self._sink is None:
            self._sink = self._open_sink()
        return self._sink

    def session_started(self, header: dict[str, Any]) -> None:
        self._target().session_started(header)

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self._target().utterance_added(session_id, index, utterance)

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self._target().utterance_updated(session_id, index, utterance)

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        self._target().event_added(session_id, event)

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None:
        self._target().session_finished(session_id, outcome, scorecard)

    def recording_saved(self, session_id: str, path: str) -> None:
        keep = getattr(self._target(), "recording_saved", None)
        if keep is not None:
            keep(session_id, Path(path))
