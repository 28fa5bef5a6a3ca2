"""Test doubles for a live voice call (tests only): a virtual duplex device that plays
the caller's queue and delivers the trainee's microphone frames in lockstep on one
virtual clock, driven by a script of steps."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.audio.frames import FRAME_SAMPLES, FRAME_SECONDS, Frame, audio_frames
from simulator.audio.player import Line, PlaybackQueue
from simulator.audio.types import Audio
from simulator.voice.updates import CallerFinished, CallerStarted, VoiceUpdate

GUARD = 30.0  # seconds a step may wait for the call's threads before the test fails


class FrameClock:
    """Session time = the start of the latest microphone frame."""

    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class ToneVoice:
    """The caller's lines as a quiet tone of a fixed length (VAD hears only the mic)."""

    def __init__(self, seconds: float = 1.2) -> None:
        samples = 0.05 * np.sin(2 * np.pi * 220 * np.arange(round(seconds * 16000)) / 16000)
        self.audio = Audio(samples.astype(np.float32), 16000)

    def line(self, text: str, mood: int) -> Audio:
        return self.audio


class QueueSpeaker:
    """The real PlaybackQueue, pumped by the virtual device one frame at a time."""

    def __init__(self, clock: FrameClock) -> None:
        self.queue = PlaybackQueue(clock, 16000)
        self.error: str | None = None
        self.fail_on_play = False

    def play(self, audio: Audio, tag: Any = None) -> Line:
        if self.fail_on_play:
            from simulator.audio.devices import DeviceError

            raise DeviceError("the audio output stopped (device unplugged?)")
        return self.queue.add(audio, tag)

    def stop(self) -> Line | None:
        return self.queue.stop()

    def level_at(self, t: float) -> float | None:
        return self.queue.level_at(t)

    def close(self) -> None:
        self.queue.stop()


@dataclass
class Updates:
    """Collects what the call tells its screen; steps wait on it."""

    items: list[VoiceUpdate] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def __call__(self, update: VoiceUpdate) -> None:
        with self.changed:
            self.items.append(update)
            self.changed.notify_all()

    def count(self, kind: type) -> int:
        return sum(isinstance(u, kind) for u in self.items)

    def wait_for(self, ready: Callable[[Updates], bool]) -> None:
        with self.changed:
            if not self.changed.wait_for(lambda: ready(self), GUARD):
                raise TimeoutError(f"the call never got there: {self.items[-5:]}")

    def of(self, kind: type) -> list[Any]:
        return [u for u in self.items if isinstance(u, kind)]


Step = tuple[Any, ...]


def _reached(kind: type, count: int) -> Callable[[Updates], bool]:
    return lambda updates: updates.count(kind) >= count


class ScriptedDevice:
    """A FrameSource. Steps: ("caller", n) pump until the n-th caller line has
    finished; ("started", n) pump until the n-th caller line is audible;
    ("audio", Audio) the trainee speaks; ("silence", seconds); ("call", fn) run fn;
    ("gate", Event) wait for the test; ("fail", message) the microphone vanishes;
    ("ended", CallEnded) pump until the call has ended."""

    def __init__(
        self, clock: FrameClock, speaker: QueueSpeaker, updates: Updates, steps: list[Step]
    ) -> None:
        self.clock, self.speaker, self.updates, self.steps = clock, speaker, updates, steps
        self.t = 0.0
        self.error: str | None = None

    def frames(self) -> Iterator[Frame]:
        for step in self.steps:
            kind = step[0]
            if kind in ("caller", "started"):
                wanted = CallerFinished if kind == "caller" else CallerStarted
                yield from self._until(_reached(wanted, step[1]))
            elif kind == "ended":  # pump until the call has ended (step[1]: CallEnded)
                yield from self._until(
                    _reached(step[1], 1), frames=round(4 * GUARD / FRAME_SECONDS)
                )
            elif kind == "audio":
                yield from self._emit(list(audio_frames(step[1], self.t)))
            elif kind == "silence":
                yield from self._emit(list(audio_frames(Audio.silence(step[1]), self.t)))
            elif kind == "call":
                step[1]()
            elif kind == "gate":
                if not step[1].wait(GUARD):
                    raise TimeoutError("the test never opened the gate")
            elif kind == "fail":
                self.error = step[1]
                raise OSError(step[1])

    def _until(self, done: Callable[[Updates], bool], frames: int | None = None) -> Iterator[Frame]:
        silence = Audio.silence(FRAME_SECONDS)
        for _ in range(frames or round(GUARD / FRAME_SECONDS)):
            with self.updates.changed:
                # the caller's threads get to react before time moves on
                self.updates.changed.wait_for(lambda: done(self.updates), 0.002)
                if done(self.updates):
                    return
            yield from self._emit(list(audio_frames(silence, self.t)))
        raise TimeoutError("the caller never finished")

    def _emit(self, frames: list[Frame]) -> Iterator[Frame]:
        for frame in frames:
            self.clock.t = frame.t
            self.speaker.queue.fill(FRAME_SAMPLES)
            self.t = frame.end
            yield frame
