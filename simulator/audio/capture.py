"""The trainee's microphone: 16 kHz mono int16 in 30 ms frames, stamped on the
session clock, from one InputStream kept open for the whole call (full duplex
with the Player)."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import Any

from simulator.audio.devices import TEXT_MODE, DeviceError, import_sounddevice, require_device
from simulator.audio.frames import FRAME_SAMPLES, RATE, Frame
from simulator.clock import Clock

_END = None
RESYNC = 0.15  # seconds of disagreement between sample count and clock before re-anchoring


class Microphone:
    """A FrameSource. ``frames()`` blocks for the next frame until ``close()``."""

    def __init__(self, clock: Clock, device: int | str | None = None) -> None:
        self.clock = clock
        self.device = device
        self.error: str | None = None
        self.dropped = 0  # frames lost because nobody read them in time
        self._frames: queue.Queue[Frame | None] = queue.Queue(maxsize=2000)
        self._stream: Any = None
        self._closing = False
        self._next_t: float | None = None

    def start(self) -> Microphone:
        sd = import_sounddevice()
        require_device("input", self.device)  # a clear message when there is none
        try:
            self._stream = sd.InputStream(
                samplerate=RATE,
                channels=1,
                dtype="int16",
                blocksize=FRAME_SAMPLES,
                device=self.device,
                latency="low",
                callback=self._callback,
                finished_callback=self._finished,
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as error:
            raise DeviceError(f"cannot open the microphone ({error}); or {TEXT_MODE}") from None
        return self

    def _callback(self, indata: Any, frames: int, time: Any, status: Any) -> None:
        # Stamp by sample count (callbacks come in bursts; samples do not), re-anchored
        # to when the block was captured if the two drift apart (a stall, a dropout).
        age = max(0.0, float(time.currentTime - time.inputBufferAdcTime))
        observed = self.clock.now() - age - frames / RATE
        if self._next_t is None or abs(observed - self._next_t) > RESYNC:
            self._next_t = observed
        t, self._next_t = self._next_t, self._next_t + frames / RATE
        try:
            self._frames.put_nowait(Frame(round(t, 6), bytes(indata[:, 0].tobytes())))
        except queue.Full:
            self.dropped += 1

    def _finished(self) -> None:
        if not self._closing:
            self.error = "the microphone stopped (device unplugged?)"
        self._frames.put(_END)

    def frames(self) -> Iterator[Frame]:
        while (frame := self._frames.get()) is not _END:
            yield frame

    def read(self, timeout: float) -> Frame | None:
        """The next frame, or None after ``timeout`` seconds or at the end."""
        try:
            return self._frames.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self._closing = True
        if self._stream is not None:
            self._stream.close()
            self._stream = None
        self._frames.put(_END)
