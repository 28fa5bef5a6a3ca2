"""The caller's side of a live call: takes the next line from the CallLoop (through
the engine thread), synthesises it from the cache, plays it and reports when it
really started and ended. A hold or a barge-in stops the speaker; the loop decides
what is said next."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from simulator.engine.session import LINE_GAP, Speech
from simulator.voice.ports import CallerVoice, Speaker
from simulator.voice.updates import CallerFinished, CallerStarted, VoiceUpdate

if TYPE_CHECKING:
    from simulator.audio.player import Line
    from simulator.audio.recording import SessionRecording
    from simulator.clock import Clock
    from simulator.voice.engine_worker import EngineWorker

WATCH_SECONDS = 0.1  # how often a waiting thread looks at the stop flag


class CallerPlayback:
    def __init__(
        self,
        worker: EngineWorker,
        voice: CallerVoice,
        speaker: Speaker,
        clock: Clock,
        notify: Callable[[VoiceUpdate], None],
        recording: SessionRecording | None,
        stopped: threading.Event,
        on_device_lost: Callable[[str], None],
        on_all_said: Callable[[], None],
    ) -> None:
        self.worker, self.voice, self.speaker, self.clock = worker, voice, speaker, clock
        self.notify, self.recording, self.stopped = notify, recording, stopped
        self.on_device_lost, self.on_all_said = on_device_lost, on_all_said
        self.playing: tuple[Speech, Line] | None = None
        self.silent = False  # the speaker is gone: lines are shown, not heard
        self._thread = threading.Thread(target=self._run, name="caller", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self, timeout: float) -> None:
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def busy(self) -> bool:
        """A line is playing or waiting to be played."""
        return self.playing is not None or self.worker.loop.next_line() is not None

    def _run(self) -> None:
        try:
            self._play_all()
        except (RuntimeError, TimeoutError):  # the call was closed under us
            return

    def _play_all(self) -> None:
        changed = self.worker.changed
        while not self.stopped.is_set():
            changed.clear()
            speech, over = self.worker.call(_next_line)
            if speech is not None:
                self._say(speech)
            elif over:
                self.on_all_said()
                return
            else:
                changed.wait(WATCH_SECONDS)

    def _say(self, speech: Speech) -> None:
        from simulator.audio import AudioError

        if self.silent:
            self._show_silently(speech)
            return
        try:
            audio = self.voice.line(speech.text, speech.mood)
            line = self.speaker.play(audio, tag=speech.index)
        except AudioError as error:
            self.silent = True
            self.on_device_lost(str(error))
            self._show_silently(speech)
            return
        self.playing = (speech, line)
        if not self._wait(line.started):
            return
        started = line.started_at if line.started_at is not None else self.clock.now()
        self.worker.call(
            lambda loop: loop.caller_line_started(speech.index, started, audio.duration)
        )
        self.notify(CallerStarted(speech, started))
        if not self._wait(line.done):
            return
        self._line_done(speech, line)

    def _wait(self, event: threading.Event) -> bool:
        while not event.wait(WATCH_SECONDS):
            if self.stopped.is_set():
                self.playing = None
                return False
        return True

    def _line_done(self, speech: Speech, line: Line) -> None:
        ended = line.ended_at if line.ended_at is not None else self.clock.now()
        if self.recording is not None and line.started_at is not None:
            self.recording.add_caller(line.started_at, line.audio.slice(0, line.played))
        self.playing = None
        self.worker.call(lambda loop: loop.caller_line_finished(speech.index, ended))
        self.notify(CallerFinished(speech, ended, line.interrupted))
        self.stopped.wait(LINE_GAP)

    def _show_silently(self, speech: Speech) -> None:
        now = self.clock.now()
        length = speech.end - speech.start
        self.worker.call(lambda loop: loop.caller_line_started(speech.index, now, length))
        self.notify(CallerStarted(speech, now))
        self.worker.call(lambda loop: loop.caller_line_finished(speech.index, now + length))
        self.notify(CallerFinished(speech, now, False))


def _next_line(loop: object) -> tuple[Speech | None, bool]:
    """(the line to play next, whether the call is over and everything was said)."""
    from simulator.engine.loop import CallLoop

    assert isinstance(loop, CallLoop)
    line = loop.next_line()
    return line, line is None and loop.outcome is not None and loop.all_said
