"""Speech rate (DESIGN.md §7): Japanese in morae per second from pyopenjtalk
readings, English in words per minute, both over voiced time."""

from __future__ import annotations

import re
from typing import Any

from scoring import reading
from scoring.record import Session, Utterance
from scoring.thresholds import Thresholds

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")


def units(text: str, language: str) -> int:
    """Morae (ja) or words (en) in what was said."""
    if language == "ja":
        return reading.morae(text)
    return len(_WORD.findall(text))


def _rate(count: float, seconds: float, language: str) -> float:
    return count / seconds if language == "ja" else count * 60.0 / seconds


def _rated(
    utterances: list[Utterance], language: str, minimum: float
) -> list[tuple[int, int, float]]:
    """(index, units, voiced seconds) of utterances long enough to rate."""
    rows = []
    for utterance in utterances:
        seconds = utterance.voiced_time
        if seconds >= minimum and utterance.text.strip():
            rows.append((utterance.index, units(utterance.text, language), seconds))
    return rows


def _mean(rows: list[tuple[int, int, float]], language: str) -> float | None:
    seconds = sum(row[2] for row in rows)
    return None if seconds <= 0 else round(_rate(sum(row[1] for row in rows), seconds, language), 2)


def speech_rate(session: Session, thresholds: Thresholds) -> dict[str, Any]:
    """The trainee's rate per utterance and overall (total units / total voiced time),
    the caller's overall rate, and the target band for this caller type."""
    language = session.language
    trainee = _rated(session.by("trainee"), language, thresholds.min_rate_time)
    caller = _rated(session.by("customer"), language, thresholds.min_rate_time)
    low, high = thresholds.rate_band(language, session.caller_type)
    return {
        "unit": "mora/s" if language == "ja" else "wpm",
        "mean": _mean(trainee, language),
        "per_utterance": [
            {"index": index, "rate": round(_rate(count, seconds, language), 2)}
            for index, count, seconds in trainee
        ],
        "caller_mean": _mean(caller, language),
        "band": [low, high],
    }
