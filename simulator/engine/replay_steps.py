"""Replay's moves on the call loop's clock (the live adapters have their own): a
silence that runs to the caller's reaction, and a barge-in the caller reacts to at
its confirmation."""

from __future__ import annotations

from simulator.engine.loop import CallLoop


def until_silence(loop: CallLoop) -> None:
    """The trainee says nothing — the clock runs to the caller's next reaction to the
    silence (or the time limit)."""
    loop.tick(loop.caller_free_at)
    due = loop.next_due()
    if due is not None:
        loop.tick(due[0])


def barge_in_on_clock(loop: CallLoop, onset: float, confirmed: float) -> bool:
    """The caller reacts at the confirmation, as a live one does a frame later. Returns
    True when a caller line was being said at ``onset``."""
    loop.tick(onset)
    speech = loop.line_at(onset)
    if speech is None:
        return False
    stops = loop.caller_stops_for(speech)
    loop.barge_in(onset, confirmed, stopped=confirmed if stops else None)
    return True
