"""A session clock that tests move by hand (never sleeps)."""

from __future__ import annotations


class VirtualClock:
    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance_to(self, t: float) -> None:
        # Time never runs backwards: events computed in the past leave the clock alone.
        self._now = max(self._now, t)
