"""What a live voice call tells its screen, one small message per thing that happened.
Sent from the call's threads; the TUI forwards them with ``call_from_thread``."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.session import Speech


@dataclass(frozen=True)
class CallerStarted:
    """A caller line became audible (``at`` on the session clock)."""

    speech: Speech
    at: float


@dataclass(frozen=True)
class CallerFinished:
    speech: Speech
    at: float
    cut: bool  # stopped by a barge-in


@dataclass(frozen=True)
class TraineeStarted:
    at: float


@dataclass(frozen=True)
class BargedIn:
    onset: float
    at: float  # confirmed (a caller who stops does so here)
    caller_stops: bool = True  # False: the scenario's caller talks over the trainee


@dataclass(frozen=True)
class Partial:
    """What the recogniser makes of the trainee's speech so far (the live transcript;
    engines that cannot say send none). A later ``Heard`` replaces it."""

    text: str
    at: float


@dataclass(frozen=True)
class Heard:
    """A finished trainee reply as recognised (the live transcript)."""

    text: str
    start: float
    end: float
    engine: str
    confidence: float


@dataclass(frozen=True)
class MicLevel:
    level: float  # RMS 0-1 of the latest frames
    speaking: bool


@dataclass(frozen=True)
class MoodChanged:
    mood: int


@dataclass(frozen=True)
class CallerWaiting:
    """Asked to wait, the caller waits for the answer (False: no longer)."""

    waiting: bool


@dataclass(frozen=True)
class CallEnded:
    outcome: str


@dataclass(frozen=True)
class DeviceLost:
    """The microphone or the speaker stopped mid-call; the session is kept."""

    message: str


VoiceUpdate = (
    CallerStarted
    | CallerFinished
    | TraineeStarted
    | BargedIn
    | Partial
    | Heard
    | MicLevel
    | MoodChanged
    | CallerWaiting
    | CallEnded
    | DeviceLost
)
