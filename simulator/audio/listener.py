"""Full duplex glue: a thread that reads the microphone, runs the turn detector
with the player's level as the echo reference, and hands events to the engine."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.audio.frames import Frame, FrameSource
from simulator.audio.vad import SpeechStarted, TurnDetector, Utterance, VadConfig, VadEvent

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognition
    from simulator.audio.asr.stream import RecognitionStream

PlaybackLevel = Callable[[float], float | None]


@dataclass(frozen=True)
class Transcribed:
    """The recognised text of an utterance, sent right after its Utterance event."""

    utterance: Utterance
    recognition: Recognition


class Listener:
    """``on_event`` gets SpeechStarted / BargeIn / Utterance as they happen;
    ``on_frame`` (optional) gets every frame, e.g. for a level meter.

    With ``transcribe`` (called at each speech start; returns a recognition stream
    for the current turn, e.g. ``lambda: open_stream(recognizer, "en", hints)``),
    frames are decoded while the trainee speaks and a Transcribed event follows
    each Utterance."""

    def __init__(
        self,
        source: FrameSource,
        on_event: Callable[[VadEvent | Transcribed], None],
        playback_level: PlaybackLevel | None = None,
        config: VadConfig | None = None,
        on_frame: Callable[[Frame], None] | None = None,
        transcribe: Callable[[], RecognitionStream] | None = None,
    ) -> None:
        self.detector = TurnDetector(config)
        self.source = source
        self.on_event = on_event
        self.on_frame = on_frame
        self.playback_level = playback_level
        self.transcribe = transcribe
        self._stream: RecognitionStream | None = None
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="listener", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            for frame in self.source.frames():
                if self._stop.is_set():
                    return
                if self.on_frame is not None:
                    self.on_frame(frame)
                playback = self.playback_level(frame.t) if self.playback_level else None
                if self._stream is not None:
                    self._stream.feed(frame.pcm)
                for event in self.detector.process(frame, playback):
                    self._dispatch(event)
            for event in self.detector.flush():
                self._dispatch(event)
        except Exception as error:  # reported to the engine, which offers text mode
            self.error = error
        finally:
            if self._stream is not None:
                self._stream.cancel()

    def _dispatch(self, event: VadEvent) -> None:
        if isinstance(event, SpeechStarted) and self.transcribe is not None:
            self._stream = self.transcribe()
            for frame in self.detector.open_frames():
                self._stream.feed(frame.pcm)  # catch up: pre-roll and the onset
        self.on_event(event)
        if isinstance(event, Utterance) and self._stream is not None:
            stream, self._stream = self._stream, None
            self.on_event(Transcribed(event, stream.finish()))
