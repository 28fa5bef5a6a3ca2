"""What the call screens show of time: how much of a caller line is showing (the same
split the engine records when a hold stops a line) and the hold warning."""

from __future__ import annotations

from simulator.engine.session import Speech, split_said

HOLD_WARN_SECONDS = 30.0  # DOMAIN.md §10: 「少々」 means at most 30 s


def revealed_text(speech: Speech, now: float, language: str) -> str:
    """The part of ``speech`` said by ``now``: characters in proportion to the time
    spent; English is shown whole words at a time."""
    if now >= speech.end:
        return speech.text
    if now <= speech.start:
        return ""
    said, _rest = split_said(speech, now, language)
    return said
