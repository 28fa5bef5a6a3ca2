"""The drill timer: a CallSession that ends the call (abandoned, with a ``time_up``
event) at the first engine step at or after its time limit.

The headless drill steps it on the virtual clock; the TUI drill uses it through
``timed_session_factory`` — when the trainee stays silent the TUI's silence steps reach
it too, so a call never outlives the limit by more than the caller's silence patience.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from simulator.engine.call import CallSession, Speech
from simulator.engine.record import SessionSink
from simulator.scenario.model import Scenario


class TimedCallSession(CallSession):
    def __init__(self, *args: Any, time_limit: float | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.time_limit = time_limit
        self.timed_out = False

    def reply(self, text: str, start: float, end: float, **kwargs: Any) -> list[Speech]:
        if self.is_over(start):
            return self.time_up(start)
        return super().reply(text, start, end, **kwargs)

    def silence(self, t: float) -> list[Speech]:
        if self.is_over(t):
            return self.time_up(t)
        return super().silence(t)

    def hold(self, start: float, end: float) -> list[Speech]:
        if self.is_over(start):
            return self.time_up(start)
        if self.time_limit is not None and end > self.time_limit:
            super().hold(start, self.time_limit)  # the hold is cut off by the clock
            return self.time_up(self.time_limit)
        return super().hold(start, end)

    def time_up(self, t: float) -> list[Speech]:
        """End the call now: the limit has passed."""
        if self.outcome is None and self.time_limit is not None:
            self.timed_out = True
            self.recorder.add_event(self.time_limit, "time_up", limit=self.time_limit)
            self.abandon(max(t, self.time_limit))
        return []

    def is_over(self, t: float) -> bool:
        """The call is still on and ``t`` is at or past the limit."""
        return self.time_limit is not None and self.outcome is None and t >= self.time_limit


def timed_session_factory(
    time_limit: float | None, mode: str = "text"
) -> Callable[[Scenario, Any, Sequence[SessionSink]], CallSession]:
    """A ``Services.session_factory`` for the TUI: like ``make_session``, with the timer."""

    def make(scenario: Scenario, options: Any, sinks: Sequence[SessionSink]) -> CallSession:
        return TimedCallSession(
            scenario,
            mode=mode,
            level=getattr(options, "level", None),
            seed=getattr(options, "seed", None),
            trainee=getattr(options, "trainee", None),
            sinks=sinks,
            time_limit=time_limit,
        )

    return make
