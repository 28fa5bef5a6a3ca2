"""Recognition while the trainee is still speaking.

Turn latency is end of speech → caller's next line. Decoding only after the
0.6 s end-of-turn silence adds the whole decode time to it; streaming the frames
into the decoder as they arrive leaves only the final search. Engines that cannot
stream get a stream that buffers and recognises at the end.

``partial()`` is the best hypothesis so far, for the live transcript while the
trainee is still talking; engines without one (faster-whisper, google, anything
buffered) say "".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np

from simulator.audio.asr.base import Recognition, Recognizer
from simulator.audio.types import Audio


class RecognitionStream(Protocol):
    """One turn of speech. ``finish`` may run on a worker thread (the listener finishes
    a turn early, at a pause) while the feeding thread still calls ``partial`` or
    ``cancel``: a stream over a decoder that is not thread-safe serialises its calls.
    A stream may also offer ``rollback()``, called after ``finish`` when that early
    result is dropped (the trainee spoke again), to undo what the utterance taught
    the decoder before the turn is decoded again."""

    def feed(self, pcm16: bytes) -> None:
        """16 kHz mono int16 little-endian."""

    def partial(self) -> str:
        """The best hypothesis so far ("" when none, or while finishing), asked a few
        times a second."""
        ...

    def finish(self) -> Recognition: ...

    def cancel(self) -> None: ...


class BufferedStream:
    def __init__(self, recognizer: Recognizer, language: str, hints: Sequence[str]) -> None:
        self.recognizer, self.language, self.hints = recognizer, language, list(hints)
        self._chunks: list[bytes] = []

    def feed(self, pcm16: bytes) -> None:
        self._chunks.append(pcm16)

    def partial(self) -> str:
        return ""  # nothing is decoded before the end

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


def partial_of(stream: object) -> str:
    """``stream.partial()``, or "" for a stream written before partials existed (a
    recogniser's own ``open_stream`` wrapper, e.g. a benchmark's timing shim)."""
    partial = getattr(stream, "partial", None)
    return str(partial()) if partial is not None else ""


def rms16(pcm16: bytes) -> float:
    samples = np.frombuffer(pcm16, dtype="<i2").astype(np.float64) / 32768.0
    return float(np.sqrt(np.mean(np.square(samples)))) if len(samples) else 0.0
