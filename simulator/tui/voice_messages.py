"""The voice call's updates (simulator.voice.updates) as typed Textual messages, one
class per kind, so the voice screen handles each with its own ``@on`` handler. The
level meter and the partial transcript replace a pending message of their kind: a
screen that falls behind draws only the latest."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from textual.message import Message

from simulator.voice import updates as u

U = TypeVar("U")


class VoiceMessage(Message, Generic[U]):
    def __init__(self, update: U) -> None:
        super().__init__()
        self.update = update


class CallerStarted(VoiceMessage[u.CallerStarted]):
    pass


class CallerFinished(VoiceMessage[u.CallerFinished]):
    pass


class TraineeStarted(VoiceMessage[u.TraineeStarted]):
    pass


class BargedIn(VoiceMessage[u.BargedIn]):
    pass


class Partial(VoiceMessage[u.Partial]):
    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Partial)


class Heard(VoiceMessage[u.Heard]):
    pass


class MicLevel(VoiceMessage[u.MicLevel]):
    def can_replace(self, message: Message) -> bool:
        return isinstance(message, MicLevel)


class MoodChanged(VoiceMessage[u.MoodChanged]):
    pass


class CallerWaiting(VoiceMessage[u.CallerWaiting]):
    pass


class CallEnded(VoiceMessage[u.CallEnded]):
    pass


class DeviceLost(VoiceMessage[u.DeviceLost]):
    pass


_KINDS: dict[type, type[VoiceMessage[Any]]] = {
    u.CallerStarted: CallerStarted,
    u.CallerFinished: CallerFinished,
    u.TraineeStarted: TraineeStarted,
    u.BargedIn: BargedIn,
    u.Partial: Partial,
    u.Heard: Heard,
    u.MicLevel: MicLevel,
    u.MoodChanged: MoodChanged,
    u.CallerWaiting: CallerWaiting,
    u.CallEnded: CallEnded,
    u.DeviceLost: DeviceLost,
}


def message_for(update: u.VoiceUpdate) -> Message:
    """The typed message that carries ``update``."""
    return _KINDS[type(update)](update)
