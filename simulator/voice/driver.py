"""A live voice call: the voice input adapter of the engine's CallLoop.

The caller's lines go to the speaker one after another (``CallerPlayback``), the
microphone stays open the whole time (full duplex; ``TraineeInput`` turns frames into
VAD events and recognised replies), and a monitor watches the devices and moves the
loop's clock (silence prompts, the time limit). Every loop step — and so every
database write — runs on one engine thread (``EngineWorker``), never on the audio
listener thread or the UI thread. The screen hears about everything through ``notify``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from typing import TYPE_CHECKING

from simulator.engine.loop import CallerWaiting, CallLoop, LineFinished, LoopEvent, MoodChanged
from simulator.engine.session import CallSession
from simulator.voice.caller_playback import CallerPlayback
from simulator.voice.engine_worker import EngineWorker
from simulator.voice.ports import CallerVoice, Speaker
from simulator.voice.trainee_input import PARTIAL_EVERY, TraineeInput
from simulator.voice.updates import BargedIn, CallEnded, DeviceLost, VoiceUpdate
from simulator.voice.updates import CallerWaiting as WaitingUpdate
from simulator.voice.updates import MoodChanged as MoodUpdate

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognizer
    from simulator.audio.frames import FrameSource
    from simulator.audio.listener import Listener
    from simulator.audio.recording import SessionRecording
    from simulator.audio.vad import VadConfig
    from simulator.clock import Clock
    from simulator.voice.push_to_talk import PushToTalk

__all__ = ["PARTIAL_EVERY", "VoiceCall"]

MONITOR_SECONDS = 0.1


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
        time_limit: float | None = None,
    ) -> None:
        self.session, self.speaker, self.source, self.clock = session, speaker, source, clock
        self.recording = recording  # the call's stereo recording, when kept
        self.recognizer, self.notify = recognizer, notify
        self.loop = CallLoop(session, time_limit=time_limit, live_caller=True)
        self.lost: str | None = None  # what went wrong with a device
        self.listener: Listener | None = None
        self._vad = vad
        self._stop = threading.Event()
        self._end_sent = threading.Lock()
        self._ended_once = False
        self.worker = EngineWorker(self.loop, self._on_loop_events, self._on_engine_error)
        self.playback = CallerPlayback(
            self.worker,
            voice,
            speaker,
            clock,
            notify,
            recording,
            self._stop,
            self._device_lost,
            self._announce_end,
        )
        self.trainee = TraineeInput(
            self.worker, recognizer, clock, notify, recording, self._barge_in
        )
        self._monitor = threading.Thread(target=self._monitor_loop, name="monitor", daemon=True)

    # -- lifecycle -------------------------------------------------------------
    def start(self) -> None:
        from simulator.audio.listener import Listener, speculation_delay

        self.worker.start()
        self.worker.call(lambda loop: loop.start(self.clock.now()))
        self.listener = Listener(
            self.source,
            self.trainee.on_listener_event,
            self.speaker.level_at,
            self._vad,
            on_frame=self.trainee.on_frame,
            transcribe=self.trainee.open_stream,
            speculate_after=speculation_delay(self.recognizer),
        )
        listener = self.listener
        self.trainee.speaking = lambda: listener.detector.speaking
        listener.start()
        self.playback.start()
        self._monitor.start()

    def close(self) -> None:
        """Stop listening and playing; the session is left as it is."""
        self._stop.set()
        self.worker.changed.set()
        if self.listener is not None:
            self.listener.stop()
        self.playback.join(timeout=5)
        if self._monitor.is_alive():
            self._monitor.join(timeout=5)
        self.worker.stop()

    @property
    def ended(self) -> bool:
        return self.session.outcome is not None

    @property
    def caller_busy(self) -> bool:
        """A caller line is playing or waiting to be played."""
        return self.playback.busy

    @property
    def push_to_talk(self) -> PushToTalk:
        return self.trainee.push_to_talk

    # -- what the screen asks for ----------------------------------------------
    def toggle_push_to_talk(self) -> bool:
        """Start or stop talking by key (when VAD fails, e.g. in a noisy room).
        Returns True when the microphone is now 'pressed'."""
        return self.trainee.push_to_talk.toggle()

    def type_reply(self, text: str, start: float, end: float, spoken: float) -> Future[None]:
        """A typed reply (text fallback after a device was lost): typed from ``start``
        to ``end``, said from ``start`` for ``spoken`` seconds (as in text mode)."""
        typed = {"typed": [round(start, 3), round(end, 3)]}
        return self.worker.submit(
            lambda loop: loop.trainee_replied(
                text, start, start + spoken, answer_after=end, spoken_seconds=spoken, extra=typed
            )
        )

    def hold(self) -> Future[None]:
        now = self.clock.now()
        return self.worker.submit(lambda loop: loop.hold(now))

    def unhold(self) -> Future[None]:
        now = self.clock.now()
        return self.worker.submit(lambda loop: loop.unhold(now))

    def abandon(self) -> None:
        """Ends the call now (blocks until the engine has recorded it)."""
        now = self.clock.now()
        self.speaker.stop()
        self.worker.call(lambda loop: loop.abandon(now))
        self._stop.set()
        self._announce_end()

    # -- engine thread ---------------------------------------------------------------
    def _on_loop_events(self, events: list[LoopEvent]) -> None:
        for event in events:
            if isinstance(event, LineFinished) and event.cut:
                self.speaker.stop()  # a hold (a barge-in has stopped it already)
            elif isinstance(event, MoodChanged):
                self.notify(MoodUpdate(event.mood))
            elif isinstance(event, CallerWaiting):
                self.notify(WaitingUpdate(event.waiting))

    def _on_engine_error(self, error: BaseException) -> None:
        self._device_lost(f"the call stopped: {error}")

    def _barge_in(self, onset: float, confirmed: float) -> None:
        """The trainee talked over the caller: the caller reacts as the scenario says
        (CallLoop.caller_stops_for) — stops, and the rest of the step is dropped
        (CallSession.barge_in says why) — or, on a cut-in line, talks on."""
        playing = self.playback.playing
        if playing is None or self.ended:
            return
        speech, line = playing
        if line.started_at is None or line.done.is_set():
            return
        # Decided and done here on the listener thread, at once (barge-in latency);
        # the engine thread records it. Whether the caller stops is read from the
        # record, which only the scenario's cut-in marks.
        stops = self.loop.caller_stops_for(speech)
        planned_end = line.started_at + line.audio.duration

        def record(loop: CallLoop) -> None:
            # the audio stops a moment after the confirmation (output latency), when
            # the speaker has stopped by the time this runs
            stopped = max(confirmed, line.ended_at or confirmed) if stops else None
            loop.barge_in(onset, confirmed, stopped=stopped, planned_end=planned_end)

        # Queued before the speaker stops: stopping wakes the playback thread, whose
        # "line finished" must reach the engine after the barge-in, or the engine finds
        # no line to cut and the barge-in is lost (seen under load in the live test).
        self.worker.submit(record)
        if stops:
            self.speaker.stop()
        self.notify(BargedIn(onset, confirmed, caller_stops=stops))

    # -- monitor thread ------------------------------------------------------------
    def _monitor_loop(self) -> None:
        while not self._stop.wait(MONITOR_SECONDS):
            if self.ended:
                return
            problem = self._device_problem()
            if problem and not self.lost:
                self._device_lost(problem)
            now = self.clock.now()
            due = self.loop.next_due()  # a read; the step itself runs on the engine thread
            if not self.lost and due is not None and due[0] <= now:
                self.worker.submit(partial(CallLoop.tick, now=now))

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

    def _announce_end(self) -> None:
        with self._end_sent:
            if self._ended_once:
                return
            self._ended_once = True
        self.notify(CallEnded(str(self.session.outcome)))
