"""A live voice call: the caller's lines go to the speaker one after another, the
microphone stays open (full duplex), VAD and ASR turn the trainee's speech into
replies, and the session records it all on the one session clock.

Threads: the listener (microphone frames → VAD → ASR → engine), the caller
(synthesise from the cache → play → record when each line really started and
ended) and a monitor (silence, vanished devices). Every session change happens
under one lock; the screen hears about everything through ``notify``.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from simulator.engine.call import CallSession, Speech
from simulator.engine.hints import turn_hints
from simulator.voice.ports import CallerVoice, Speaker
from simulator.voice.push_to_talk import NullStream, PushToTalk
from simulator.voice.updates import (
    BargedIn,
    CallEnded,
    CallerFinished,
    CallerStarted,
    DeviceLost,
    Heard,
    MicLevel,
    MoodChanged,
    Partial,
    TraineeStarted,
    VoiceUpdate,
)

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognition, Recognizer
    from simulator.audio.asr.stream import RecognitionStream
    from simulator.audio.frames import Frame, FrameSource
    from simulator.audio.listener import Listener
    from simulator.audio.player import Line
    from simulator.audio.vad import VadConfig
    from simulator.engine.clock import Clock
    from simulator.voice.recording import SessionRecording

LINE_GAP = 0.3  # pause between two caller lines of one step (as CallSession plans them)
MONITOR_SECONDS = 0.1
LEVEL_EVERY = 3  # frames per level-meter update (90 ms)
# Seconds of speech between two looks at the recogniser's partial result: often enough
# to read along, rare enough to cost nothing (sphinx's hyp() is a ~0.1 ms backtrace,
# so it runs right here on the listener thread, which also feeds the decoder — the
# decoders are not thread-safe; PortAudio's callback thread only queues frames).
PARTIAL_EVERY = 0.3


class VoiceCall:
    def __init__(
        self,
        session: CallSession,
        voice: CallerVoice,
        speaker: Speaker,
        source: FrameSource,
        clock: Clock,
        recognizer: Recognizer,
        notify: Callable[[VoiceUpdate], None],
        vad: VadConfig | None = None,
        recording: SessionRecording | None = None,
    ) -> None:
        self.session, self.voice, self.speaker = session, voice, speaker
        self.recording = recording  # the call's stereo recording, when kept
        self.source, self.clock, self.recognizer = source, clock, recognizer
        self.notify = notify
        self.language = session.scenario.language
        self.lock = threading.RLock()
        self.lost: str | None = None  # what went wrong with a device
        self._vad = vad
        self._pending: deque[Speech] = deque()
        self._wake = threading.Condition(self.lock)
        self._playing: tuple[Speech, Line] | None = None
        self._quiet_since = 0.0
        self._on_hold_since: float | None = None
        self._stop = threading.Event()
        self.push_to_talk = PushToTalk()
        self._vad_stream: RecognitionStream | None = None  # the reply being decoded
        self._partial_at = 0.0  # when the partial result was last looked at
        self._partial_text = ""
        self._levels: list[float] = []
        self.listener: Listener | None = None
        self._threads: list[threading.Thread] = []
        self._end_sent = False
        self._trainee_turn = False  # speaking, or the reply is being recognised

    # -- lifecycle -------------------------------------------------------------
    def start(self) -> None:
        from simulator.audio.listener import Listener, speculation_delay

        with self.lock:
            self._enqueue(self.session.start(self.clock.now()))
        self.listener = Listener(
            self.source,
            self._on_listener_event,
            self.speaker.level_at,
            self._vad,
            on_frame=self._on_frame,
            transcribe=self._open_stream,
            speculate_after=speculation_delay(self.recognizer),
        )
        self.listener.start()
        for name, target in (("caller", self._caller_loop), ("monitor", self._monitor_loop)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def close(self) -> None:
        """Stop listening and playing; the session is left as it is."""
        self._stop.set()
        with self._wake:
            self._wake.notify_all()
        if self.listener is not None:
            self.listener.stop()
        for thread in self._threads:
            thread.join(timeout=5)

    @property
    def ended(self) -> bool:
        return self.session.outcome is not None

    @property
    def caller_busy(self) -> bool:
        """A caller line is playing or waiting to be played."""
        return self._playing is not None or bool(self._pending)

    # -- what the screen asks for ----------------------------------------------
    def toggle_push_to_talk(self) -> bool:
        """Start or stop talking by key (when VAD fails, e.g. in a noisy room).
        Returns True when the microphone is now 'pressed'."""
        return self.push_to_talk.toggle()

    def type_reply(self, text: str, start: float, end: float, spoken: float) -> None:
        """A typed reply (text fallback after a device was lost)."""
        with self.lock:
            if self.ended:
                return
            self._enqueue(self.session.reply(text, start, end, spoken_seconds=spoken))
            self._after_step(end)

    def hold(self) -> None:
        with self.lock:
            if self._on_hold_since is None:
                self._on_hold_since = self.clock.now()

    def unhold(self) -> None:
        with self.lock:
            if self._on_hold_since is None or self.ended:
                return
            start, self._on_hold_since = self._on_hold_since, None
            end = self.clock.now()
            self._enqueue(self.session.hold(start, end))
            self._after_step(end)

    def abandon(self) -> None:
        with self.lock:
            self.speaker.stop()
            self.session.abandon(self.clock.now())
        self._stop.set()
        self._announce_end()

    def _announce_end(self) -> None:
        with self.lock:
            if self._end_sent:
                return
            self._end_sent = True
        self.notify(CallEnded(str(self.session.outcome)))

    # -- listener thread ---------------------------------------------------------
    def _open_stream(self) -> RecognitionStream:
        if self.push_to_talk.wanted:
            return NullStream()
        from simulator.audio.asr.stream import open_stream

        hints = turn_hints(self.session.scenario, self.session.conversation.turn)
        self._vad_stream = open_stream(self.recognizer, self.language, hints)
        self._partial_at, self._partial_text = self.clock.now(), ""
        return self._vad_stream

    def _on_frame(self, frame: Frame) -> None:
        if self.recording is not None:
            self.recording.add_trainee_pcm(frame.t, frame.pcm)
        self._send_partial(frame.t)
        self._levels.append(frame.level())
        if len(self._levels) >= LEVEL_EVERY:
            speaking = self.push_to_talk.talking or self._detector_speaking()
            self.notify(MicLevel(max(self._levels), speaking))
            self._levels.clear()
        key = self.push_to_talk.step(frame)
        if key == "pressed":
            self._ptt_pressed(frame)
        elif key == "released":
            self._ptt_released()

    def _send_partial(self, now: float) -> None:
        """The partial transcript of the reply being spoken, when it has grown."""
        stream = self._vad_stream
        if stream is None or now - self._partial_at < PARTIAL_EVERY:
            return
        from simulator.audio.asr.stream import partial_of

        self._partial_at = now
        text = partial_of(stream)
        if text and text != self._partial_text:
            self._partial_text = text
            self.notify(Partial(text, now))

    def _detector_speaking(self) -> bool:
        return self.listener is not None and self.listener.detector.speaking

    def _on_listener_event(self, event: object) -> None:
        from simulator.audio.listener import Transcribed
        from simulator.audio.vad import BargeIn, SpeechStarted

        if isinstance(event, SpeechStarted) and not self.push_to_talk.talking:
            self._trainee_turn = True  # no silence step until this reply is handled
            self.notify(TraineeStarted(event.t))
        elif isinstance(event, BargeIn):
            self._barge_in(event.onset, event.t)
        elif isinstance(event, Transcribed) and not self.push_to_talk.talking:
            self._vad_stream = None  # finished: no more partials from it
            utterance = event.utterance
            fields = {"asr": event.recognition.record_fields(), **utterance.record_fields()}
            voiced = {"voiced": fields["voiced"], "asr": fields["asr"]}
            self._reply(event.recognition, utterance.start, utterance.end, voiced)
            self._trainee_turn = False

    def _ptt_pressed(self, frame: Frame) -> None:
        if self._vad_stream is not None:
            self._vad_stream.cancel()  # releases the recogniser for the key's audio
            self._vad_stream = None
        self._trainee_turn = True
        self.notify(TraineeStarted(frame.t))
        self._barge_in(frame.t, frame.t)

    def _ptt_released(self) -> None:
        from simulator.audio.frames import frames_audio

        frames = self.push_to_talk.take()
        hints = turn_hints(self.session.scenario, self.session.conversation.turn)
        recognition = self.recognizer.recognize(frames_audio(frames), self.language, hints)
        start, end = frames[0].t, frames[-1].end
        extra = {"asr": recognition.record_fields(), "voiced": [[round(start, 3), round(end, 3)]]}
        self._reply(recognition, start, end, extra)
        self._trainee_turn = False

    def _reply(
        self, recognition: Recognition, start: float, end: float, extra: dict[str, Any]
    ) -> None:
        with self.lock:
            if self.ended or self._on_hold_since is not None:
                return
            self.notify(
                Heard(recognition.text, start, end, recognition.engine, recognition.confidence)
            )
            self._enqueue(self.session.reply(recognition.text, start, end, extra=extra))
            self._after_step(end)

    def _barge_in(self, onset: float, confirmed: float) -> None:
        """The caller reacts as the scenario says (CallSession.barge_in_reaction): stops
        — the rest of the step is dropped, CallSession.barge_in says why — or, on a
        cut-in line, talks over the trainee and plays on."""
        with self.lock:
            if self._playing is None or self.ended:
                return
            speech, line = self._playing
            if line.started_at is None or line.done.is_set():
                return
            stops = self.session.barge_in_reaction(speech.index) == "stop"
            stopped: float | None = None
            if stops:
                self.speaker.stop()
                # the audio stops a moment after the confirmation (output latency)
                stopped = max(confirmed, line.ended_at or confirmed)
            self.session.barge_in(
                speech.index,
                onset,
                confirmed,
                stopped=stopped,
                planned_end=line.started_at + line.audio.duration,
                unsaid=[s.index for s in self._pending] if stops else None,
            )
            if stops:
                self._pending.clear()
        self.notify(BargedIn(onset, confirmed, caller_stops=stops))

    # -- engine steps --------------------------------------------------------------
    def _enqueue(self, speeches: list[Speech]) -> None:
        with self._wake:
            self._pending.extend(speeches)
            self._wake.notify_all()

    def _after_step(self, at: float) -> None:
        self._quiet_since = max(self._quiet_since, at)
        self.notify(MoodChanged(self.session.mood))

    # -- caller thread -------------------------------------------------------------
    def _caller_loop(self) -> None:
        while not self._stop.is_set():
            with self._wake:
                while not self._pending and not self._stop.is_set():
                    if self.ended and self._playing is None:
                        self._announce_end()
                        return
                    self._wake.wait(MONITOR_SECONDS)
                if self._stop.is_set():
                    return
                speech = self._pending.popleft()
            self._say(speech)

    def _say(self, speech: Speech) -> None:
        from simulator.audio import AudioError

        try:
            audio = self.voice.line(speech.text, speech.mood)
            line = self.speaker.play(audio, tag=speech.index)
        except AudioError as error:  # the speaker is gone: the line is shown, not heard
            self._device_lost(str(error))
            self._show_silently(speech)
            return
        with self.lock:
            self._playing = (speech, line)
        while not line.started.wait(MONITOR_SECONDS):
            if self._stop.is_set() or self.lost:
                self._playing = None
                return
        started = line.started_at if line.started_at is not None else self.clock.now()
        with self.lock:
            if not line.interrupted:
                end = round(started + audio.duration, 3)
                self.session.recorder.update_utterance(
                    speech.index, start=round(started, 3), end=end
                )
        self.notify(CallerStarted(speech, started))
        while not line.done.wait(MONITOR_SECONDS):
            if self._stop.is_set() or self.lost:
                self._playing = None
                return
        self._line_done(speech, line)

    def _line_done(self, speech: Speech, line: Line) -> None:
        ended = line.ended_at if line.ended_at is not None else self.clock.now()
        if self.recording is not None and line.started_at is not None:
            self.recording.add_caller(line.started_at, line.audio.slice(0, line.played))
        with self.lock:
            self._playing = None
            if not line.interrupted:
                self.session.recorder.update_utterance(speech.index, end=round(ended, 3))
            self._quiet_since = max(self._quiet_since, ended)
            self.session.caller_free_at = max(self.session.caller_free_at, ended)
        self.notify(CallerFinished(speech, ended, line.interrupted))
        if self._pending:
            self._stop.wait(LINE_GAP)

    def _show_silently(self, speech: Speech) -> None:
        now = self.clock.now()
        self.notify(CallerStarted(speech, now))
        self.notify(CallerFinished(speech, now, False))
        with self.lock:
            self._quiet_since = max(self._quiet_since, now)

    # -- monitor thread ------------------------------------------------------------
    def _monitor_loop(self) -> None:
        while not self._stop.wait(MONITOR_SECONDS):
            if self.ended:
                return
            problem = self._device_problem()
            if problem and not self.lost:
                self._device_lost(problem)
            if not self.lost:
                self._check_silence()

    def _device_problem(self) -> str | None:
        speaker_error = getattr(self.speaker, "error", None)
        source_error = getattr(self.source, "error", None)
        listener = self.listener
        if listener is not None and listener.error is not None:
            return f"the microphone failed ({listener.error})"
        if source_error or speaker_error:
            return str(source_error or speaker_error)
        if listener is not None and listener.join(0) and not self._stop.is_set():
            return "the microphone stopped delivering audio"
        return None

    def _device_lost(self, message: str) -> None:
        if self.lost:
            return
        self.lost = message
        if self.listener is not None:
            self.listener.stop()
        self.notify(DeviceLost(message))

    def _check_silence(self) -> None:
        with self.lock:
            now = self.clock.now()
            busy = self._playing is not None or self._pending or self._trainee_turn
            if busy or self._on_hold_since is not None:
                return
            if now - self._quiet_since < self.session.conversation.silence_patience():
                return
            self._enqueue(self.session.silence(now))
            self._after_step(now)
