"""Voice updates become typed Textual messages, one class per kind; a newer level or
partial transcript replaces one still waiting, the others never do."""

from __future__ import annotations

from simulator.engine.session import Speech
from simulator.tui import voice_messages as vm
from simulator.voice import updates as u

SPEECH = Speech(0, "open", "Hello?", 0.0, 1.0, 50)
EVERY_KIND = [
    u.CallerStarted(SPEECH, 0.0),
    u.CallerFinished(SPEECH, 1.0, cut=False),
    u.TraineeStarted(1.2),
    u.BargedIn(0.5, 0.7),
    u.Partial("hel", 1.3),
    u.Heard("hello", 1.2, 2.0, "sphinx", 0.8),
    u.MicLevel(0.1, speaking=True),
    u.MoodChanged(60),
    u.CallerWaiting(True),
    u.CallEnded("resolved"),
    u.DeviceLost("the microphone stopped"),
]


def test_each_update_kind_has_its_own_message_class() -> None:
    messages = [vm.message_for(update) for update in EVERY_KIND]
    assert len({type(m) for m in messages}) == len(EVERY_KIND)
    for update, message in zip(EVERY_KIND, messages, strict=True):
        assert isinstance(message, vm.VoiceMessage) and message.update is update
        assert type(message).__name__ == type(update).__name__


def test_only_the_level_meter_and_the_partial_transcript_replace_a_waiting_one() -> None:
    level, partial = vm.message_for(u.MicLevel(0.1, True)), vm.message_for(u.Partial("a", 1.0))
    assert level.can_replace(vm.message_for(u.MicLevel(0.3, False)))
    assert partial.can_replace(vm.message_for(u.Partial("ab", 1.3)))
    assert not level.can_replace(partial) and not partial.can_replace(level)
    heard = vm.message_for(u.Heard("a", 0.0, 1.0, "sphinx", 0.9))
    assert not heard.can_replace(vm.message_for(u.Heard("b", 1.0, 2.0, "sphinx", 0.9)))
