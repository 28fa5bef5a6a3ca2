"""How long a line takes to say. Japanese is paced in morae per second, English in
words per minute (DESIGN.md §7). Counting morae uses the scorer's reading-based
counter so that replayed durations and measured speech rates agree."""

from __future__ import annotations

# Default speaking rates: callers by type (an angry caller talks fast), trainees at a
# pace inside every caller type's target band.
CALLER_PACE = {
    "ja": {"angry": 7.6, "logical": 6.6, "unreasonable": 7.2},
    "en": {"angry": 165.0, "logical": 145.0, "unreasonable": 155.0},
}
TRAINEE_PACE = {"ja": 6.0, "en": 130.0}


def speech_units(text: str, language: str) -> float:
    """Morae (ja) or words (en) in ``text``, counted exactly as the scorer counts them."""
    from scoring.rate import units

    return float(units(text, language))


def speaking_seconds(text: str, language: str, pace: float) -> float:
    """Seconds to say ``text`` at ``pace`` (mora/s for ja, wpm for en); at least 0.4 s."""
    units = speech_units(text, language)
    per_second = pace if language == "ja" else pace / 60.0
    return max(0.4, units / per_second)


def mood_pace_factor(mood: int) -> float:
    """An angry caller speaks faster: ×0.85 at mood 0, ×1.0 at 50, ×1.15 at 100."""
    return 1.0 + (max(0, min(100, mood)) - 50) * 0.003
