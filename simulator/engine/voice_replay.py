"""``wav:`` replies in replay (DESIGN.md §4): the recorded answer is placed on the
session clock at its offset (end of the caller's last line + ``start``; negative =
over the caller) and goes through the same VAD → ASR → engine path as a live call.

While a caller line is playing (on the planned timeline), VAD gets the line's
level as its playback reference, so trainee speech over the caller is found. A
barge-in (≥ 0.2 s of speech over the caller) gets the reaction a live call gives it
(CallSession.barge_in_reaction): the caller stops at the moment it is confirmed and
the rest of the step is dropped — the scenario's ``interrupted: true`` branches
supply the protest — except on a cut-in line, which the caller talks through.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.engine.hints import turn_hints
from simulator.engine.replay_steps import barge_in_on_clock, until_silence

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognition, Recognizer
    from simulator.audio.types import Audio
    from simulator.audio.vad import VadConfig
    from simulator.engine.loop import CallLoop
    from simulator.engine.replay import WavReply
    from simulator.engine.session import CallSession

# The level of a caller line on the virtual clock: what CallAudio's normalised TTS
# output plays at (simulator.audio.types.normalized target).
CALLER_PLAYBACK_RMS = 0.08


@dataclass(frozen=True)
class HeardReply:
    """One ``wav:`` reply after VAD and ASR, placed on the session clock."""

    start: float
    end: float
    voiced: tuple[tuple[float, float], ...]
    recognition: Recognition
    barge_in: tuple[float, float] | None  # (onset, confirmed)
    audio: Audio  # the whole WAV at 16 kHz (for the session recording)
    placed_at: float  # where the WAV's first sample sits on the session clock

    def record_fields(self) -> dict[str, Any]:
        spans = [[round(a, 3), round(b, 3)] for a, b in self.voiced]
        return {"asr": self.recognition.record_fields(), "voiced": spans}


def caller_playback(session: CallSession) -> Callable[[float], float | None]:
    """Playback level at ``t`` from the caller lines recorded so far (planned ends)."""
    spans = [
        (u["start"], u.get("planned_end", u["end"]))
        for u in session.record["utterances"]
        if u["speaker"] == "customer"
    ]

    def level_at(t: float) -> float | None:
        return CALLER_PLAYBACK_RMS if any(a <= t < b for a, b in spans) else None

    return level_at


def hear(
    loop: CallLoop,
    item: WavReply,
    recognizer: Recognizer,
    config: VadConfig | None = None,
) -> HeardReply | None:
    """VAD and ASR of one WAV reply at its place on the clock; None when it holds no
    speech. Several VAD utterances in one file (pauses > 0.6 s) are one reply."""
    from simulator.audio.frames import RATE, AudioFrameSource
    from simulator.audio.types import read_wav
    from simulator.audio.vad import BargeIn, Utterance, VadConfig, segment

    session = loop.session
    placed_at = max(0.0, loop.replies_from + item.start)
    audio = read_wav(item.path).resampled(RATE)
    vad = config or VadConfig(learn_window=0.0)
    events = segment(AudioFrameSource(audio, placed_at), caller_playback(session), vad)
    spoken = [e for e in events if isinstance(e, Utterance)]
    if not spoken:
        return None
    barge = next((e for e in events if isinstance(e, BargeIn)), None)
    start, end = spoken[0].start, spoken[-1].end
    speech = audio.slice(max(0.0, start - placed_at - vad.pre_roll), end - placed_at)
    hints = turn_hints(session.scenario, session.conversation.turn)
    recognition = recognizer.recognize(speech, session.scenario.language, hints)
    return HeardReply(
        start=start,
        end=end,
        voiced=tuple(span for u in spoken for span in u.voiced),
        recognition=recognition,
        barge_in=(barge.onset, barge.t) if barge else None,
        audio=audio,
        placed_at=placed_at,
    )


def play_wav_reply(loop: CallLoop, item: WavReply, recognizer: Recognizer) -> HeardReply | None:
    """Hear the WAV and give it to the loop as the trainee's reply (or silence)."""
    heard = hear(loop, item, recognizer)
    if heard is None:
        until_silence(loop)
        return None
    if heard.barge_in is not None:
        barge_in_on_clock(loop, *heard.barge_in)
    loop.trainee_replied(
        heard.recognition.text, heard.start, heard.end, extra=heard.record_fields()
    )
    return heard


def open_recognizer(language: str, name: str = "auto", model: str | None = None) -> Recognizer:
    """The recogniser for ``language``; a one-line AudioError naming what to install
    when no engine here can handle it (an engine chosen by name included)."""
    from simulator.audio.asr.base import RecognizerError
    from simulator.audio.asr.choose import choose_recognizer, no_engine_message

    recognizer = choose_recognizer(language, name, model).recognizer
    if language not in recognizer.languages:
        recognizer.close()
        handles = ", ".join(recognizer.languages)
        raise RecognizerError(
            f"ASR engine {name} handles {handles}, not {language!r}: "
            + no_engine_message(language, [])
        )
    return recognizer


def write_replay_recording(session: CallSession, heard: list[HeardReply]) -> Path | None:
    """The session's stereo recording: the caller's lines spoken by the scenario's voice
    (at the mood of the moment, cut where the call cut them), the WAV replies where
    they were placed. Without a caller voice here, the trainee channel alone."""
    from simulator.audio import AudioError
    from simulator.audio.recording import SessionRecording, recording_path

    if not heard:
        return None
    recording = SessionRecording()
    for reply in heard:
        recording.add_trainee(reply.placed_at, reply.audio)
    # Without a TTS engine for the caller's language the trainee's side is still kept.
    with suppress(AudioError):
        _add_caller_lines(session, recording)
    path = recording.write(recording_path(session.recorder.id))
    session.recorder.recording_saved(path)
    return path


def _add_caller_lines(session: CallSession, recording: Any) -> None:
    from simulator.audio.caller_audio import prepare_call_audio

    record = session.record
    voice = prepare_call_audio(session.scenario, asr=None)
    voice.presynth.cancel()
    try:
        for utterance in record["utterances"]:
            if utterance["speaker"] != "customer":
                continue
            mood = _mood_at(record["events"], utterance["start"])
            line = voice.line(utterance["text"], mood)
            said = line.slice(0, utterance["end"] - utterance["start"])
            recording.add_caller(utterance["start"], said)
    finally:
        voice.close()


def _mood_at(events: list[dict[str, Any]], t: float) -> int:
    moods = [e for e in events if e["kind"] == "mood" and e["t"] <= t]
    return int(moods[-1]["value"]) if moods else 50
