"""What a live voice call needs from the audio layer: the caller's voice and a
speaker (simulator.audio.caller_audio.CallAudio and simulator.audio.player.Player; tests
pass fakes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from simulator.audio.player import Line
    from simulator.audio.types import Audio


class CallerVoice(Protocol):
    """simulator.audio.caller_audio.CallAudio: the caller's line at a mood, cached."""

    def line(self, text: str, mood: int) -> Audio: ...


class Speaker(Protocol):
    """simulator.audio.player.Player."""

    error: str | None

    def play(self, audio: Audio, tag: Any = None) -> Line: ...
    def stop(self) -> Line | None: ...
    def level_at(self, t: float) -> float | None: ...
    def close(self) -> None: ...
