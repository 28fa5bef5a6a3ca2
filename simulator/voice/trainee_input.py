"""The trainee's side of a live call, on the audio listener thread: microphone frames
(level meter, recording, push-to-talk), VAD events, partial and final recognition.
Nothing here touches the session: replies, barge-ins and the start of speech go to
the CallLoop as steps on the engine thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.engine.hints import turn_hints
from simulator.voice.push_to_talk import NullStream, PushToTalk
from simulator.voice.updates import Heard, MicLevel, Partial, TraineeStarted, VoiceUpdate

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognition, Recognizer
    from simulator.audio.asr.stream import RecognitionStream
    from simulator.audio.frames import Frame
    from simulator.audio.recording import SessionRecording
    from simulator.clock import Clock
    from simulator.engine.loop import CallLoop
    from simulator.voice.engine_worker import EngineWorker

LEVEL_EVERY = 3  # frames per level-meter update (90 ms)
# Seconds of speech between two looks at the recogniser's partial result: often enough
# to read along, rare enough to cost nothing (sphinx's hyp() is a ~0.1 ms backtrace,
# so it runs right here on the listener thread, which also feeds the decoder — the
# decoders are not thread-safe; PortAudio's callback thread only queues frames).
PARTIAL_EVERY = 0.3


class TraineeInput:
    def __init__(
        self,
        worker: EngineWorker,
        recognizer: Recognizer,
        clock: Clock,
        notify: Callable[[VoiceUpdate], None],
        recording: SessionRecording | None,
        barge_in: Callable[[float, float], None],
    ) -> None:
        self.worker, self.recognizer, self.clock = worker, recognizer, clock
        self.notify, self.recording, self.barge_in = notify, recording, barge_in
        self.scenario = worker.loop.session.scenario
        self.push_to_talk = PushToTalk()
        self.speaking: Callable[[], bool] = lambda: False  # the VAD's view (set at start)
        self._stream: RecognitionStream | None = None  # the reply being decoded
        self._partial_at = 0.0  # when the partial result was last looked at
        self._partial_text = ""
        self._levels: list[float] = []

    def _hints(self) -> list[str]:
        return turn_hints(self.scenario, self.worker.loop.session.conversation.turn)

    def open_stream(self) -> RecognitionStream:
        if self.push_to_talk.wanted:
            return NullStream()
        from simulator.audio.asr.stream import open_stream

        self._stream = open_stream(self.recognizer, self.scenario.language, self._hints())
        self._partial_at, self._partial_text = self.clock.now(), ""
        return self._stream

    def on_frame(self, frame: Frame) -> None:
        if self.recording is not None:
            self.recording.add_trainee_pcm(frame.t, frame.pcm)
        self._send_partial(frame.t)
        self._levels.append(frame.level())
        if len(self._levels) >= LEVEL_EVERY:
            speaking = self.push_to_talk.talking or self.speaking()
            self.notify(MicLevel(max(self._levels), speaking))
            self._levels.clear()
        key = self.push_to_talk.step(frame)
        if key == "pressed":
            self._ptt_pressed(frame)
        elif key == "released":
            self._ptt_released()

    def _send_partial(self, now: float) -> None:
        """The partial transcript of the reply being spoken, when it has grown."""
        stream = self._stream
        if stream is None or now - self._partial_at < PARTIAL_EVERY:
            return
        from simulator.audio.asr.stream import partial_of

        self._partial_at = now
        text = partial_of(stream)
        if text and text != self._partial_text:
            self._partial_text = text
            self.notify(Partial(text, now))

    def on_listener_event(self, event: object) -> None:
        from simulator.audio.listener import Transcribed
        from simulator.audio.vad import BargeIn, SpeechStarted

        if isinstance(event, SpeechStarted) and not self.push_to_talk.talking:
            self._started(event.t)
        elif isinstance(event, BargeIn):
            self.barge_in(event.onset, event.t)
        elif isinstance(event, Transcribed) and not self.push_to_talk.talking:
            self._stream = None  # finished: no more partials from it
            utterance = event.utterance
            fields = {"asr": event.recognition.record_fields(), **utterance.record_fields()}
            voiced = {"voiced": fields["voiced"], "asr": fields["asr"]}
            self._reply(event.recognition, utterance.start, utterance.end, voiced)

    def _started(self, at: float) -> None:
        """No silence prompt until this reply is handled."""
        self.worker.submit(lambda loop: loop.trainee_started(at))
        self.notify(TraineeStarted(at))

    def _ptt_pressed(self, frame: Frame) -> None:
        if self._stream is not None:
            self._stream.cancel()  # releases the recogniser for the key's audio
            self._stream = None
        self._started(frame.t)
        self.barge_in(frame.t, frame.t)

    def _ptt_released(self) -> None:
        from simulator.audio.frames import frames_audio

        frames = self.push_to_talk.take()
        audio = frames_audio(frames)
        recognition = self.recognizer.recognize(audio, self.scenario.language, self._hints())
        start, end = frames[0].t, frames[-1].end
        extra = {"asr": recognition.record_fields(), "voiced": [[round(start, 3), round(end, 3)]]}
        self._reply(recognition, start, end, extra)

    def _reply(
        self, recognition: Recognition, start: float, end: float, extra: dict[str, Any]
    ) -> None:
        def step(loop: CallLoop) -> None:
            if loop.outcome is not None or loop.hold_since is not None:
                loop.trainee_stopped()
                return
            self.notify(
                Heard(recognition.text, start, end, recognition.engine, recognition.confidence)
            )
            loop.trainee_replied(recognition.text, start, end, extra=extra)

        self.worker.submit(step)
