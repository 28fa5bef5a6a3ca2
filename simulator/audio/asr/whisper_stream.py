"""A turn of speech for Whisper, which cannot decode incrementally.

The audio is buffered; ``finish`` decodes it (the listener calls it early, at the
first 0.24 s pause, so the decode mostly runs inside the 0.6 s end-of-turn window).
For the live transcript, the growing utterance is re-decoded greedily on a worker
at most every ``PARTIAL_EVERY`` seconds of new audio, never more than one at a time,
never once ``finish`` has begun, and only while the trainee is audibly speaking:
a partial started in a pause is the one still holding the model when the early
finish at that pause wants it (measured: p95 turn latency 0.86 → 1.5 s without
this rule). ``bench/bench_whisper.py`` reports the latency with and without.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np

from simulator.audio.asr.base import Recognition

if TYPE_CHECKING:
    from simulator.audio.asr.whisper import FasterWhisperRecognizer

PARTIAL_EVERY = 1.5  # seconds of new speech between two live re-decodes
PARTIAL_MIN = 1.0  # no partial for less speech than this
VOICED_TAIL = 0.15  # seconds of the newest audio that must be speech to start one
RATE = 16000

# One worker for every stream's partial decodes: a process decodes one partial at a
# time, whatever the number of calls.
_PARTIALS = ThreadPoolExecutor(1, thread_name_prefix="whisper-partial")


class WhisperStream:
    def __init__(
        self,
        recognizer: FasterWhisperRecognizer,
        language: str,
        hints: Sequence[str],
        *,
        partials: bool = True,
    ) -> None:
        self.recognizer, self.language, self.hints = recognizer, language, list(hints)
        self.partials = partials
        self._chunks: list[bytes] = []
        self._bytes = 0
        self._partial_at = 0  # bytes decoded by the last partial started
        self._partial_text = ""
        self._in_flight = False
        self._closed = False
        self._lock = threading.Lock()

    def feed(self, pcm16: bytes) -> None:
        with self._lock:
            if self._closed:
                return
            self._chunks.append(pcm16)
            self._bytes += len(pcm16)
            due = self._bytes - self._partial_at >= PARTIAL_EVERY * RATE * 2
            enough = self._bytes >= PARTIAL_MIN * RATE * 2
            if not (self.partials and due and enough) or self._in_flight:
                return
            if not self._speaking():
                return
            self._in_flight, self._partial_at = True, self._bytes
            samples = self._samples()
        _PARTIALS.submit(self._decode_partial, samples)

    def _speaking(self) -> bool:
        from simulator.audio.asr.stream import rms16
        from simulator.audio.vad import VadConfig

        tail = b"".join(self._chunks[-8:])[-round(VOICED_TAIL * RATE) * 2 :]
        return rms16(tail) >= VadConfig().min_level

    def _samples(self) -> np.ndarray:
        ints = np.frombuffer(b"".join(self._chunks), dtype="<i2")
        return ints.astype(np.float32) / 32768.0

    def _decode_partial(self, samples: np.ndarray) -> None:
        try:
            with self._lock:
                if self._closed:
                    return
            text = self.recognizer.decode(samples, self.language, self.hints, quick=True).text
            with self._lock:
                if not self._closed:
                    self._partial_text = text
        except Exception:  # a failed preview is no error: finish() decodes anew
            pass
        finally:
            with self._lock:
                self._in_flight = False

    def partial(self) -> str:
        with self._lock:
            return "" if self._closed else self._partial_text

    def finish(self) -> Recognition:
        with self._lock:
            self._closed = True  # a partial not yet started will not start
            samples = self._samples()
        return self.recognizer.decode(samples, self.language, self.hints)

    def cancel(self) -> None:
        with self._lock:
            self._closed = True
            self._chunks.clear()
