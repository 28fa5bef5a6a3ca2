"""The result screen of a recorded call: its turns listed, Enter/p plays the highlighted
one (the samples of that span, on the speaker's channel, go to the player), s stops,
a missing speaker is a notification; text-mode calls show no list."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
from textual.pilot import Pilot
from textual.widgets import Static

from simulator.audio.devices import DeviceError
from simulator.audio.player import Line
from simulator.audio.recording import SessionRecording, recording_path
from simulator.audio.types import Audio
from simulator.tui.screens.result import ResultScreen
from simulator.tui.services import CallOptions
from simulator.tui.widgets.recording_panel import LOOKS, RecordingPanel
from simulator.tui.widgets.turn_list import TurnList
from simulator.voice.playback import PADDING
from tests.tui.fakes import FIXED_CARD, late_parcel, make_app
from tests.tui.pilot_helpers import run_async

RATE = 16000


def said(speaker: str, turn: str, start: float, end: float, text: str) -> dict[str, Any]:
    return {"speaker": speaker, "turn": turn, "start": start, "end": end, "text": text}


UTTERANCES = [
    said("customer", "open", 0.5, 2.0, "遅いんですけど！"),
    said("trainee", "open", 2.5, 4.0, "申し訳ございません。"),
    said("customer", "order", 4.5, 5.5, "A-1234です。"),
]


def voice_record(session_id: str = "rec-1", mode: str = "voice") -> dict[str, Any]:
    return {
        "format": "callcoach.session/1",
        "id": session_id,
        "mode": mode,
        "language": "ja",
        "utterances": [dict(u) for u in UTTERANCES],
        "events": [],
        "outcome": "resolved",
    }


def ramp(seconds: float, sign: float) -> Audio:
    """Distinct, position-dependent samples, so a clip shows where it was cut from."""
    count = round(seconds * RATE)
    return Audio((sign * (0.01 + 0.4 * np.arange(count) / count)).astype(np.float32), RATE)


def write_recording(session_id: str = "rec-1") -> np.ndarray:
    """Each utterance's audio on its channel at its time; returns the stereo samples."""
    recording = SessionRecording()
    for u in UTTERANCES:
        audio = ramp(u["end"] - u["start"], 1.0 if u["speaker"] == "customer" else -1.0)
        if u["speaker"] == "customer":
            recording.add_caller(u["start"], audio)
        else:
            recording.add_trainee(u["start"], audio)
    recording.write(recording_path(session_id))
    return recording.mixdown()


class FakeSpeaker:
    """A started Player. Lines finish when stopped, or at once with ``finish``."""

    def __init__(self, finish: bool = True) -> None:
        self.finish = finish
        self.played: list[Audio] = []
        self.lines: list[Line] = []
        self.started = threading.Event()
        self.error: str | None = None
        self.stops = 0
        self.closed = False

    def play(self, audio: Audio, tag: Any = None) -> Line:
        line = Line(audio, tag)
        self.played.append(audio)
        self.lines.append(line)
        if self.finish:
            line.done.set()
        self.started.set()
        return line

    def stop(self) -> Line | None:
        self.stops += 1
        for line in self.lines:
            line.done.set()
        return None

    def close(self) -> None:
        self.closed = True


async def open_result(pilot: Pilot[Any], record: dict[str, Any], opener: Any) -> ResultScreen:
    screen = ResultScreen(late_parcel(), CallOptions(), record, FIXED_CARD, open_player=opener)
    await pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


