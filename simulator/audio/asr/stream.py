"""Recognition while the trainee is still speaking.

Turn latency is end of speech → caller's next line. Decoding only after the
0.6 s end-of-turn silence adds the whole decode time to it; streaming the frames
into the decoder as they arrive leaves only the final search. Engines that cannot
stream get a stream that buffers and recognises at the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from simulator.audio.asr.base import Recognition, Recognizer
from simulator.audio.types import Audio


class RecognitionStream(Protocol):
    def feed(self, pcm16: bytes) -> None:
        """16 kHz mono int16 little-endian."""

    def finish(self) -> Recognition: ...

    def cancel(self) -> None: ...


class BufferedStream:
    def __init__(self, recognizer: Recognizer, language: str, hints: Sequence[str]) -> None:
        self.recognizer, self.language, self.hints = recognizer, language, list(hints)
        self._chunks: list[bytes] = []

    def feed(self, pcm16: bytes) -> None:
        self._chunks.append(pcm16)

    def finish(self) -> Recognition:
        audio = Audio.from_int16(b"".join(self._chunks), 16000)
        return self.recognizer.recognize(audio, self.language, self.hints)

    def cancel(self) -> None:
        self._chunks.clear()


def open_stream(recognizer: Recognizer, language: str, hints: Sequence[str]) -> RecognitionStream:
    opener = getattr(recognizer, "open_stream", None)
    if opener is not None:
        stream: RecognitionStream = opener(language, hints)
        return stream
    return BufferedStream(recognizer, language, hints)


def rms16(pcm16: bytes) -> float:
    samples = np.frombuffer(pcm16, dtype="<i2").astype(np.float64) / 32768.0
    return float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0
