"""Measurements on rendered speech: level, voiced time and pitch (numpy only).

Used by the prosody tests, the benchmarks and the level meter.
"""

from __future__ import annotations

import numpy as np

from simulator.audio.types import Audio


def rms(samples: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0


def frame_rms(audio: Audio, frame: float = 0.03) -> np.ndarray:
    size = max(1, round(frame * audio.rate))
    count = len(audio.samples) // size
    frames = audio.samples[: count * size].reshape(count, size).astype(np.float64)
    return np.sqrt(np.mean(np.square(frames), axis=1))


def speech_level(audio: Audio) -> float:
    """RMS over the frames that carry speech (within 30 dB of the loudest)."""
    levels = frame_rms(audio)
    if len(levels) == 0 or levels.max() == 0:
        return 0.0
    loud = levels[levels > levels.max() * 10 ** (-30 / 20)]
    return float(np.sqrt(np.mean(np.square(loud))))


def speech_span(audio: Audio) -> float:
    """Seconds from the first to the last frame with speech (leading and
    trailing silence of the engine excluded)."""
    levels = frame_rms(audio)
    if len(levels) == 0 or levels.max() == 0:
        return 0.0
    active = np.flatnonzero(levels > levels.max() * 10 ** (-35 / 20))
    return float((active[-1] - active[0] + 1) * 0.03)


def median_pitch(audio: Audio, low: float = 60.0, high: float = 500.0) -> float:
    """Median fundamental frequency (Hz) over voiced frames, by normalised
    autocorrelation on 40 ms frames; 0.0 when nothing is voiced."""
    rate = audio.rate
    size = round(0.04 * rate)
    lags = np.arange(max(1, int(rate / high)), int(rate / low) + 1)
    estimates: list[float] = []
    loudest = float(frame_rms(audio, 0.04).max()) if len(audio.samples) >= size else 0.0
    for start in range(0, len(audio.samples) - size, size // 2):
        frame = audio.samples[start : start + size].astype(np.float64)
        if rms(frame) < loudest * 0.1:
            continue
        frame = frame - frame.mean()
        energy = float(np.dot(frame, frame))
        corr = np.correlate(frame, frame, mode="full")[size - 1 :]
        scores = corr[lags] / (energy + 1e-12)
        best = int(np.argmax(scores))
        if scores[best] > 0.5:  # clearly periodic: a voiced frame
            estimates.append(rate / float(lags[best]))
    return float(np.median(estimates)) if estimates else 0.0
