"""Clocks. Every time in a session is seconds from call start on one clock.

Replay and tests use ``VirtualClock`` (advanced explicitly, never sleeps); the
TUI and voice mode use ``MonotonicClock``.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...


class MonotonicClock:
    def __init__(self) -> None:
        self._origin = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self._origin


class VirtualClock:
    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance_to(self, t: float) -> None:
        # Time never runs backwards: events computed in the past leave the clock alone.
        self._now = max(self._now, t)
