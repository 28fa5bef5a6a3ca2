"""A live call on the virtual duplex device (real PlaybackQueue, VAD and sphinx on
espeak-ng speech): the live partial transcript, and the caller's reaction to a
barge-in — the same on the record as a ``wav:`` replay of the same moment."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from simulator.audio.types import Audio, read_wav
from simulator.engine.loop import CallLoop
from simulator.engine.replay import WavReply
from simulator.engine.session import CallSession
from simulator.engine.voice_replay import play_wav_reply
from simulator.scenario.library import ScenarioLibrary
from simulator.scenario.model import Scenario
from simulator.voice.driver import PARTIAL_EVERY, VoiceCall
from simulator.voice.updates import BargedIn, CallerFinished, Heard, Partial
from tests.engine.fakes import fake_detect, sample_scenario
from tests.engine.test_barge_in import PROTEST, two_line_steps
from tests.voice.conftest import speak_to_wav
from tests.voice.fakes import FrameClock, QueueSpeaker, ScriptedDevice, Step, ToneVoice, Updates

SORRY = (
    "I'm so sorry for the wait and for sending the wrong colour. "
    "With the wedding ten days away, I can imagine how stressful this is."
)
HELLO = "Hello, this is Sam."


@pytest.fixture(scope="module")
def sorry_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return speak_to_wav(SORRY, tmp_path_factory.mktemp("partial") / "sorry.wav")


@pytest.fixture(scope="module")
def sorry(sorry_wav: Path) -> Audio:
    return read_wav(sorry_wav)


class Call:
    def __init__(self, scenario: Scenario, sphinx: Any, steps: list[Step]) -> None:
        self.session = CallSession(scenario, mode="voice", detector=fake_detect, seed=1)
        self.clock = FrameClock()
        self.speaker = QueueSpeaker(self.clock)
        self.updates = Updates()
        self.device = ScriptedDevice(self.clock, self.speaker, self.updates, steps)
        self.call = VoiceCall(
            self.session, ToneVoice(), self.speaker, self.device, self.clock, sphinx, self.updates
        )

    def run(self) -> dict[str, Any]:
        self.call.start()
        assert self.call.listener is not None and self.call.listener.join(60)
        self.call.worker.call(lambda loop: None)  # the last reply's engine step is done
        return self.session.record

    def typed(self, text: str, spoken: float = 1.5) -> Callable[[], None]:
        """A step: the trainee types a reply now (text fallback: no ASR involved)."""
        return lambda: self.call.type_reply(text, self.clock.t, self.clock.t, spoken)


@pytest.fixture
def make_call(sphinx: Any) -> Iterator[Callable[[Scenario, list[Step]], Call]]:
    calls: list[Call] = []

    def make(scenario: Scenario, steps: list[Step]) -> Call:
        calls.append(Call(scenario, sphinx, steps))
        return calls[-1]

    yield make
    for call in calls:
        call.call.close()


def test_partials_follow_the_trainee_and_give_way_to_the_final_text(
    make_call: Any, sphinx: Any, sorry: Audio
) -> None:
    sphinx.recognize(sorry, "en")  # past sphinx's cold start, as in a call's later turns
    steps: list[Step] = [
        ("caller", 1), ("silence", 0.6), ("audio", sorry), ("silence", 0.9), ("caller", 2)
    ]  # fmt: skip
    call = make_call(ScenarioLibrary().resolve("en-angry-wrong-colour"), steps)
    record = call.run()
    reply = record["utterances"][1]
    items = call.updates.items
    heard = next(i for i, u in enumerate(items) if isinstance(u, Heard))
    partials = [u for u in items[:heard] if isinstance(u, Partial)]
    assert not [u for u in items[heard:] if isinstance(u, Partial)]
    assert len(partials) >= 4
    # asked at most every PARTIAL_EVERY seconds, only while the trainee speaks
    times = [p.at for p in partials]
    assert all(b - a >= PARTIAL_EVERY - 1e-9 for a, b in pairwise(times))
    assert reply["start"] <= times[0] and times[-1] <= reply["end"] + 0.7
    # each one is new, they grow, and they converge on what was finally heard
    texts = [p.text for p in partials]
    assert len(set(texts)) == len(texts)
    assert len(texts[-1].split()) >= 3 * len(texts[0].split())
    assert fuzz.ratio(texts[-1], reply["text"]) >= 80


def test_the_caller_stops_drops_the_rest_of_the_step_and_protests(
    make_call: Any, sphinx: Any, sorry: Audio
) -> None:
    holder: list[Call] = []
    steps: list[Step] = [
        ("caller", 1), ("silence", 0.3), ("call", lambda: holder[0].typed(HELLO)()),
        ("started", 2), ("silence", 0.15), ("audio", sorry), ("silence", 0.9), ("caller", 4),
    ]  # fmt: skip
    holder.append(make_call(two_line_steps(), steps))
    record = holder[0].run()
    utterances = record["utterances"]
    reaction, order, reply, protest, angrier = utterances[2:7]
    barge = next(e for e in record["events"] if e["kind"] == "barge_in")
    assert (barge["reaction"], barge["dropped"], barge["turn"]) == ("stop", [3], "open")
    assert reaction["end"] >= barge["t"] and reaction["planned_end"] > reaction["end"]
    assert order["dropped"] is True and order["start"] == order["end"] == reaction["end"]
    assert reply["speaker"] == "trainee" and reply["start"] == barge["onset"]
    assert any(e["kind"] == "interruption" for e in record["events"])
    assert (protest["text"], angrier["turn"]) == (PROTEST, "angrier")
    assert protest["start"] >= reply["end"]
    finished = holder[0].updates.of(CallerFinished)
    assert [f.speech.index for f in finished] == [0, 2, 5, 6]  # the dropped line never plays
    assert [f.cut for f in finished] == [False, True, False, False]
    assert [b.caller_stops for b in holder[0].updates.of(BargedIn)] == [True]


def test_replay_gives_the_barge_in_the_same_reaction(sphinx: Any, sorry_wav: Path) -> None:
    session = CallSession(two_line_steps(), mode="replay", detector=fake_detect, seed=1)
    loop = CallLoop(session)
    loop.start(0.0)
    opening = session.record["utterances"][0]
    loop.trainee_replied(HELLO, opening["end"] + 0.5, opening["end"] + 2.0)
    reaction = session.record["utterances"][2]
    offset = reaction["start"] + 0.15 - loop.caller_free_at  # over the reaction, as live
    assert play_wav_reply(loop, WavReply(sorry_wav, offset, "test"), sphinx) is not None
    record = session.record
    shape = [
        (u["speaker"], u["turn"], bool(u.get("dropped")), "planned_end" in u)
        for u in record["utterances"]
    ]
    assert shape[:7] == [
        ("customer", "open", False, False),
        ("trainee", "open", False, False),
        ("customer", "open", False, True),  # cut where the caller stopped
        ("customer", "order", True, False),  # the rest of the step, not said
        ("trainee", "order", False, False),
        ("customer", "order", False, False),  # the protest
        ("customer", "angrier", False, False),
    ]
    barge = next(e for e in record["events"] if e["kind"] == "barge_in")
    assert (barge["reaction"], barge["dropped"], barge["turn"]) == ("stop", [3], "open")
    assert record["utterances"][2]["end"] == barge["t"]
    assert record["utterances"][5]["text"] == PROTEST


def test_the_caller_talks_through_a_cut_in(make_call: Any, sphinx: Any, sorry: Audio) -> None:
    holder: list[Call] = []
    steps: list[Step] = [
        ("caller", 1), ("silence", 0.3),
        ("call", lambda: holder[0].typed("well " * 40, spoken=20.0)()),
        ("started", 2), ("silence", 0.15), ("audio", sorry), ("silence", 0.9), ("caller", 3),
    ]  # fmt: skip
    holder.append(make_call(sample_scenario(), steps))
    record = holder[0].run()
    cut_in, after = record["utterances"][2:4]
    assert cut_in["cut_in"] is True and "planned_end" not in cut_in
    assert cut_in["end"] - cut_in["start"] == pytest.approx(1.2, abs=0.001)  # said in full
    assert not after.get("dropped") and after["speaker"] == "customer"
    barge = next(e for e in record["events"] if e["kind"] == "barge_in")
    assert (barge["reaction"], "dropped" in barge) == ("talk_over", False)
    assert not [f for f in holder[0].updates.of(CallerFinished) if f.cut]
    assert [b.caller_stops for b in holder[0].updates.of(BargedIn)] == [False]
