"""`callcoach say` and `callcoach doctor` through the real CLI entry point."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.audio.analysis import speech_span
from simulator.audio.types import read_wav
from simulator.cli.main import main
from tests.audio.conftest import needs_espeak


def test_say_writes_a_wav_and_mood_changes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calm, angry = tmp_path / "calm.wav", tmp_path / "angry.wav"
    text = "お待たせして申し訳ございません。"
    assert main(["say", text, "--mood", "10", "--out", str(calm)]) == 0
    assert main(["say", text, "--mood", "95", "--out", str(angry)]) == 0
    assert "openjtalk" in capsys.readouterr().out
    assert speech_span(read_wav(angry)) < speech_span(read_wav(calm))


@needs_espeak
def test_say_english_picks_espeak(tmp_path: Path) -> None:
    out = tmp_path / "en.wav"
    assert main(["say", "Thank you for calling.", "--out", str(out)]) == 0
    assert read_wav(out).rate == 22050


def test_say_refuses_japanese_on_espeak_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["say", "こんにちは", "--tts", "pyttsx3", "--out", str(tmp_path / "x.wav")])
    err = capsys.readouterr().err
    if "pyttsx3 TTS needs" in err or "no speech synthesiser" in err:
        pytest.skip("pyttsx3/espeak-ng not installed")
    assert code == 1 and "cannot read Japanese" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["say", "hi", "--mood", "200"], "--mood 200: expected a number from 0 to 100"),
        (["say", "hi", "--out", "x.mp3"], "expected a .wav file name"),
        (["say", "hi", "--tts", "festival", "--out", "x.wav"], "unknown TTS engine 'festival'"),
    ],
)
def test_say_bad_input_is_one_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_doctor_reports_every_part_and_the_fixes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    for part in ("Audio devices", "headset", "TTS openjtalk", "ASR sphinx [en]", "Database"):
        assert part in out
    # make setup installs the bundled Whisper base: both languages use it.
    assert "ASR auto [en]: would use faster-whisper" in out
    assert "ASR auto [ja]: would use faster-whisper" in out
    assert "Whisper model: Whisper base (bundled)" in out and "sha256 verified" in out
    assert "145 MB, ja/en" in out
    assert "not created yet" in out


def test_doctor_flags_a_database_it_cannot_open(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "not-a-db.sqlite"
    bogus.write_bytes(b"this is not sqlite at all")
    assert main(["--db", f"sqlite:///{bogus}", "doctor"]) == 1
    out = capsys.readouterr().out
    assert "NO  database" in out and "not a SQLite database" in out
    assert bogus.read_bytes() == b"this is not sqlite at all"  # untouched
