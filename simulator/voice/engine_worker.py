"""The one engine thread of a live call: every CallLoop step — and so every database
write of the session's sinks — runs here, in the order submitted, never on the audio
listener thread or the UI thread.

After each step the loop's events go to ``on_events`` (still on this thread), and
``changed`` is set so the caller's playback looks for a new line.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from simulator.engine.loop import CallLoop, LoopEvent

T = TypeVar("T")
CALL_TIMEOUT = 30.0  # seconds a thread waits for one engine step before giving up


class EngineWorker:
    def __init__(
        self,
        loop: CallLoop,
        on_events: Callable[[list[LoopEvent]], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self.loop = loop
        self.changed = threading.Event()
        self._on_events = on_events
        self._on_error = on_error
        self._jobs: queue.SimpleQueue[tuple[Callable[[CallLoop], Any], Future[Any]] | None] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._run, name="engine", daemon=True)
        self._closed = False

    def start(self) -> None:
        self._thread.start()

    def submit(self, step: Callable[[CallLoop], T]) -> Future[T]:
        """Queues ``step``; its Future holds what it returned (or raised)."""
        future: Future[T] = Future()
        if self._closed:
            future.set_exception(RuntimeError("the call is closed"))
            return future
        self._jobs.put((step, future))
        return future

    def call(self, step: Callable[[CallLoop], T]) -> T:
        """Runs ``step`` on the engine thread and waits for it (not from that thread)."""
        if threading.current_thread() is self._thread:
            return step(self.loop)
        return self.submit(step).result(CALL_TIMEOUT)

    def stop(self) -> None:
        """Runs what is queued, then ends the thread."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(None)
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            step, future = job
            try:
                future.set_result(step(self.loop))
            except Exception as error:  # the caller of submit() sees it, and the call
                future.set_exception(error)
                self._on_error(error)
            events = self.loop.take_events()
            if events:
                self._on_events(events)
            self.changed.set()
