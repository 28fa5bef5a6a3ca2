"""Speech clips for VAD and listener tests: real openjtalk speech, trimmed, joined
with silences."""

from __future__ import annotations

import numpy as np

from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio

RATE = 16000


def trimmed_speech(engine: TTSEngine, text: str) -> Audio:
    """``text`` spoken at 16 kHz, cut to where the voice is."""
    audio = engine.synthesize(text, Prosody()).resampled(RATE)
    level = np.abs(audio.samples)
    active = np.flatnonzero(level > level.max() * 0.02)
    return Audio(audio.samples[active[0] : active[-1] + 1], RATE)


def join(*parts: Audio | float) -> Audio:
    """Clips and silences (seconds) one after another."""
    chunks = [
        p.samples if isinstance(p, Audio) else np.zeros(round(p * RATE), np.float32) for p in parts
    ]
    return Audio(np.concatenate(chunks).astype(np.float32), RATE)
