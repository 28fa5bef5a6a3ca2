"""Cutting one turn out of a session recording: exact samples, the speaker's channel,
padding kept inside the file, and one-line errors for every kind of broken file."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.audio import AudioError
from simulator.audio.devices import DeviceError
from simulator.audio.player import Line
from simulator.audio.recording import SessionRecording
from simulator.audio.types import Audio
from simulator.paths import recordings_dir
from simulator.voice.playback import (
    RecordedTurn,
    read_span,
    read_turn,
    recorded_turns,
    recording_of,
)
from simulator.voice.turn_player import TurnPlayer

RATE = 16000


def numbered_stereo(path: Path, seconds: float = 2.0, rate: int = RATE) -> np.ndarray:
    """Left sample i = i, right = -i (mod 2**14): every sample says where it came from."""
    count = round(seconds * rate)
    left = (np.arange(count) % 16384).astype("<i2")
    stereo = np.stack([left, -left], axis=1).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(stereo.tobytes())
    return stereo


def as_int16(audio: Audio) -> np.ndarray:
    return np.round(audio.samples * 32768).astype(np.int64)


def test_a_span_is_sample_exact_on_the_chosen_channel(tmp_path: Path) -> None:
    stereo = numbered_stereo(tmp_path / "s.wav")
    first, last = round(0.5 * RATE), round(1.25 * RATE)
    caller = read_span(tmp_path / "s.wav", 0.5, 1.25, "caller")
    trainee = read_span(tmp_path / "s.wav", 0.5, 1.25, "trainee")
    both = read_span(tmp_path / "s.wav", 0.5, 1.25, "both")
    assert caller.rate == RATE
    assert as_int16(caller).tolist() == stereo[first:last, 0].tolist()
    assert as_int16(trainee).tolist() == stereo[first:last, 1].tolist()
    assert not as_int16(both).any()  # i + (-i): the two channels are summed


def test_padding_widens_the_span_but_stays_inside_the_file(tmp_path: Path) -> None:
    numbered_stereo(tmp_path / "s.wav", seconds=2.0)
    padded = read_span(tmp_path / "s.wav", 1.0, 1.5, "caller", padding=0.2)
    assert len(padded.samples) == round(0.9 * RATE)
    assert as_int16(padded)[0] == round(0.8 * RATE)
    at_edges = read_span(tmp_path / "s.wav", 0.1, 1.95, "caller", padding=0.2)
    assert len(at_edges.samples) == 2 * RATE  # from sample 0 to the last one
    past_the_end = read_span(tmp_path / "s.wav", 1.5, 3.0, "caller")
    assert len(past_the_end.samples) == round(0.5 * RATE)  # cut where the file ends


def test_a_turn_is_heard_on_its_speakers_channel(tmp_path: Path) -> None:
    recording = SessionRecording()
    recording.add_caller(0.0, Audio(np.full(RATE, 0.25, np.float32), RATE))
    recording.add_trainee(0.5, Audio(np.full(RATE, -0.5, np.float32), RATE))
    path = recording.write(tmp_path / "s.wav")
    caller = RecordedTurn(0, "customer", "open", 0.0, 1.0, "…")
    trainee = RecordedTurn(1, "trainee", "open", 0.5, 1.5, "…")
    heard = read_turn(path, caller, padding=0.0)
    assert np.allclose(heard.samples, 0.25)  # none of the trainee's overlap
    answer = read_turn(path, trainee, padding=0.1)
    assert len(answer.samples) == round(1.0 * RATE) + round(0.1 * RATE)  # end of file
    assert np.allclose(answer.samples[: round(0.1 * RATE)], 0.0)  # padding before speech
    assert np.allclose(answer.samples[round(0.1 * RATE) :], -0.5)


def test_a_mono_file_plays_whatever_channel_is_asked(tmp_path: Path) -> None:
    path = tmp_path / "mono.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(np.arange(8000, dtype="<i2").tobytes())
    clip = read_span(path, 0.5, 0.75, "trainee")
    assert clip.rate == 8000
    assert as_int16(clip).tolist() == list(range(4000, 6000))


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "no such recording"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.write_bytes(b"RIFF....WAVEjunk" * 4), "not a readable PCM WAV"),
        (lambda p: p.write_bytes(b""), "not a readable PCM WAV"),
    ],
    ids=["missing", "folder", "garbage", "empty"],
)
def test_an_unreadable_file_is_one_line(tmp_path: Path, make: Any, expected: str) -> None:
    path = tmp_path / "s.wav"
    make(path)
    with pytest.raises(AudioError, match=expected) as caught:
        read_span(path, 0.0, 1.0)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_truncated_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "s.wav"
    numbered_stereo(path, seconds=2.0)
    path.write_bytes(path.read_bytes()[: 44 + 4 * RATE])  # header claims 2 s, 1 s left
    assert len(read_span(path, 0.2, 0.8).samples) == round(0.6 * RATE)
    with pytest.raises(AudioError, match="truncated"):
        read_span(path, 0.5, 1.5)


def test_a_span_outside_the_file_or_backwards_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.wav"
    numbered_stereo(path, seconds=1.0)
    with pytest.raises(AudioError, match=r"5\.00–6\.00 s is outside the recording \(1\.00 s"):
        read_span(path, 5.0, 6.0)
    with pytest.raises(AudioError, match="ends before it starts"):
        read_span(path, 0.8, 0.2)
    with pytest.raises(AudioError, match="ends before it starts"):
        read_span(path, float("nan"), 0.2)


def test_other_sample_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(1)
        out.setframerate(RATE)
        out.writeframes(bytes(200))
    with pytest.raises(AudioError, match="8-bit audio; expected a 16-bit stereo recording"):
        read_span(path, 0.0, 0.001)


def test_turns_come_from_the_record_skipping_malformed_ones() -> None:
    record = {
        "utterances": [
            {"speaker": "customer", "turn": "open", "start": 0, "end": 4.2, "text": "遅い！"},
            {"speaker": "trainee", "turn": "open", "start": 3.6, "end": None, "text": "x"},
            "not an utterance",
            {"speaker": "trainee", "turn": "open", "start": 5.0, "end": 4.0},
            {"speaker": "trainee", "turn": "open", "start": True, "end": 4.0},
            {"speaker": "trainee", "turn": "open", "start": 5.0, "end": 7.9, "text": "申し訳"},
        ]
    }
    turns = recorded_turns(record)
    assert [(t.index, t.channel, t.start, t.end) for t in turns] == [
        (0, "caller", 0.0, 4.2),
        (5, "trainee", 5.0, 7.9),
    ]
    assert recorded_turns({}) == []


def test_the_recording_of_a_record_is_found_by_session_id() -> None:
    assert recording_of({"id": "abc"}) is None
    path = recordings_dir() / "abc.wav"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"")
    assert recording_of({"id": "abc"}) == path
    assert recording_of({"id": "../abc"}) is None
    assert recording_of({}) is None


class FakeSpeaker:
    """A started Player: remembers what it was given; lines finish when stopped."""

    def __init__(self) -> None:
        self.played: list[Audio] = []
        self.lines: list[Line] = []
        self.error: str | None = None
        self.closed = False

    def play(self, audio: Audio, tag: Any = None) -> Line:
        self.played.append(audio)
        self.lines.append(Line(audio, tag))
        return self.lines[-1]

    def stop(self) -> Line | None:
        for line in self.lines:
            line.done.set()
        return None

    def close(self) -> None:
        self.closed = True


def test_one_stream_serves_every_turn_and_a_new_turn_cuts_the_last() -> None:
    opened: list[FakeSpeaker] = []

    def open_speaker() -> FakeSpeaker:
        opened.append(FakeSpeaker())
        return opened[-1]

    player = TurnPlayer(open_speaker)
    first = player.play(Audio.silence(1.0))
    second = player.play(Audio.silence(2.0))
    assert len(opened) == 1
    assert first.done.is_set() and not second.done.is_set()
    player.stop()
    assert player.wait(second) is True
    player.close()
    assert opened[0].closed
    with pytest.raises(DeviceError, match="closed"):
        player.play(Audio.silence(1.0))


def test_a_missing_speaker_is_a_device_error_and_is_tried_again() -> None:
    attempts: list[int] = []

    def no_speaker() -> FakeSpeaker:
        attempts.append(1)
        raise DeviceError("no audio output device; answer in text mode instead")

    player = TurnPlayer(no_speaker)
    for _ in range(2):
        with pytest.raises(DeviceError, match="no audio output device"):
            player.play(Audio.silence(1.0))
    assert len(attempts) == 2


def test_a_speaker_that_vanishes_mid_turn_ends_the_wait() -> None:
    speaker = FakeSpeaker()
    player = TurnPlayer(lambda: speaker)
    line = player.play(Audio.silence(1.0))
    speaker.error = "the audio output stopped (device unplugged?)"
    assert player.wait(line) is False
    assert speaker.closed  # dropped: the next play opens the device again
