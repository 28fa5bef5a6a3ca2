"""A live voice call on a virtual duplex device: the real PlaybackQueue plays the
caller, scripted microphone frames carry espeak-ng speech, the real VAD and sphinx
hear it, the engine records it all on the one session clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from simulator.audio.recording import SessionRecording
from simulator.audio.types import Audio, read_wav
from simulator.engine.session import CallSession
from simulator.scenario.library import ScenarioLibrary
from simulator.scenario.model import Scenario
from simulator.voice.driver import VoiceCall
from simulator.voice.updates import (
    BargedIn,
    CallEnded,
    CallerFinished,
    CallerStarted,
    DeviceLost,
    Heard,
    MicLevel,
    TraineeStarted,
)
from tests.voice.conftest import speak_to_wav
from tests.voice.fakes import FrameClock, QueueSpeaker, ScriptedDevice, Step, ToneVoice, Updates

SORRY = (
    "I'm so sorry, for the wait and for sending the wrong colour. "
    "With the wedding ten days away, I can imagine how stressful this is."
)
CONFIRM = "Thank you, Jess. Just to confirm, that's order 44719, is that right?"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return ScenarioLibrary().resolve("en-angry-wrong-colour")


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Audio]:
    folder = tmp_path_factory.mktemp("voice")
    return {
        name: read_wav(speak_to_wav(text, folder / f"{name}.wav"))
        for name, text in (("sorry", SORRY), ("confirm", CONFIRM))
    }


class ThreadSink:
    """A session sink that notes which thread each write came from."""

    def __init__(self) -> None:
        self.threads: list[str] = []

    def _note(self, *_args: Any) -> None:
        self.threads.append(threading.current_thread().name)

    session_started = utterance_added = utterance_updated = event_added = _note
    session_finished = _note


class Call:
    def __init__(self, scenario: Scenario, sphinx: Any, steps: list[Step]) -> None:
        self.sink = ThreadSink()
        self.session = CallSession(scenario, mode="voice", seed=1, sinks=[self.sink])
        self.clock = FrameClock()
        self.speaker = QueueSpeaker(self.clock)
        self.updates = Updates()
        self.device = ScriptedDevice(self.clock, self.speaker, self.updates, steps)
        self.recording = SessionRecording()
        self.call = VoiceCall(
            self.session,
            ToneVoice(),
            self.speaker,
            self.device,
            self.clock,
            sphinx,
            self.updates,
            recording=self.recording,
        )

    def run(self) -> dict[str, Any]:
        self.call.start()
        assert self.call.listener is not None
        assert self.call.listener.join(60)
        self.call.worker.call(lambda loop: None)  # the last reply's engine step is done
        return self.session.record

    def close(self) -> None:
        self.call.close()


@pytest.fixture
def make_call(scenario: Scenario, sphinx: Any) -> Iterator[Any]:
    calls: list[Call] = []

    def make(steps: list[Step]) -> Call:
        calls.append(Call(scenario, sphinx, steps))
        return calls[-1]

    yield make
    for call in calls:
        call.close()


def test_replies_are_heard_recorded_and_answered(make_call: Any, speech: dict[str, Audio]) -> None:
    steps: list[Step] = [
        ("caller", 1), ("silence", 0.6), ("audio", speech["sorry"]), ("silence", 0.9),
        ("caller", 2), ("silence", 0.5), ("audio", speech["confirm"]), ("silence", 0.9),
    ]  # fmt: skip
    call = make_call(steps)
    record = call.run()
    caller, reply, order, confirm = record["utterances"][:4]
    assert (caller["turn"], reply["speaker"], order["turn"]) == ("open", "trainee", "order")
    # caller lines carry when they really played, not the engine's estimate
    assert caller["end"] - caller["start"] == pytest.approx(1.2, abs=0.001)
    assert order["end"] - order["start"] == pytest.approx(1.2, abs=0.001)
    assert 0.55 <= reply["start"] - caller["end"] < 0.7
    assert {"sorry", "wrong", "colour", "wedding"} <= set(reply["text"].split())
    assert {"thank", "confirm", "order"} <= set(confirm["text"].split())
    for utterance in (reply, confirm):
        assert utterance["asr"]["engine"] == "sphinx"
        assert utterance["voiced"][0][0] == utterance["start"]
        assert utterance["voiced"][-1][1] == utterance["end"]
    # the caller answers after the end-of-turn silence (how soon: bench/bench_voice.py)
    assert order["start"] >= reply["end"] + 0.6
    updates = call.updates
    assert [h.text for h in updates.of(Heard)] == [reply["text"], confirm["text"]]
    assert updates.count(TraineeStarted) == 2 and updates.count(BargedIn) == 0
    assert any(m.speaking for m in updates.of(MicLevel))
    assert max(m.level for m in updates.of(MicLevel)) > 0.01
    assert not [e for e in record["events"] if e["kind"] in ("silence", "interruption")]
    # every engine step and database write ran on the engine thread (after the header)
    assert len(call.sink.threads) > 10 and set(call.sink.threads[1:]) == {"engine"}
    # the recording: what was played on the left, the microphone on the right
    stereo = call.recording.mixdown().astype(float) / 32768

    def loudness(channel: int, span: dict[str, Any]) -> float:
        piece = stereo[round(span["start"] * 16000) : round(span["end"] * 16000), channel]
        return float(np.sqrt(np.mean(piece**2)))

    assert loudness(0, caller) > 0.02 and loudness(1, caller) == 0.0
    assert loudness(1, reply) > 0.02 and loudness(0, reply) == 0.0


def test_talking_over_the_caller_stops_the_line_and_draws_the_protest(
    make_call: Any, speech: dict[str, Audio]
) -> None:
    steps: list[Step] = [
        ("started", 1), ("silence", 0.3), ("audio", speech["sorry"]), ("silence", 0.9),
        ("caller", 2),
    ]  # fmt: skip
    call = make_call(steps)
    record = call.run()
    opening, reply, protest = record["utterances"][:3]
    barge = next(e for e in record["events"] if e["kind"] == "barge_in")
    assert barge["onset"] == reply["start"] and 0.2 <= barge["t"] - barge["onset"] < 0.3
    assert opening["end"] == barge["t"]
    assert opening["planned_end"] == pytest.approx(opening["start"] + 1.2, abs=0.001)
    assert any(e["kind"] == "interruption" for e in record["events"])
    assert protest["text"] == "Excuse me, I haven't finished."
    assert call.updates.of(BargedIn)[0].at == barge["t"]
    cut = [f for f in call.updates.of(CallerFinished) if f.cut]
    assert len(cut) == 1 and cut[0].speech.index == 0


def test_push_to_talk_replaces_turn_detection(make_call: Any, speech: dict[str, Audio]) -> None:
    holder: list[VoiceCall] = []
    steps: list[Step] = [
        ("caller", 1), ("silence", 0.5),
        ("call", lambda: holder[0].toggle_push_to_talk()),
        ("audio", speech["sorry"]), ("silence", 2.0),  # a pause that VAD would end the turn on
        ("call", lambda: holder[0].toggle_push_to_talk()),
        ("caller", 2),
    ]  # fmt: skip
    call = make_call(steps)
    holder.append(call.call)
    record = call.run()
    replies = [u for u in record["utterances"] if u["speaker"] == "trainee"]
    assert len(replies) == 1
    reply = replies[0]
    assert {"sorry", "wedding"} <= set(reply["text"].split())
    assert reply["end"] - reply["start"] == pytest.approx(speech["sorry"].duration + 2.0, abs=0.1)
    assert record["utterances"][2]["turn"] == "order"


def test_a_vanished_microphone_keeps_the_session_and_allows_typing(
    make_call: Any, speech: dict[str, Audio]
) -> None:
    steps: list[Step] = [("caller", 1), ("silence", 0.3), ("fail", "the microphone stopped")]
    call = make_call(steps)
    record = call.run()
    call.updates.wait_for(lambda u: u.count(DeviceLost) == 1)
    assert "microphone" in call.updates.of(DeviceLost)[0].message
    assert record["outcome"] is None and len(record["utterances"]) == 1
    call.speaker.fail_on_play = True  # the headset went with the microphone
    call.call.type_reply(SORRY, 2.0, 6.0, 5.0).result(5)
    assert record["utterances"][1]["text"] == SORRY
    assert record["utterances"][2]["turn"] == "order"
    # the caller's answer is shown instead of heard
    call.updates.wait_for(lambda u: u.count(CallerStarted) == 2)
    assert call.updates.of(CallerStarted)[1].speech.turn == "order"


def test_abandoning_ends_the_call_once(make_call: Any) -> None:
    call = make_call([("caller", 1), ("call", lambda: None)])
    call.run()
    call.call.abandon()
    call.call.abandon()
    assert call.session.outcome == "abandoned"
    assert [e.outcome for e in call.updates.of(CallEnded)] == ["abandoned"]
