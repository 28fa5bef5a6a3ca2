"""The caller's mood drives how they sound.

Mood runs from 0 (calm) to 100 (furious). An angry caller speaks faster, higher
and louder; as the mood falls the voice slows, drops and softens. Mood is first
snapped to a few levels so every line has a handful of renderings that the
presynthesiser can prepare ahead of time and the cache can hit exactly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from simulator.scenario.model import Voice

# Centres of the mood levels; a mood is rendered at the nearest one.
MOOD_LEVELS: tuple[int, ...] = (10, 30, 50, 70, 90)

# Change at the extremes (mood 0 / 100) relative to the voice at mood 50.
RATE_SPAN = 0.25  # ±25 % speaking rate
PITCH_SPAN = 3.0  # ±3 semitones
GAIN_SPAN_DB = 5.0  # ±5 dB


@dataclass(frozen=True)
class Prosody:
    rate: float = 1.0  # speaking-rate multiplier
    pitch: float = 0.0  # semitones relative to the voice's natural pitch
    volume: float = 1.0  # linear gain relative to the normal speaking level

    def key(self) -> str:
        return f"r{self.rate:.3f}p{self.pitch:+.2f}v{self.volume:.3f}"


NEUTRAL = Prosody()


def mood_level(mood: int) -> int:
    """The mood level (one of MOOD_LEVELS) a mood is rendered at."""
    clamped = max(0, min(100, mood))
    return min(MOOD_LEVELS, key=lambda level: (abs(level - clamped), level))


def prosody_for(mood: int, voice: Voice) -> Prosody:
    """Prosody for the caller at ``mood``, on top of the scenario's voice settings."""
    tension = (mood_level(mood) - 50) / 50.0  # -0.8 … +0.8
    rate = voice.rate * (1.0 + RATE_SPAN * tension)
    pitch = 12.0 * math.log2(max(voice.pitch, 0.05)) + PITCH_SPAN * tension
    volume = voice.volume * 10 ** (GAIN_SPAN_DB * tension / 20.0)
    return Prosody(round(rate, 3), round(pitch, 2), round(volume, 3))


def reachable_prosodies(voice: Voice, lowest: int = 0, highest: int = 100) -> list[Prosody]:
    """Every prosody a mood between ``lowest`` and ``highest`` can produce."""
    levels = {mood_level(m) for m in range(max(0, lowest), min(100, highest) + 1)}
    return [prosody_for(level, voice) for level in sorted(levels)]
