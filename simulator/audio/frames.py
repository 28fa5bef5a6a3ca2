"""Microphone-shaped input: 30 ms frames of 16 kHz mono int16, each stamped with
its start on the session clock.

``FrameSource`` is anything that yields such frames: the live microphone
(simulator.audio.capture) or a WAV file placed on the session clock at an offset,
which is how replay feeds ``wav:`` replies through the same VAD → ASR path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from simulator.audio.types import Audio, read_wav

RATE = 16000
FRAME_SECONDS = 0.03
FRAME_SAMPLES = 480  # RATE * FRAME_SECONDS
FRAME_BYTES = FRAME_SAMPLES * 2


@dataclass(frozen=True)
class Frame:
    t: float  # start of the frame on the session clock
    pcm: bytes  # FRAME_BYTES of little-endian int16

    @property
    def end(self) -> float:
        return round(self.t + FRAME_SECONDS, 6)

    def level(self) -> float:
        """RMS in [0, 1]."""
        ints = np.frombuffer(self.pcm, dtype="<i2").astype(np.float64)
        return float(np.sqrt(np.mean(np.square(ints)))) / 32768.0


class FrameSource(Protocol):
    def frames(self) -> Iterator[Frame]: ...


def audio_frames(audio: Audio, start: float) -> Iterator[Frame]:
    """Frames of ``audio`` (any rate; resampled to 16 kHz) starting at ``start``;
    the last partial frame is padded with silence."""
    pcm = audio.resampled(RATE).int16()
    remainder = len(pcm) % FRAME_SAMPLES
    if remainder:
        pcm = np.concatenate([pcm, np.zeros(FRAME_SAMPLES - remainder, dtype="<i2")])
    for index in range(len(pcm) // FRAME_SAMPLES):
        chunk = pcm[index * FRAME_SAMPLES : (index + 1) * FRAME_SAMPLES]
        yield Frame(round(start + index * FRAME_SECONDS, 6), chunk.tobytes())


class AudioFrameSource:
    def __init__(self, audio: Audio, start: float) -> None:
        self.audio = audio
        self.start = start

    def frames(self) -> Iterator[Frame]:
        return audio_frames(self.audio, self.start)


class WavFrameSource(AudioFrameSource):
    """A WAV file (any rate, mono or stereo) placed on the session clock at ``start``."""

    def __init__(self, path: Path, start: float) -> None:
        super().__init__(read_wav(path), start)
        self.path = path


def frames_audio(frames: list[Frame]) -> Audio:
    return Audio.from_int16(b"".join(f.pcm for f in frames), RATE)
