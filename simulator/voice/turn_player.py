"""Playing recorded turns on the speaker: ONE output stream (simulator.audio.player),
opened at the first play and kept until ``close`` (opening PortAudio costs 1.5-2 s
here, too long to pay per turn). A new turn cuts the one playing.

Thread use: ``play`` and ``wait`` run in a worker thread (opening the device blocks);
``stop`` may come from any thread (the player's queue has its own lock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from simulator.audio.devices import DeviceError

if TYPE_CHECKING:
    from simulator.audio.player import Line
    from simulator.audio.types import Audio

WATCH_SECONDS = 0.25  # how often a waiting worker looks for a vanished device


class OutputPlayer(Protocol):
    """simulator.audio.player.Player, already started."""

    error: str | None

    def play(self, audio: Audio, tag: Any = None) -> Line: ...
    def stop(self) -> Line | None: ...
    def close(self) -> None: ...


PlayerOpener = Callable[[], OutputPlayer]


def speaker_opener(device: int | str | None = None) -> PlayerOpener:
    """Opens the real speaker (DeviceError with the fix when there is none)."""

    def open_speaker() -> OutputPlayer:
        from simulator.audio.player import Player
        from simulator.clock import MonotonicClock

        return Player(MonotonicClock(), device).start()

    return open_speaker


class TurnPlayer:
    def __init__(self, open_player: PlayerOpener) -> None:
        self._open_player = open_player
        self._player: OutputPlayer | None = None
        self._lock = threading.Lock()
        self._closed = False

    def play(self, audio: Audio) -> Line:
        """Queues ``audio`` after cutting whatever plays; DeviceError when the speaker
        cannot be opened or has gone (the next call tries to open it again)."""
        player = self._ensure_open()
        with self._lock:
            player.stop()
            try:
                return player.play(audio)
            except DeviceError:
                self._drop()
                raise

    def _ensure_open(self) -> OutputPlayer:
        """The open player; opening happens outside the lock, so a ``stop`` from the UI
        thread never waits on PortAudio."""
        with self._lock:
            if self._closed:
                raise DeviceError("playback is closed")
            if self._player is not None:
                return self._player
        opened = self._open_player()
        with self._lock:
            if self._closed or self._player is not None:  # closed, or another thread won
                keep = self._player
                opened.close()
                if keep is None:
                    raise DeviceError("playback is closed")
                return keep
            self._player = opened
            return opened

    def wait(self, line: Line, timeout: float | None = None) -> bool:
        """Blocks until ``line`` has played or was stopped: True. False when the device
        vanished meanwhile (the stream is dropped, so the next play reopens it) or, with
        ``timeout``, when that many seconds of watching did not see it finish."""
        watches = None if timeout is None else max(1, round(timeout / WATCH_SECONDS))
        while not line.done.wait(WATCH_SECONDS):
            if watches is not None:
                watches -= 1
                if watches <= 0:
                    return False
            with self._lock:
                player = self._player
                if player is None or player.error:
                    self._drop()
                    return False
        return True

    def stop(self) -> None:
        with self._lock:
            if self._player is not None:
                self._player.stop()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop()

    def _drop(self) -> None:
        """Closes the stream (lock held)."""
        player, self._player = self._player, None
        if player is not None:
            player.stop()  # a waiting worker wakes up
            player.close()
