"""Playback queue timing on a virtual clock, the listener glue, and device errors."""

from __future__ import annotations

import builtins
import sys
from typing import Any

import numpy as np
import pytest

from simulator.audio.devices import DeviceError, import_sounddevice, require_device
from simulator.audio.frames import AudioFrameSource
from simulator.audio.listener import Listener
from simulator.audio.player import PlaybackQueue
from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio
from simulator.audio.vad import BargeIn, SpeechStarted, Utterance, VadEvent
from tests.audio.conftest import require_modules
from tests.virtual_clock import VirtualClock

require_modules("webrtcvad")

RATE = 48000
BLOCK = 480  # 10 ms


def tone(seconds: float, level: float = 0.1) -> Audio:
    t = np.arange(round(seconds * RATE)) / RATE
    return Audio((level * np.sqrt(2) * np.sin(2 * np.pi * 200 * t)).astype(np.float32), RATE)


def run(queue: PlaybackQueue, clock: VirtualClock, seconds: float, latency: float = 0.0) -> None:
    for _ in range(round(seconds * RATE / BLOCK)):
        queue.fill(BLOCK, latency)
        clock.advance_to(clock.now() + BLOCK / RATE)


def test_lines_play_back_to_back_with_times_on_the_session_clock() -> None:
    clock = VirtualClock(10.0)
    queue = PlaybackQueue(clock, RATE)
    first, second = queue.add(tone(0.5)), queue.add(tone(0.3))
    run(queue, clock, 1.0, latency=0.05)
    assert first.started_at == pytest.approx(10.05) and first.ended_at == pytest.approx(10.55)
    assert second.started_at == pytest.approx(10.55) and second.ended_at == pytest.approx(10.85)
    assert first.done.is_set() and second.done.is_set() and not queue.playing
    assert not first.interrupted and first.played == pytest.approx(0.5)


def test_stop_mid_line_reports_how_far_it_got() -> None:
    clock = VirtualClock()
    queue = PlaybackQueue(clock, RATE)
    line, after = queue.add(tone(2.0)), queue.add(tone(1.0))
    run(queue, clock, 0.7)
    stopped = queue.stop()
    assert stopped is line and line.interrupted
    assert line.played == pytest.approx(0.7, abs=0.011)
    assert line.ended_at == pytest.approx(0.7, abs=0.011)
    assert after.interrupted and after.started_at is None and after.done.is_set()
    assert not queue.playing
    assert not queue.fill(BLOCK).any()  # silence afterwards
    assert queue.stop() is None


def test_other_rates_are_resampled_for_the_stream() -> None:
    queue = PlaybackQueue(VirtualClock(), RATE)
    line = queue.add(Audio(np.zeros(22050, np.float32), 22050))
    assert line.audio.rate == RATE and len(line.audio.samples) == RATE


def test_playback_level_is_the_echo_reference() -> None:
    clock = VirtualClock()
    queue = PlaybackQueue(clock, RATE)
    queue.add(tone(0.5, level=0.1))
    run(queue, clock, 1.0)
    assert queue.level_at(0.25) == pytest.approx(0.1, rel=0.05)
    assert queue.level_at(0.75) is None


def test_listener_reports_barge_in_over_the_player(openjtalk: TTSEngine) -> None:
    """The caller plays a long line; the trainee starts 1 s in: the listener, fed
    frames on the same clock, reports a barge-in with the player level as reference."""
    clock = VirtualClock()
    queue = PlaybackQueue(clock, RATE)
    queue.add(tone(3.0, level=0.1))
    run(queue, clock, 3.5)
    speech = openjtalk.synthesize("すみません、よろしいでしょうか。", Prosody())
    loud = np.flatnonzero(np.abs(speech.samples) > 0.05)
    speech = Audio(speech.samples[loud[0] :], speech.rate)  # the voice starts at once
    events: list[VadEvent] = []
    listener = Listener(AudioFrameSource(speech, 1.0), events.append, queue.level_at).start()
    assert listener.join(timeout=30) and listener.error is None
    kinds = [type(e) for e in events]
    assert kinds[:2] == [SpeechStarted, BargeIn] and kinds[-1] is Utterance
    barge_in = events[1]
    assert isinstance(barge_in, BargeIn) and 1.0 <= barge_in.onset < 1.3


def test_missing_sounddevice_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(DeviceError, match=r"apt-get install libportaudio2.*text mode"):
        import_sounddevice()


def test_no_device_offers_text_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    import simulator.audio.devices as devices

    monkeypatch.setattr(devices, "list_devices", lambda: [])
    with pytest.raises(DeviceError, match="no microphone found; plug one in, or answer in text"):
        require_device("input")
    monkeypatch.setattr(
        devices,
        "list_devices",
        lambda: [devices.DeviceInfo(0, "USB Headset", 1, 2, 48000.0, True, True)],
    )
    assert require_device("output", "headset").name == "USB Headset"
    with pytest.raises(DeviceError, match="no speaker or headphones matching 'hdmi'"):
        require_device("output", "hdmi")
