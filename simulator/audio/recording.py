"""One stereo recording per session: the caller on the left, the trainee on the right,
16 kHz, placed on the session clock (sample 0 = call start). Written as
``recordings_dir()/<session id>.wav``, readable by the owner only (0600, folder 0700).
"""

from __future__ import annotations

import os
import threading
import wave
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from simulator.audio.types import Audio

RATE = 16000
MAX_SECONDS = 4 * 3600  # a runaway clock must not allocate without bound


class SessionRecording:
    """Collects audio from any thread; ``write`` mixes it down once."""

    def __init__(self) -> None:
        self._parts: list[tuple[int, float, np.ndarray]] = []  # (channel, start, samples)
        self._lock = threading.Lock()

    def add_caller(self, start: float, audio: Audio) -> None:
        self._add(0, start, audio)

    def add_trainee(self, start: float, audio: Audio) -> None:
        self._add(1, start, audio)

    def add_trainee_pcm(self, start: float, pcm16: bytes) -> None:
        samples = np.frombuffer(pcm16, dtype="<i2").astype(np.float32) / 32768.0
        with self._lock:
            self._parts.append((1, start, samples))

    def _add(self, channel: int, start: float, audio: Audio) -> None:
        samples = audio.resampled(RATE).samples
        with self._lock:
            self._parts.append((channel, start, samples))

    @property
    def empty(self) -> bool:
        return not self._parts

    def mixdown(self) -> np.ndarray:
        """(samples, 2) int16."""
        with self._lock:
            parts = list(self._parts)
        length = max((round(max(0.0, s) * RATE) + len(x) for _, s, x in parts), default=0)
        stereo = np.zeros((min(length, MAX_SECONDS * RATE), 2), dtype=np.float32)
        for channel, start, samples in parts:
            first = round(max(0.0, start) * RATE)
            piece = samples[: max(0, len(stereo) - first)]
            stereo[first : first + len(piece), channel] += piece
        return np.round(np.clip(stereo, -1.0, 32767 / 32768) * 32768).astype("<i2")

    def write(self, path: Path) -> Path:
        """Owner-only file (and folder); replaces an earlier recording atomically."""
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = path.with_suffix(".wav.part")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle, wave.open(handle, "wb") as out:
            out.setnchannels(2)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(self.mixdown().tobytes())
        os.chmod(partial, 0o600)  # an existing file keeps its mode through O_CREAT
        os.replace(partial, path)
        return path


def recording_path(session_id: str) -> Path:
    from simulator.paths import recordings_dir

    return recordings_dir() / f"{session_id}.wav"
