"""Playing back one turn of a recorded call: the span of one utterance, cut from the
session's stereo recording (simulator.audio.recording: caller left, trainee right,
sample 0 = the session clock's 0, the clock the record's utterance times are on).

A turn is heard on its speaker's channel (the caller's line without the trainee's
breathing, the trainee's answer without the caller), with a little padding so the
first and last syllables are not clipped. numpy is imported only when a clip is read.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from simulator.audio import AudioError

if TYPE_CHECKING:
    from simulator.audio.types import Audio

Channel = Literal["caller", "trainee", "both"]
CHANNEL_INDEX = {"caller": 0, "trainee": 1}
PADDING = 0.2  # seconds before and after the utterance (VAD edges sit close to speech)


@dataclass(frozen=True)
class RecordedTurn:
    """One utterance of a session record, where it sits on the session clock."""

    index: int  # position in the record's ``utterances`` (0-based, as in the score card)
    speaker: str  # "customer" or "trainee"
    turn: str
    start: float
    end: float
    text: str

    @property
    def channel(self) -> Channel:
        return "caller" if self.speaker == "customer" else "trainee"


def recorded_turns(record: Mapping[str, Any]) -> list[RecordedTurn]:
    """Every utterance with usable times, in record order (malformed ones are skipped:
    unknown fields are ignored and a record from an older version may lack some)."""
    turns = []
    for index, utterance in enumerate(record.get("utterances") or []):
        if not isinstance(utterance, Mapping):
            continue
        start, end = _seconds(utterance.get("start")), _seconds(utterance.get("end"))
        if start is None or end is None or end < start:
            continue
        turns.append(
            RecordedTurn(
                index=index,
                speaker=str(utterance.get("speaker", "")),
                turn=str(utterance.get("turn") or ""),
                start=start,
                end=end,
                text=str(utterance.get("text") or ""),
            )
        )
    return turns


def _seconds(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    return None


def recording_of(record: Mapping[str, Any]) -> Path | None:
    """The session's recording file, or None when the call left none (text mode, a
    replay without ``wav:`` replies, a recording that could not be written)."""
    from simulator.paths import recordings_dir

    session_id = record.get("id")
    if not isinstance(session_id, str) or not session_id or "/" in session_id:
        return None
    path = recordings_dir() / f"{session_id}.wav"
    return path if path.is_file() else None


def read_turn(path: Path, turn: RecordedTurn, padding: float = PADDING) -> Audio:
    """The turn's span on its speaker's channel."""
    return read_span(path, turn.start, turn.end, turn.channel, padding)


def read_span(
    path: Path, start: float, end: float, channel: Channel = "both", padding: float = 0.0
) -> Audio:
    """Seconds ``start``–``end`` of the recording (``padding`` added on both sides, kept
    inside the file) as mono Audio: one channel, or both mixed. A span that runs past
    the end of the file is cut there; one that misses the file entirely is an error."""
    if not (math.isfinite(start) and math.isfinite(end)) or end < start:
        raise AudioError(f"{path}: the span {start:.2f}–{end:.2f} s ends before it starts")
    with _open(path) as handle:
        rate, channels, frames = _layout(path, handle)
        first = max(0, round((start - padding) * rate))
        last = min(frames, round((end + padding) * rate))
        if start * rate >= frames or end < 0 or last <= first:
            raise AudioError(
                f"{path}: {start:.2f}–{end:.2f} s is outside the recording "
                f"({frames / rate:.2f} s long)"
            )
        try:
            handle.setpos(first)
            data = handle.readframes(last - first)
        except (wave.Error, EOFError, OSError, RuntimeError, ValueError) as error:
            raise AudioError(f"{path}: cannot read the recording ({error!r})") from None
    if len(data) < (last - first) * channels * 2:
        raise AudioError(f"{path}: the recording is truncated (it ends before {end:.2f} s)")
    return _to_audio(data, rate, channels, channel)


def _open(path: Path) -> Any:
    try:
        return wave.open(str(path), "rb")
    except FileNotFoundError:
        raise AudioError(f"{path}: no such recording") from None
    except IsADirectoryError:
        raise AudioError(f"{path}: is a folder, not a recording") from None
    except PermissionError:
        raise AudioError(f"{path}: cannot read the recording (permission denied)") from None
    except (wave.Error, EOFError, OSError, RuntimeError, ValueError) as error:
        # wave raises a bare RuntimeError on a chunk size past the end of the file.
        reason = str(error) or "a chunk runs past the end of the file"
        raise AudioError(f"{path}: not a readable PCM WAV recording ({reason})") from None


def _layout(path: Path, handle: Any) -> tuple[int, int, int]:
    """(rate, channels, frames) of a 16-bit PCM file with one or two channels."""
    rate, width, channels = handle.getframerate(), handle.getsampwidth(), handle.getnchannels()
    if width != 2 or channels not in (1, 2) or rate <= 0:
        raise AudioError(
            f"{path}: {channels} channel(s) of {8 * width}-bit audio; expected a "
            "16-bit stereo recording (caller left, trainee right)"
        )
    return rate, channels, handle.getnframes()


def _to_audio(data: bytes, rate: int, channels: int, channel: Channel) -> Audio:
    import numpy as np

    from simulator.audio.types import Audio

    frames = np.frombuffer(data, dtype="<i2").reshape(-1, channels).astype(np.float32) / 32768.0
    if channels == 1:
        return Audio(frames[:, 0].copy(), rate)
    if channel == "both":
        # Summed, not averaged: the two sides rarely overlap, so a lone voice keeps its level.
        mixed = np.clip(frames.sum(axis=1), -1.0, 32767 / 32768)
        return Audio(mixed.astype(np.float32), rate)
    return Audio(frames[:, CHANNEL_INDEX[channel]].copy(), rate)


def describe_turns(turns: Sequence[RecordedTurn]) -> list[str]:
    """``[3] 12.4–15.0 s trainee: text`` lines (for the command line), in the
    interface language."""
    from simulator.i18n import t

    return [
        t(
            "play.line",
            index=turn.index,
            start=turn.start,
            end=turn.end,
            speaker=speaker_name(turn.speaker),
            text=turn.text,
        )
        for turn in turns
    ]


# Speakers as the interface names them (the record keeps "customer" / "trainee").
SPEAKER_KEYS = {"customer": "play.speaker.customer", "trainee": "play.speaker.trainee"}


def speaker_name(speaker: str) -> str:
    from simulator.i18n import t

    return t(SPEAKER_KEYS[speaker]) if speaker in SPEAKER_KEYS else speaker
