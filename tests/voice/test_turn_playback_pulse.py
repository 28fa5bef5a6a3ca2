"""A recorded turn played on a real PortAudio stream (private PulseAudio null sink):
what reaches the speaker is that turn on its speaker's channel, for as long as the
turn lasts. Real time (~2 s); skipped with the reason where pulseaudio is missing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from simulator.audio.recording import SessionRecording
from simulator.audio.types import Audio
from simulator.voice.playback import RecordedTurn, read_turn
from simulator.voice.turn_player import TurnPlayer, speaker_opener
from tests.audio.conftest import require_modules

require_modules("sounddevice")

if shutil.which("pulseaudio") is None or shutil.which("pactl") is None:
    pytest.skip(
        "pulseaudio not installed (bash .ci/audio-packages installs it)", allow_module_level=True
    )

from tests.audio.pulse import VirtualAudio, serve_virtual_audio  # noqa: E402

RATE = 16000
CALLER_HZ, TRAINEE_HZ = 300.0, 1200.0


@pytest.fixture(scope="module")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualAudio]:
    yield from serve_virtual_audio(tmp_path_factory.mktemp("pulse"))


def tone(hz: float, seconds: float) -> Audio:
    t = np.arange(round(seconds * RATE)) / RATE
    return Audio((0.2 * np.sin(2 * np.pi * hz * t)).astype(np.float32), RATE)


def level_at(samples: np.ndarray, hz: float) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    frequencies = np.fft.rfftfreq(len(samples), 1 / RATE)
    return float(spectrum[np.abs(frequencies - hz) < 20].max())


def test_the_trainees_turn_reaches_the_speaker_alone(pulse: VirtualAudio, tmp_path: Path) -> None:
    recording = SessionRecording()
    recording.add_caller(0.0, tone(CALLER_HZ, 1.0))
    recording.add_trainee(0.8, tone(TRAINEE_HZ, 1.0))  # over the caller's last 0.2 s
    path = recording.write(tmp_path / "s.wav")
    clip = read_turn(path, RecordedTurn(1, "trainee", "open", 0.8, 1.8, "…"))
    recorder = pulse.record_speaker(4.0)
    player = TurnPlayer(speaker_opener())
    try:
        line = player.play(clip)
        assert player.wait(line, timeout=clip.duration + 10)
    finally:
        player.close()
        recorder.terminate()
    heard = np.frombuffer(recorder.communicate()[0], dtype="<i2").astype(np.float64) / 32768
    loud = np.flatnonzero(np.abs(heard) > 0.05)
    assert len(loud), "nothing reached the speaker"
    assert (loud[-1] - loud[0]) / RATE == pytest.approx(1.0, abs=0.1)  # the trainee's 1 s
    sound = heard[loud[0] : loud[-1]]
    assert level_at(sound, TRAINEE_HZ) > 20 * level_at(sound, CALLER_HZ)
