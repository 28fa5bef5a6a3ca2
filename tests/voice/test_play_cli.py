"""`callcoach play`: a stored call's turns listed, one turn saved from its recording,
and one-line errors (no recording, no such turn, an ambiguous id, no speaker)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.audio.recording import SessionRecording, recording_path
from simulator.audio.types import Audio, read_wav
from simulator.cli.main import main
from simulator.voice.playback import read_turn, recorded_turns

SCENARIO = "en-angry-wrong-colour"
GOOD = Path(__file__).parents[1] / "library" / "replays" / SCENARIO / "good.yaml"


@pytest.fixture
def stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """A text replay stored in the (tmp) database; its record."""
    out = tmp_path / "record.json"
    assert main(["run", SCENARIO, "--replay", str(GOOD), "--json", str(out)]) == 0
    capsys.readouterr()
    record: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return record


def record_audio(record: dict[str, Any]) -> Path:
    """A recording for the stored call: a tone per utterance on its speaker's side."""
    recording = SessionRecording()
    for turn in recorded_turns(record):
        count = round((turn.end - turn.start) * 16000)
        hz = 300 if turn.channel == "caller" else 900
        tone = 0.1 * np.sin(2 * np.pi * hz * np.arange(count) / 16000)
        audio = Audio(tone.astype(np.float32), 16000)
        add = recording.add_caller if turn.channel == "caller" else recording.add_trainee
        add(turn.start, audio)
    return recording.write(recording_path(record["id"]))


def test_the_turns_are_listed_and_a_turn_is_saved(
    stored: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = record_audio(stored)
    assert main(["play", "last"]) == 0
    listing = capsys.readouterr().out
    assert f"recording: {path}" in listing
    first = stored["utterances"][1]
    assert f"[ 1] {first['start']:6.1f}–{first['end']:.1f} s trainee: {first['text']}" in listing
    out = tmp_path / "turn.wav"
    assert main(["play", stored["id"][:6], "--turn", "1", "--out", str(out)]) == 0
    assert f"{out}: turn 1 (trainee" in capsys.readouterr().out
    saved = read_wav(out)
    expected = read_turn(path, recorded_turns(stored)[1])
    assert np.abs(saved.samples - expected.samples).max() < 1 / 16384  # 16-bit round trip


def test_a_call_without_a_recording_says_so(
    stored: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "last"]) == 0
    assert "recording: none" in capsys.readouterr().out
    assert main(["play", "last", "--turn", "0"]) == 1
    assert f"session {stored['id']} has no recording" in capsys.readouterr().err


def test_bad_requests_are_one_line(
    stored: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    record_audio(stored)
    assert main(["play", "last", "--turn", "99"]) == 2
    err = capsys.readouterr().err
    assert "--turn 99: no such turn" in err and err.count("\n") == 1
    assert main(["play", "nope", "--turn", "0"]) == 1
    assert "no stored session 'nope'" in capsys.readouterr().err
    assert main(["play", "last", "--turn", "0", "--out", "x.mp3"]) == 2
    assert "expected a .wav file name" in capsys.readouterr().err


def test_no_speaker_names_the_way_out(
    stored: dict[str, Any], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.audio.devices import DeviceError
    from simulator.voice import turn_player

    def no_speaker(device: object = None) -> Any:
        def fail() -> Any:
            raise DeviceError("no speaker or headphones found")

        return fail

    monkeypatch.setattr(turn_player, "speaker_opener", no_speaker)
    record_audio(stored)
    assert main(["play", "last", "--turn", "0"]) == 1
    err = capsys.readouterr().err
    assert "no speaker or headphones found — or save the turn with --out FILE.wav" in err


def test_a_missing_speaker_offers_the_file_not_text_mode() -> None:
    from simulator.audio.devices import TEXT_MODE, without_text_mode

    message = f"no speaker or headphones found; plug one in, or {TEXT_MODE}"
    assert without_text_mode(message) == "no speaker or headphones found; plug one in"
