"""Full duplex glue: a thread that reads the microphone, runs the turn detector
with the player's level as the echo reference, and hands events to the engine.

Speculative finalisation: a turn ends after ``end_silence`` (0.6 s) of silence,
and the recogniser's final search takes a good part of that again. So once the
trainee has been quiet for ``speculate_after`` seconds, the turn's recognition is
finished on a worker while the rest of the window runs; when the window closes
the result is usually ready. If the trainee speaks again inside the window, that
result is dropped and a new recognition is fed the whole turn so far (the
detector keeps its frames), so the final text always covers the whole turn.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.audio.frames import Frame, FrameSource
from simulator.audio.vad import SpeechStarted, TurnDetector, Utterance, VadConfig, VadEvent

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognition
    from simulator.audio.asr.stream import RecognitionStream

PlaybackLevel = Callable[[float], float | None]
# Pauses inside a sentence are mostly shorter; sphinx's final search (~0.2-0.4 s on
# two busy cores) still fits in the 0.36 s left of the end-of-turn window.
SPECULATE_AFTER = 0.24


def speculation_delay(recognizer: object) -> float | None:
    """The early-finish pause for ``recognizer`` (None: no recogniser, the default):
    one may set its own (``speculate_after``); a stateless decoder such as Whisper loses nothing by
    starting sooner (bench_whisper: 0.15 s cut turn latency by ~80 ms at p50 and
    ~110 ms at p95 against 0.24 s), while sphinx keeps the default."""
    delay = getattr(recognizer, "speculate_after", SPECULATE_AFTER)
    return None if delay is None else float(delay)


@dataclass(frozen=True)
class Transcribed:
    """The recognised text of an utterance, sent right after its Utterance event."""

    utterance: Utterance
    recognition: Recognition


@dataclass(frozen=True)
class _Speculation:
    """A recognition finished early, at a pause that may turn out to end the turn."""

    stream: RecognitionStream
    result: Future[Recognition]
    voiced_until: float  # the end of the voice it covers


@dataclass
class SpeculationCounts:
    started: int = 0
    used: int = 0  # the pause did end the turn: the early result was the answer
    discarded: int = 0  # the trainee went on: the turn was decoded again


class Listener:
    """``on_event`` gets SpeechStarted / BargeIn / Utterance as they happen;
    ``on_frame`` (optional) gets every frame, e.g. for a level meter.

    With ``transcribe`` (called at each speech start, and again when a turn resumes
    after an early finish; returns a recognition stream for the current turn, e.g.
    ``lambda: open_stream(recognizer, "en", hints)``), frames are decoded while the
    trainee speaks and a Transcribed event follows each Utterance.

    ``speculate_after`` (None: never) and ``worker`` (where early finishes run; a
    private thread by default) tune the speculative finalisation."""

    def __init__(
        self,
        source: FrameSource,
        on_event: Callable[[VadEvent | Transcribed], None],
        playback_level: PlaybackLevel | None = None,
        config: VadConfig | None = None,
        on_frame: Callable[[Frame], None] | None = None,
        transcribe: Callable[[], RecognitionStream] | None = None,
        speculate_after: float | None = SPECULATE_AFTER,
        worker: Executor | None = None,
    ) -> None:
        self.detector = TurnDetector(config)
        self.source = source
        self.on_event = on_event
        self.on_frame = on_frame
        self.playback_level = playback_level
        self.transcribe = transcribe
        self.speculate_after = speculate_after
        self.speculations = SpeculationCounts()
        self._own_worker = worker is None
        self._worker = worker or ThreadPoolExecutor(1, thread_name_prefix="asr-finish")
        self._stream: RecognitionStream | None = None
        self._speculation: _Speculation | None = None
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.run, name="listener", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def run(self) -> None:
        """The listening loop, on the calling thread (``start()`` runs it on its own)."""
        try:
            for frame in self.source.frames():
                if self._stop.is_set():
                    return
                self._step(frame)
            for event in self.detector.flush():
                self._dispatch(event)
        except Exception as error:  # reported to the engine, which offers text mode
            self.error = error
        finally:
            self._release()

    def _step(self, frame: Frame) -> None:
        if self.on_frame is not None:
            self.on_frame(frame)
        playback = self.playback_level(frame.t) if self.playback_level else None
        if self._stream is not None:  # none while an early finish stands: the audio
            self._stream.feed(frame.pcm)  # stays in the detector's frames
        for event in self.detector.process(frame, playback):
            self._dispatch(event)
        self._speculate(frame)

    def _dispatch(self, event: VadEvent) -> None:
        if isinstance(event, SpeechStarted) and self.transcribe is not None:
            self._open_stream()
        self.on_event(event)
        if isinstance(event, Utterance):
            recognition = self._final_recognition()
            if recognition is not None:
                self.on_event(Transcribed(event, recognition))

    def _open_stream(self) -> None:
        assert self.transcribe is not None
        self._stream = self.transcribe()
        for frame in self.detector.open_frames():
            self._stream.feed(frame.pcm)  # catch up: pre-roll, the onset, or the whole turn

    def _final_recognition(self) -> Recognition | None:
        speculation, self._speculation = self._speculation, None
        if speculation is not None:
            self.speculations.used += 1
            return speculation.result.result()
        stream, self._stream = self._stream, None
        return stream.finish() if stream is not None else None

    def _speculate(self, frame: Frame) -> None:
        """Start an early finish at a long enough pause; drop it if speech resumes."""
        voiced_until = self.detector.voiced_until
        if voiced_until is None:
            return
        if self._speculation is not None:
            if voiced_until > self._speculation.voiced_until:
                self._resume()
            return
        quiet = frame.end - voiced_until
        if self._stream is None or self.speculate_after is None:
            return
        if quiet >= self.speculate_after - 1e-6:
            stream, self._stream = self._stream, None
            future = self._worker.submit(stream.finish)
            self._speculation = _Speculation(stream, future, voiced_until)
            self.speculations.started += 1

    def _resume(self) -> None:
        """The trainee spoke again inside the end-of-turn window: decode the whole
        turn again (the decoder is free once the early finish is done)."""
        speculation, self._speculation = self._speculation, None
        assert speculation is not None
        speculation.result.exception()  # waits; its result, or its error, is dropped
        rollback = getattr(speculation.stream, "rollback", None)
        if rollback is not None:
            rollback()  # the decoder forgets what the dropped finish taught it
        self.speculations.discarded += 1
        self._open_stream()

    def _release(self) -> None:
        if self._speculation is not None:
            self._speculation.result.exception()  # waits: the finish frees the decoder
            self._speculation = None
        if self._stream is not None:
            self._stream.cancel()
            self._stream = None
        if self._own_worker:
            self._worker.shutdown(wait=False)
