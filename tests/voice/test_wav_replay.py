"""Replay with ``wav:`` replies: espeak-ng speaks the good English replies, they go
through VAD and the real sphinx, and the engine plays the call on the virtual clock."""

from __future__ import annotations

import json
import sys
import wave
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml

from simulator.cli.main import main
from simulator.engine.replay import load_replay, run_replay
from simulator.engine.session import CallSession
from simulator.scenario.library import ScenarioLibrary
from simulator.scenario.model import Scenario
from tests.voice.conftest import speak_to_wav

SCENARIO = "en-angry-wrong-colour"
GOOD = Path(__file__).parents[1] / "library" / "replays" / SCENARIO / "good.yaml"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return ScenarioLibrary().resolve(SCENARIO)


@pytest.fixture(scope="module")
def spoken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The good replay's replies as WAV files: (folder, texts)."""
    folder = tmp_path_factory.mktemp("wav-replies")
    texts = [r["text"] for r in yaml.safe_load(GOOD.read_text(encoding="utf-8"))["replies"]]
    for index, text in enumerate(texts):
        speak_to_wav(text, folder / f"{index:02d}.wav")
    return folder, texts


def write_replay(folder: Path, starts: list[float], name: str = "replay.yaml") -> Path:
    replies = [{"wav": f"{i:02d}.wav", "start": s} for i, s in enumerate(starts)]
    path = folder / name
    document = {"format": "callcoach.replay/1", "seed": 1, "replies": replies}
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


def play(scenario: Scenario, replay: Path, sphinx: Any) -> CallSession:
    return run_replay(scenario, load_replay(replay), recognizer=sphinx)


def trainee(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [u for u in record["utterances"] if u["speaker"] == "trainee"]


def test_wav_replies_play_the_call_through_vad_and_asr(
    scenario: Scenario, spoken: tuple[Path, list[str]], sphinx: Any
) -> None:
    folder, texts = spoken
    session = play(scenario, write_replay(folder, [0.6] * len(texts)), sphinx)
    record = session.record
    assert record["outcome"] == "resolved"
    replies = trainee(record)
    assert len(replies) == len(texts)
    first_words = set(replies[0]["text"].split())
    assert {"sorry", "wrong", "colour", "wedding"} <= first_words
    assert {"sage", "dress", "today"} <= set(replies[3]["text"].split())
    caller_end = record["utterances"][0]["end"]
    # espeak-ng leaves a few milliseconds of silence before the voice
    assert caller_end + 0.6 <= replies[0]["start"] < caller_end + 0.8
    for reply in replies:
        assert reply["asr"]["engine"] == "sphinx"
        assert 0.0 < reply["asr"]["confidence"] <= 1.0
        spans = reply["voiced"]
        assert spans[0][0] == reply["start"] and spans[-1][1] == reply["end"]
        assert all(a < b for a, b in spans)
        assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))
    assert not [e for e in record["events"] if e["kind"] in ("barge_in", "interruption")]
    assert session.scorecard is not None and session.scorecard["metrics"]["interruptions"] == []


def test_a_negative_offset_barges_in_and_the_caller_protests(
    scenario: Scenario, spoken: tuple[Path, list[str]], sphinx: Any
) -> None:
    folder, _ = spoken
    calm = play(scenario, write_replay(folder, [0.6], "calm.yaml"), sphinx).record
    session = play(scenario, write_replay(folder, [-1.5], "over.yaml"), sphinx)
    record = session.record
    opening, reply, protest = record["utterances"][:3]
    planned = calm["utterances"][0]["end"]
    assert reply["start"] < planned - 1.0
    barge = next(e for e in record["events"] if e["kind"] == "barge_in")
    assert barge["onset"] == reply["start"] and barge["turn"] == "open"
    assert 0.2 <= barge["t"] - barge["onset"] < 0.3
    # the caller stopped at the barge-in; the line as planned is kept for scoring
    assert opening["end"] == barge["t"] and opening["planned_end"] == planned
    assert any(e["kind"] == "interruption" and e["turn"] == "open" for e in record["events"])
    assert protest["speaker"] == "customer" and protest["text"] == "Excuse me, I haven't finished."
    card = session.scorecard
    assert card is not None
    cut = card["metrics"]["interruptions"]
    assert [(i["kind"], i["utterance"], i["turn"]) for i in cut] == [("interruption", 1, "open")]
    assert cut[0]["overlap"] == pytest.approx(planned - reply["start"], abs=0.002)


