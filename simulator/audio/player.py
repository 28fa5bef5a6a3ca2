"""The caller's voice: ONE output stream opened at the start of a call and kept
open (opening PortAudio per line costs 1.5-2 s here), fed from a queue of lines.

``PlaybackQueue`` is the device-free core (what plays when, how far a line got,
the playback level for the echo guard); ``Player`` drives it from the PortAudio
callback, which is the real-time thread that plays the queue.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.audio.devices import TEXT_MODE, DeviceError, import_sounddevice, require_device
from simulator.audio.types import Audio
from simulator.clock import Clock

OUTPUT_RATE = 48000
SLOT = 0.01  # the playback level is kept per 10 ms of the session clock …
LEVEL_HISTORY = 3000  # … for the last 30 s (callback block sizes vary from 1 to 100 ms)
GAP_SLOTS = 5  # holes up to 50 ms in the level timeline are bridged
CONTIGUOUS = 0.05  # block start times closer than this to the previous end are joined


@dataclass
class Line:
    """One queued line. Times are on the session clock; None until they happen."""

    audio: Audio
    tag: Any = None
    started_at: float | None = None
    ended_at: float | None = None
    position: int = 0  # samples already played
    interrupted: bool = False
    started: threading.Event = field(default_factory=threading.Event)  # first sample queued
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def played(self) -> float:
        """Seconds of the line that reached the speaker."""
        return self.position / self.audio.rate


class PlaybackQueue:
    def __init__(self, clock: Clock, rate: int = OUTPUT_RATE) -> None:
        self.clock = clock
        self.rate = rate
        self._lines: deque[Line] = deque()
        self._lock = threading.Lock()
        self._levels: dict[int, float] = {}  # slot → RMS played then
        self._last_end: float | None = None

    def add(self, audio: Audio, tag: Any = None) -> Line:
        line = Line(audio.resampled(self.rate), tag)
        with self._lock:
            self._lines.append(line)
        return line

    @property
    def current(self) -> Line | None:
        with self._lock:
            return self._lines[0] if self._lines else None

    @property
    def playing(self) -> bool:
        return self.current is not None

    def fill(self, count: int, latency: float = 0.0) -> np.ndarray:
        """The next ``count`` samples to play. ``latency``: seconds until they are
        audible, so start/end times are when the trainee hears them."""
        out = np.zeros(count, dtype=np.float32)
        now = self.clock.now() + latency
        written = 0
        with self._lock:
            while written < count and self._lines:
                line = self._lines[0]
                if line.started_at is None:
                    line.started_at = now + written / self.rate
                    line.started.set()
                chunk = line.audio.samples[line.position : line.position + count - written]
                out[written : written + len(chunk)] = chunk
                written += len(chunk)
                line.position += len(chunk)
                if line.position >= len(line.audio.samples):
                    line.ended_at = now + written / self.rate
                    self._lines.popleft()
                    line.done.set()
        level = float(np.sqrt(np.mean(np.square(out[:written])))) if written else 0.0
        start = now
        if self._last_end is not None and abs(now - self._last_end) < CONTIGUOUS:
            start = self._last_end  # callback jitter must not leave holes in the timeline
        self._last_end = start + count / self.rate
        self._record_level(start, self._last_end, level)
        return out

    def _record_level(self, start: float, end: float, level: float) -> None:
        first, last = int(start / SLOT), int(end / SLOT)
        for slot in range(first, last + 1):
            self._levels[slot] = max(self._levels.get(slot, 0.0), level)
        if len(self._levels) > LEVEL_HISTORY + 500:
            for old in sorted(self._levels)[: len(self._levels) - LEVEL_HISTORY]:
                del self._levels[old]

    def stop(self, latency: float = 0.0) -> Line | None:
        """Cut the current line short (and drop the queue); returns that line with
        ``played`` = how far it got and ``ended_at`` = when it stopped."""
        with self._lock:
            lines, self._lines = list(self._lines), deque()
        now = self.clock.now() + latency
        for line in lines:
            line.interrupted = True
            line.started.set()  # nobody waits for a line that will never start
            line.ended_at = now if line.started_at is not None else None
            line.done.set()
        return lines[0] if lines and lines[0].started_at is not None else None

    def level_at(self, t: float) -> float | None:
        """Playback RMS audible at ``t``, or None when nothing was playing then."""
        slot = int(t / SLOT)
        # Neighbouring slots too: an underrun or a late callback leaves short holes.
        level = max(self._levels.get(s, 0.0) for s in range(slot - GAP_SLOTS, slot + GAP_SLOTS + 1))
        return level if level > 0 else None


class Player:
    """``start()`` opens the stream once; ``play()`` queues; ``stop()`` cuts in."""

    def __init__(
        self, clock: Clock, device: int | str | None = None, rate: int = OUTPUT_RATE
    ) -> None:
        self.queue = PlaybackQueue(clock, rate)
        self.device = device
        self.error: str | None = None  # set when the device fails mid-call
        self._stream: Any = None
        self._latency = 0.0

    def start(self) -> Player:
        sd = import_sounddevice()
        require_device("output", self.device)  # a clear message when there is none
        try:
            self._stream = sd.OutputStream(
                samplerate=self.queue.rate,
                channels=1,
                dtype="float32",
                device=self.device,
                latency="low",
                callback=self._callback,
                finished_callback=self._finished,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise DeviceError(f"cannot open the speaker ({error}); or {TEXT_MODE}") from None
        self._latency = float(self._stream.latency)
        return self

    def _callback(self, outdata: Any, frames: int, time: Any, status: Any) -> None:
        latency = max(0.0, float(time.outputBufferDacTime - time.currentTime))
        outdata[:, 0] = self.queue.fill(frames, latency or self._latency)

    def _finished(self) -> None:
        if self._stream is not None and not self._closing:
            self.error = "the audio output stopped (device unplugged?)"

    _closing = False

    def play(self, audio: Audio, tag: Any = None) -> Line:
        if self.error:
            raise DeviceError(f"{self.error}; {TEXT_MODE}")
        return self.queue.add(audio, tag)

    def stop(self) -> Line | None:
        return self.queue.stop(self._latency)

    @property
    def playing(self) -> bool:
        return self.queue.playing

    def level_at(self, t: float) -> float | None:
        return self.queue.level_at(t)

    def close(self) -> None:
        self._closing = True
        self.queue.stop()
        if self._stream is not None:
            self._stream.close()
            self._stream = None
