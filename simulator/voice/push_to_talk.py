"""The push-to-talk fallback (a noisy room, a VAD that will not trigger): the trainee
presses the talk key to start and again to stop. Terminals report no key releases,
so it is a toggle. Toggled from the UI thread, acted on in the listener thread at
the next microphone frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognition
    from simulator.audio.frames import Frame


class PushToTalk:
    def __init__(self) -> None:
        self.wanted = False  # the key state the trainee asked for
        self._frames: list[Frame] | None = None  # collecting since the press

    def toggle(self) -> bool:
        self.wanted = not self.wanted
        return self.wanted

    @property
    def talking(self) -> bool:
        return self._frames is not None

    def step(self, frame: Frame) -> Literal["pressed", "released"] | None:
        """Feed every frame; says when the key took effect."""
        if self._frames is None:
            if not self.wanted:
                return None
            self._frames = [frame]
            return "pressed"
        if self.wanted:
            self._frames.append(frame)
            return None
        return "released"

    def take(self) -> list[Frame]:
        """The frames between press and release; the key is up again."""
        frames, self._frames = self._frames or [], None
        return frames


class NullStream:
    """Recognition stream that hears nothing: while the key is down, VAD's turns are
    not transcribed (the key's audio is recognised as one reply instead)."""

    def feed(self, pcm16: bytes) -> None:
        pass

    def partial(self) -> str:
        return ""

    def finish(self) -> Recognition:
        from simulator.audio.asr.base import Recognition

        return Recognition("", 0.0, "none")

    def cancel(self) -> None:
        pass
