"""The session recording file: stereo placement on the session clock, owner-only."""

from __future__ import annotations

import stat
import wave
from pathlib import Path

import numpy as np

from simulator.audio.recording import SessionRecording
from simulator.audio.types import Audio


def tone(seconds: float, rate: int = 16000) -> Audio:
    return Audio((0.2 * np.sin(np.arange(round(seconds * rate)) / 3)).astype(np.float32), rate)


def read(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getframerate()) == (2, 16000)
        return np.frombuffer(wav.readframes(wav.getnframes()), "<i2").reshape(-1, 2)


def test_parts_land_on_their_channel_at_their_time(tmp_path: Path) -> None:
    recording = SessionRecording()
    recording.add_caller(0.5, tone(1.0, 48000))  # resampled to 16 kHz
    recording.add_trainee(1.0, tone(0.5))
    recording.add_trainee_pcm(2.0, tone(0.25).pcm16())
    stereo = read(recording.write(tmp_path / "rec" / "s.wav"))
    assert len(stereo) == round(2.25 * 16000)

    def loud(channel: int, start: float, end: float) -> bool:
        piece = stereo[round(start * 16000) : round(end * 16000), channel].astype(float)
        return float(np.sqrt(np.mean(piece**2))) > 1000

    # (start, end, caller, trainee) with a margin round each edge
    expected = [(0.0, 0.49, False, False), (0.51, 0.99, True, False), (1.01, 1.49, True, True),
                (1.51, 1.99, False, False), (2.01, 2.24, False, True)]  # fmt: skip
    for start, end, caller, trainee in expected:
        assert (loud(0, start, end), loud(1, start, end)) == (caller, trainee), (start, end)


def test_the_file_and_folder_are_owner_only_even_over_an_old_file(tmp_path: Path) -> None:
    path = tmp_path / "recordings" / "s.wav"
    path.parent.mkdir()
    path.write_bytes(b"old")
    path.chmod(0o644)
    recording = SessionRecording()
    recording.add_caller(0.0, tone(0.1))
    recording.write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(path.parent.glob("*.part"))
    fresh = tmp_path / "new" / "s.wav"
    recording.write(fresh)
    assert stat.S_IMODE(fresh.parent.stat().st_mode) == 0o700


def test_nothing_recorded_is_empty() -> None:
    assert SessionRecording().empty
    assert SessionRecording().mixdown().shape == (0, 2)
