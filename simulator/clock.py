"""Clocks. Every time in a session is seconds from call start on one clock.

The TUI and voice mode use ``MonotonicClock``; replay places everything on the call
loop's own clock, and tests use their own ``VirtualClock`` (tests/virtual_clock.py).
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