async def played(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot: Pilot[Any], condition: Any) -> None:
    """Lets the UI handle what the worker thread sent (bounded, no clock involved)."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the screen never got there")


def expected_clip(stereo: np.ndarray, utterance: dict[str, Any], channel: int) -> np.ndarray:
    first = max(0, round((utterance["start"] - PADDING) * RATE))
    last = min(len(stereo), round((utterance["end"] + PADDING) * RATE))
    return stereo[first:last, channel].astype(np.int64)


def as_int16(audio: Audio) -> np.ndarray:
    return np.round(audio.samples * 32768).astype(np.int64)


@run_async
async def test_enter_and_p_play_the_highlighted_turn_on_its_channel(tmp_path: Path) -> None:
    stereo = write_recording()
    speaker = FakeSpeaker()
    opened: list[FakeSpeaker] = []
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await open_result(pilot, voice_record(), lambda: opened.append(speaker) or speaker)
        turns = pilot.app.screen.query_one(TurnList)
        assert pilot.app.focused is turns
        assert turns.option_count == 3
        await pilot.press("enter")  # the first turn: the caller, left channel
        await played(pilot)
        await pilot.press("down", "p")  # the trainee's answer, right channel
        await played(pilot)
        assert len(speaker.played) == 2
        assert len(opened) == 1  # one output stream for every turn
        caller, trainee = speaker.played
        assert as_int16(caller).tolist() == expected_clip(stereo, UTTERANCES[0], 0).tolist()
        assert as_int16(trainee).tolist() == expected_clip(stereo, UTTERANCES[1], 1).tolist()
        assert (trainee.samples <= 0).all()  # none of the caller's audio
        assert turns.playing is None  # both finished
    assert speaker.closed  # the stream goes with the screen


@run_async
async def test_s_stops_the_turn_and_the_mark_goes(tmp_path: Path) -> None:
    write_recording()
    speaker = FakeSpeaker(finish=False)
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_result(pilot, voice_record(), lambda: speaker)
        turns = screen.query_one(TurnList)
        await pilot.press("down", "down", "enter")
        assert speaker.started.wait(10)
        await until(pilot, lambda: turns.playing == 2)
        assert "▶" in str(turns.get_option_at_index(2).prompt)
        await pilot.press("s")
        await played(pilot)
        assert turns.playing is None
        assert speaker.lines[-1].done.is_set()
        assert "▶" not in str(turns.get_option_at_index(2).prompt)
        assert pilot.app.screen is screen  # s and Escape stopped; they did not leave
        await pilot.press("escape")  # nothing plays now: Escape goes home
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ResultScreen)


@run_async
async def test_no_speaker_is_a_notification_not_a_crash(tmp_path: Path) -> None:
    write_recording()

    def no_speaker() -> FakeSpeaker:
        raise DeviceError("no audio output device; answer in text mode instead")

    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_result(pilot, voice_record(), no_speaker)
        await pilot.press("enter")
        await played(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("no audio output device" in m for m in messages), messages
        assert screen.query_one(TurnList).playing is None
        assert pilot.app.screen is screen


@run_async
async def test_a_broken_recording_is_a_notification(tmp_path: Path) -> None:
    write_recording()
    recording_path("rec-1").write_bytes(b"RIFF")
    speaker = FakeSpeaker()
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await open_result(pilot, voice_record(), lambda: speaker)
        await pilot.press("enter")
        await played(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("not a readable PCM WAV recording" in m for m in messages), messages
        assert speaker.played == []


@run_async
async def test_text_mode_shows_no_list_and_no_note(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_result(pilot, voice_record(mode="text"), FakeSpeaker)
        assert not screen.query(TurnList)
        assert not screen.query(".turns-heading")
        assert screen.query_one(RecordingPanel).size.height == 0


@run_async
async def test_a_recording_written_after_the_result_shows_is_picked_up(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_result(pilot, voice_record(), FakeSpeaker)
        panel = screen.query_one(RecordingPanel)
        assert "録音を保存しています" in str(screen.query_one("#note", Static).render())
        panel.look_for_recording()
        assert not screen.query(TurnList)
        write_recording()  # the call's worker has closed the devices and written it
        panel.look_for_recording()
        await pilot.pause()
        turns = screen.query_one(TurnList)
        assert turns.option_count == 3 and pilot.app.focused is turns
        assert not screen.query("#note")


@run_async
async def test_a_voice_call_that_kept_no_recording_says_so(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        screen = await open_result(pilot, voice_record(), FakeSpeaker)
        panel = screen.query_one(RecordingPanel)
        for _ in range(LOOKS):
            panel.look_for_recording()
        await pilot.pause()
        assert not screen.query(TurnList)
        assert "録音は残っていません" in str(screen.query_one("#note", Static).render())
        assert not panel.waiting


def test_snapshot_of_a_recorded_call_at_80x24(snap_compare: Any, tmp_path: Path) -> None:
    """The score card above, the turn list below, the second turn playing."""
    write_recording()
    speaker = FakeSpeaker(finish=False)
    h = make_app(tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await open_result(pilot, voice_record(), lambda: speaker)
        await pilot.press("down", "enter")
        assert speaker.started.wait(10)
        await until(pilot, lambda: screen.query_one(TurnList).playing == 1)

    assert snap_compare(h.app, terminal_size=(80, 24), run_before=run_before)
