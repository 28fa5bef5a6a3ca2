"""Voice activity: who is speaking, when a turn ends, when the trainee barges in.

webrtcvad (30 ms frames) decides whether a frame sounds like speech; an energy
gate stops its low modes from taking quiet noise for speech. The gate follows the
noise floor, and while the caller is playing it also rises with the playback
level times the learnt speaker→microphone coupling, so the caller's own voice
leaking from loudspeakers does not count as the trainee (a headset avoids the
leak altogether).

``TurnDetector.process(frame, playback)`` is fed one frame at a time, from the
microphone or from a WAV placed on the virtual clock, and returns events.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from simulator.audio import AudioError
from simulator.audio.frames import FRAME_SECONDS, RATE, Frame, FrameSource, frames_audio
from simulator.audio.types import Audio


@dataclass(frozen=True)
class VadConfig:
    aggressiveness: int = 2  # webrtcvad mode 0-3
    end_silence: float = 0.6  # silence that ends a turn
    onset: float = 0.12  # speech needed before an utterance counts as started
    barge_in: float = 0.2  # speech over the caller that counts as a barge-in
    barge_in_density: float = 0.5  # share of those 0.2 s that must be voiced
    min_level: float = 0.004  # absolute gate (RMS, about -48 dBFS)
    floor_ratio: float = 3.0  # gate ≥ noise floor × this (about +10 dB)
    echo_headroom: float = 2.0  # gate ≥ playback × coupling × this while the caller plays
    coupling: float = 0.05  # initial speaker→mic coupling (headset-like); learnt upward
    max_coupling: float = 0.25  # never learn a gate that would shut out a normal voice
    line_gap: float = 0.3  # playback silent this long: the next sound is a new caller line
    # First seconds of each caller line used to learn the coupling (live microphone
    # only: WAV replies hold no echo, and a reply starting then would be mistaken for it).
    learn_window: float = 0.5
    pre_roll: float = 0.3  # audio kept before the onset for the recogniser


@dataclass(frozen=True)
class SpeechStarted:
    t: float


@dataclass(frozen=True)
class BargeIn:
    onset: float  # when the trainee's voice first overlapped the caller's
    t: float  # when it was confirmed (onset + barge_in of speech)


@dataclass(frozen=True)
class Utterance:
    start: float
    end: float
    voiced: tuple[tuple[float, float], ...]
    audio: Audio  # from pre_roll before start to end, 16 kHz

    def record_fields(self) -> dict[str, Any]:
        """The session-record fields VAD provides (DESIGN.md §4)."""
        spans = [[round(a, 3), round(b, 3)] for a, b in self.voiced]
        return {"start": round(self.start, 3), "end": round(self.end, 3), "voiced": spans}


VadEvent = SpeechStarted | BargeIn | Utterance


def load_webrtcvad(aggressiveness: int) -> Any:
    try:
        import webrtcvad
    except ImportError:
        raise AudioError(
            "voice activity detection needs webrtcvad: pip install 'callcoach[voice]'"
        ) from None
    return webrtcvad.Vad(aggressiveness)


@dataclass
class _Speech:
    onset: float
    frames: list[Frame]
    spans: list[list[float]] = field(default_factory=list)
    voiced_time: float = 0.0
    over_caller_since: float | None = None  # first voiced frame while the caller played
    started: bool = False
    barged: bool = False
    last_voiced_end: float = 0.0


class TurnDetector:
    def __init__(self, config: VadConfig | None = None) -> None:
        self.config = config or VadConfig()
        self._vad = load_webrtcvad(self.config.aggressiveness)
        self._floor = self.config.min_level / self.config.floor_ratio
        self.coupling = self.config.coupling
        self._history: deque[Frame] = deque(maxlen=round(self.config.pre_roll / FRAME_SECONDS))
        self._speech: _Speech | None = None
        self._playing_since: float | None = None
        self._quiet_since: float | None = None

    @property
    def speaking(self) -> bool:
        return self._speech is not None and self._speech.started

    @property
    def voiced_until(self) -> float | None:
        """End of the latest voiced frame of the turn in progress; None outside a turn."""
        speech = self._speech
        return speech.last_voiced_end if speech is not None and speech.started else None

    def open_frames(self) -> list[Frame]:
        """Frames of the speech in progress (pre-roll included); [] when silent."""
        return list(self._speech.frames) if self._speech is not None else []

    def gate(self, playback: float | None) -> float:
        level = max(self.config.min_level, self._floor * self.config.floor_ratio)
        if playback:
            level = max(level, playback * self.coupling * self.config.echo_headroom)
        return level

    def is_voiced(self, frame: Frame, playback: float | None = None) -> bool:
        level = frame.level()
        if level < self.gate(playback):
            return False
        return bool(self._vad.is_speech(frame.pcm, RATE))

    def process(self, frame: Frame, playback: float | None = None) -> list[VadEvent]:
        """``playback``: RMS of what the caller is playing at this frame, or None
        when the caller is silent."""
        self._learn(frame, playback)
        voiced = self.is_voiced(frame, playback)
        events: list[VadEvent] = []
        speech = self._speech
        if speech is None:
            if voiced:
                speech = self._speech = _Speech(frame.t, list(self._history))
            else:
                self._history.append(frame)
                self._track_floor(frame)
                return events
        speech.frames.append(frame)
        if voiced:
            self._add_voiced(speech, frame, playback is not None)
            events += self._confirmations(speech)
        elif frame.end - speech.last_voiced_end >= self.config.end_silence:
            events += self._close(speech)
        return events

    def flush(self) -> list[VadEvent]:
        """End of input: close an utterance still open."""
        return self._close(self._speech) if self._speech is not None else []

    def _add_voiced(self, speech: _Speech, frame: Frame, over_caller: bool) -> None:
        if speech.spans and abs(speech.spans[-1][1] - frame.t) < 1e-6:
            speech.spans[-1][1] = frame.end
        else:
            speech.spans.append([frame.t, frame.end])
        speech.voiced_time += FRAME_SECONDS
        if over_caller and speech.over_caller_since is None:
            speech.over_caller_since = frame.t
        speech.last_voiced_end = frame.end

    def _confirmations(self, speech: _Speech) -> list[VadEvent]:
        events: list[VadEvent] = []
        if not speech.started and speech.voiced_time >= self.config.onset - 1e-6:
            speech.started = True
            events.append(SpeechStarted(speech.onset))
        # Speech has short gaps (stops, breaths): a barge-in is 0.2 s of talking over
        # the caller, mostly voiced, not 0.2 s of voiced frames.
        since = speech.over_caller_since
        if not speech.barged and since is not None:
            talking = speech.last_voiced_end - since
            voiced = sum(max(0.0, b - max(a, since)) for a, b in speech.spans)
            dense = voiced >= self.config.barge_in * self.config.barge_in_density
            if talking >= self.config.barge_in - 1e-6 and dense:
                speech.barged = True
                events.append(BargeIn(since, speech.last_voiced_end))
        return events

    def _close(self, speech: _Speech) -> list[VadEvent]:
        self._speech = None
        self._history.clear()
        if not speech.started:
            return []  # a click or a cough: too short to be a turn
        frames = [f for f in speech.frames if f.t < speech.last_voiced_end]
        utterance = Utterance(
            start=speech.onset,
            end=speech.last_voiced_end,
            voiced=tuple((a, b) for a, b in speech.spans),
            audio=frames_audio(frames),
        )
        return [utterance]

    def _track_floor(self, frame: Frame) -> None:
        # Slow to rise, quick to fall: follows steady noise, ignores short sounds.
        level = frame.level()
        rate = 0.02 if level > self._floor else 0.3
        self._floor += (level - self._floor) * rate

    def _learn(self, frame: Frame, playback: float | None) -> None:
        """Learn how much of the caller's voice reaches the microphone during the
        first moments of each caller line, when the trainee is almost never talking."""
        if not playback:
            if self._quiet_since is None:
                self._quiet_since = frame.t
            if frame.t - self._quiet_since >= self.config.line_gap:
                self._playing_since = None
            return
        self._quiet_since = None
        if self._playing_since is None:
            self._playing_since = frame.t
        if self._speech is None and frame.t - self._playing_since < self.config.learn_window:
            # Capped: a trainee talking this early must not teach a gate that shuts them out.
            ratio = min(self.config.max_coupling, frame.level() / playback)
            self.coupling = max(self.coupling, ratio)


def segment(
    source: FrameSource,
    caller_playing: Any = None,
    config: VadConfig | None = None,
) -> list[VadEvent]:
    """Run a whole source through a fresh detector. ``caller_playing(t)`` gives the
    caller's playback RMS at ``t`` (or None) — replay uses it to find barge-ins.
    Coupling is not learnt unless ``config`` asks for it (recorded replies hold no echo)."""
    detector = TurnDetector(config or VadConfig(learn_window=0.0))
    events: list[VadEvent] = []
    for frame in source.frames():
        playback = caller_playing(frame.t) if caller_playing else None
        events += detector.process(frame, playback)
    return events + detector.flush()
