"""Whether a branch's ``when:`` holds for one reply.

Pure: everything a condition may look at is gathered in ``Facts`` by the
conversation (the reply's detection, the caller's memory of the call so far).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.scenario.model import Condition


@dataclass(frozen=True)
class Facts:
    """What is known when the trainee's reply to the current turn is judged."""

    categories: frozenset[str] = frozenset()  # found in this reply
    said: frozenset[str] = frozenset()  # this turn's key phrases found in this reply
    mood: int = 50  # before this reply's change
    interrupted: bool = False
    silent: bool = False
    told: frozenset[str] = frozenset()  # key phrases found in this or any earlier reply
    earlier: frozenset[str] = frozenset()  # events and categories of earlier replies
    held: float = 0.0  # seconds on hold during this turn
    repeats: int = 0  # how often this turn's line has been said again
    asked: frozenset[str] = frozenset()  # turns whose line the caller said before this reply
    at: float | None = None  # seconds into the call (None: not known)
    faster: bool | None = None  # trainee faster than the caller (None: not measured)


def holds(when: Condition, facts: Facts) -> bool:
    """All given parts hold (an empty condition always does)."""
    return _simple(when, facts) and _timed(when, facts) and _combined(when, facts)


def _simple(when: Condition, facts: Facts) -> bool:
    found, said, mood = facts.categories, facts.said, facts.mood
    return (
        all(c in found for c in when.detected)
        and (not when.detected_any or any(c in found for c in when.detected_any))
        and not any(c in found for c in when.not_detected)
        and all(k in said for k in when.said)
        and (not when.said_any or any(k in said for k in when.said_any))
        and not any(k in said for k in when.not_said)
        and (when.interrupted is None or when.interrupted == facts.interrupted)
        and (when.silent is None or when.silent == facts.silent)
        and (when.mood_at_least is None or mood >= when.mood_at_least)
        and (when.mood_below is None or mood < when.mood_below)
        and all(k in facts.told for k in when.told)
        and all(e in facts.earlier for e in when.earlier)
        and all(t in facts.asked for t in when.asked)
    )


def _timed(when: Condition, facts: Facts) -> bool:
    # A figure that is not known (no clock, no measured rate) never meets a condition on it.
    if when.hold_over is not None and not facts.held > when.hold_over:
        return False
    if when.hold_under is not None and not 0 < facts.held < when.hold_under:
        return False
    if when.repeats is not None and facts.repeats < when.repeats:
        return False
    if when.after is not None and (facts.at is None or facts.at < when.after):
        return False
    wanted = when.faster_than_caller
    return wanted is None or (facts.faster is not None and facts.faster == wanted)


def _combined(when: Condition, facts: Facts) -> bool:
    return (
        (not when.any or any(holds(c, facts) for c in when.any))
        and all(holds(c, facts) for c in when.all)
        and (when.not_ is None or not holds(when.not_, facts))
    )
