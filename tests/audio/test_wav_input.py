"""WAV files come from users (replay `wav:` replies, recordings on disk): a damaged
one is a one-line AudioError, never a traceback."""

from __future__ import annotations

import io
import random
import wave
from pathlib import Path

import pytest

from simulator.audio import AudioError
from simulator.audio.types import read_wav


def _good_wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\x01\x00\x02\x00" * 400)
    return buffer.getvalue()


def test_damaged_headers_and_cut_files_are_one_line_errors(tmp_path: Path) -> None:
    rng = random.Random(3)
    good = _good_wav()
    path = tmp_path / "reply.wav"
    read = refused = 0
    for _ in range(1500):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            damaged[rng.randrange(0, 60)] = rng.randrange(256)
        if rng.random() < 0.3:
            damaged = damaged[: rng.randrange(0, len(damaged))]
        path.write_bytes(bytes(damaged))
        try:
            audio = read_wav(path)
        except AudioError as error:
            assert "\n" not in str(error) and str(path) in str(error)
            refused += 1
        else:
            assert audio.rate > 0
            read += 1
    assert read and refused  # both kinds occurred: the damage was varied


def test_a_last_frame_cut_in_half_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "cut.wav"
    path.write_bytes(_good_wav()[:-3])
    assert len(read_wav(path).samples) == 399


@pytest.mark.parametrize("content", [b"", b"RIFF", b"not a wav at all" * 10])
def test_not_a_wav(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.wav"
    path.write_bytes(content)
    with pytest.raises(AudioError, match="not a readable PCM WAV file"):
        read_wav(path)