def test_a_wav_without_speech_is_silence(scenario: Scenario, tmp_path: Path, sphinx: Any) -> None:
    from simulator.audio.types import Audio, write_wav

    write_wav(tmp_path / "00.wav", Audio.silence(2.0))
    record = play(scenario, write_replay(tmp_path, [0.5]), sphinx).record
    assert record["utterances"][1]["speaker"] == "customer"
    assert record["events"][1]["kind"] == "silence"


def test_cli_replays_wav_replies_with_the_chosen_engine(
    spoken: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, texts = spoken
    replay, out = write_replay(folder, [0.6] * len(texts), "cli.yaml"), tmp_path / "s.json"
    code = main(["run", SCENARIO, "--replay", str(replay), "--asr", "sphinx", "--json", str(out)])
    assert code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["outcome"] == "resolved"
    assert {u["asr"]["engine"] for u in trainee(record)} == {"sphinx"}
    assert f"{SCENARIO}: resolved after {len(texts)} replies" in capsys.readouterr().out
    check_recording(record)


def check_recording(record: dict[str, Any]) -> None:
    """Stereo, owner-only; the caller on the left, the trainee on the right, in place."""
    import stat
    import wave

    import numpy as np

    from simulator.paths import recordings_dir

    path = recordings_dir() / f"{record['id']}.wav"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate(), wav.getsampwidth()) == (2, 16000, 2)
        stereo = np.frombuffer(wav.readframes(wav.getnframes()), "<i2").reshape(-1, 2)

    def loudness(channel: int, start: float, end: float) -> float:
        piece = stereo[round(start * 16000) : round(end * 16000), channel].astype(float)
        return float(np.sqrt(np.mean(piece**2))) / 32768

    caller, reply = record["utterances"][0], record["utterances"][1]
    assert loudness(0, caller["start"], caller["end"]) > 0.01
    assert loudness(1, caller["start"], caller["end"]) == 0.0
    assert loudness(1, reply["start"], reply["end"]) > 0.01
    assert loudness(0, reply["start"], reply["end"]) == 0.0


def test_japanese_wav_reply_without_a_japanese_engine_says_what_to_install(
    spoken: tuple[Path, list[str]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from simulator.audio.asr.choose import probe_asr

    monkeypatch.setenv("CALLCOACH_VOSK_MODEL", str(tmp_path / "no-model"))
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "no-hf-cache"))
    monkeypatch.delenv("CALLCOACH_WHISPER_MODEL", raising=False)
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if the extra were missing
    assert not any(probe_asr(name, "ja").ok for name in ("vosk", "faster-whisper"))
    folder, _ = spoken
    replay = write_replay(folder, [0.5], "ja.yaml")
    for extra in ([], ["--asr", "sphinx"]):
        assert main(["run", "ja-angry-late-delivery", "--replay", str(replay), *extra]) == 1
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert "vosk-model-small-ja" in err and "faster-whisper" in err and "text mode" in err


def test_a_missing_wav_file_is_named_with_its_place(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = tmp_path / "r.yaml"
    replay.write_text("format: callcoach.replay/1\nreplies:\n  - wav: gone.wav\n", "utf-8")
    assert main(["run", SCENARIO, "--replay", str(replay), "--no-store"]) == 2
    err = capsys.readouterr().err
    assert f"{replay}:3:5: {tmp_path / 'gone.wav'}: no such WAV file" in err


@pytest.mark.parametrize(
    ("rate", "channels", "message"),
    [(1, 1, "sample rate 1 Hz — 4,000–384,000 Hz"), (16_000, 40, "40 channels — 1–8")],
)
def test_a_hostile_wav_header_is_refused_before_the_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], rate: int, channels: int, message: str
) -> None:
    with wave.open(str(tmp_path / "odd.wav"), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x00" * channels * 100)
    replay = tmp_path / "r.yaml"
    replay.write_text("replies:\n  - text: hi\n  - wav: odd.wav\n", "utf-8")
    assert main(["run", SCENARIO, "--replay", str(replay)]) == 2
    err = capsys.readouterr().err
    assert f"{replay}:3:5: {tmp_path / 'odd.wav'}: {message}" in err
    assert main(["history", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # nothing half-stored


def test_hints_hold_the_model_answer_key_phrases_and_expected_lexicon(
    scenario: Scenario,
) -> None:
    from simulator.engine.hints import turn_hints

    order = scenario.turn("order")
    hints = turn_hints(scenario, order)
    assert order.model_answer in hints
    assert {"44719", "four four seven one nine"} <= set(hints)
    assert "thank you" in {h.lower() for h in hints}  # a gratitude lexicon entry
    assert len(hints) == len(set(hints))
