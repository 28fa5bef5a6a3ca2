"""VAD on WAV streams placed on the session clock (no device)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from simulator.audio.analysis import speech_span
from simulator.audio.frames import FRAME_SAMPLES, AudioFrameSource, WavFrameSource, audio_frames
from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio, write_wav
from simulator.audio.vad import (
    BargeIn,
    SpeechStarted,
    TurnDetector,
    Utterance,
    VadConfig,
    segment,
)
from tests.audio.clips import RATE, join, trimmed_speech
from tests.audio.conftest import require_modules

require_modules("webrtcvad")


@pytest.fixture(scope="module")
def speech(openjtalk: TTSEngine) -> Audio:
    """About two seconds of speech, trimmed to where the voice is."""
    return trimmed_speech(openjtalk, "申し訳ございません。担当の佐藤でございます。")


def noise(seconds: float, level: float, seed: int = 1) -> Audio:
    rng = np.random.default_rng(seed)
    return Audio((rng.standard_normal(round(seconds * RATE)) * level).astype(np.float32), RATE)


def mix(a: Audio, b: Audio) -> Audio:
    n = max(len(a.samples), len(b.samples))
    out = np.zeros(n, np.float32)
    out[: len(a.samples)] += a.samples
    out[: len(b.samples)] += b.samples
    return Audio(out, RATE)


def utterances(events: list) -> list[Utterance]:  # type: ignore[type-arg]
    return [e for e in events if isinstance(e, Utterance)]


def test_frames_are_30ms_on_the_session_clock(speech: Audio) -> None:
    frames = list(audio_frames(speech, start=5.0))
    assert all(len(f.pcm) == FRAME_SAMPLES * 2 for f in frames)
    assert frames[0].t == 5.0 and frames[1].t == pytest.approx(5.03)
    assert frames[-1].end >= 5.0 + speech.duration


def test_utterance_start_end_and_voiced_spans_on_the_session_clock(speech: Audio) -> None:
    events = segment(AudioFrameSource(join(0.5, speech, 1.0), start=12.0))
    (utterance,) = utterances(events)
    assert isinstance(events[0], SpeechStarted) and events[0].t == utterance.start
    assert utterance.start == pytest.approx(12.5, abs=0.06)
    assert utterance.end == pytest.approx(12.5 + speech.duration, abs=0.1)
    assert utterance.voiced[0][0] == utterance.start and utterance.voiced[-1][1] == utterance.end
    assert all(a < b for a, b in utterance.voiced)
    # the audio handed to ASR holds the whole utterance plus a little pre-roll
    assert utterance.audio.duration == pytest.approx(utterance.end - utterance.start + 0.3, 0.1)
    fields = utterance.record_fields()
    assert fields["start"] == round(utterance.start, 3) and isinstance(fields["voiced"], list)


def test_a_short_pause_continues_the_turn_a_long_one_ends_it(speech: Audio) -> None:
    one = utterances(segment(AudioFrameSource(join(0.3, speech, 0.3, speech, 1.0), 0.0)))
    two = utterances(segment(AudioFrameSource(join(0.3, speech, 1.0, speech, 1.0), 0.0)))
    assert len(one) == 1 and len(one[0].voiced) >= 2
    assert len(two) == 2
    assert two[1].start - two[0].end == pytest.approx(1.0, abs=0.15)


def test_quiet_noise_is_not_speech_but_speech_over_it_is(speech: Audio) -> None:
    assert segment(AudioFrameSource(noise(3.0, 0.002), 0.0)) == []
    noisy = mix(noise(4.0, 0.002), join(1.0, speech))
    (utterance,) = utterances(segment(AudioFrameSource(noisy, 0.0)))
    assert utterance.start == pytest.approx(1.0, abs=0.1)


def test_a_click_is_not_a_turn() -> None:
    t = np.arange(round(0.06 * RATE)) / RATE
    click = Audio((0.3 * np.sin(2 * np.pi * 300 * t)).astype(np.float32), RATE)
    assert segment(AudioFrameSource(join(0.5, click, 1.0), 0.0)) == []


def test_barge_in_from_a_negative_wav_offset(speech: Audio) -> None:
    caller_end = 20.0
    reply = AudioFrameSource(speech, start=caller_end - 0.8)  # `start: -0.8` in a replay

    def caller_playing(t: float) -> float | None:
        return 0.08 if t < caller_end else None

    events = segment(reply, caller_playing)
    (barge_in,) = [e for e in events if isinstance(e, BargeIn)]
    assert barge_in.onset == pytest.approx(19.2, abs=0.06)
    assert 0.2 <= barge_in.t - barge_in.onset <= 0.25  # registered within budget
    (utterance,) = utterances(events)
    assert utterance.start == barge_in.onset


def test_no_barge_in_when_the_caller_has_finished(speech: Audio) -> None:
    events = segment(AudioFrameSource(speech, 20.4), lambda t: 0.08 if t < 20.0 else None)
    assert not [e for e in events if isinstance(e, BargeIn)]
    assert len(utterances(events)) == 1


def test_caller_echo_does_not_trigger_but_the_trainee_over_it_does(
    speech: Audio, openjtalk: TTSEngine
) -> None:
    caller = openjtalk.synthesize("どうなってるんですか。", Prosody()).resampled(RATE)
    playing = join(caller, caller, caller)  # the caller's voice, 3 lines running
    levels = [float(np.sqrt(np.mean(f.samples**2) + 1e-12)) for f in _chunks(playing)]

    def playback(t: float) -> float | None:
        index = round(t / 0.03)
        return max(levels[index], 0.02) if index < len(levels) else None

    echo = Audio(playing.samples * 0.3, RATE)  # loudspeaker leaking into the mic
    live = VadConfig()  # learns the coupling in the first 0.5 s of the caller's line
    assert utterances(segment(AudioFrameSource(echo, 0.0), playback)) != []  # unguarded
    assert utterances(segment(AudioFrameSource(echo, 0.0), playback, live)) == []
    trainee = mix(echo, join(3.0, Audio(speech.samples * 1.0, RATE)))
    events = segment(AudioFrameSource(trainee, 0.0), playback, live)
    assert [e for e in events if isinstance(e, BargeIn)]
    assert utterances(events)[0].start == pytest.approx(3.0, abs=0.1)


def _chunks(audio: Audio) -> list[Audio]:
    n = FRAME_SAMPLES
    return [Audio(audio.samples[i : i + n], RATE) for i in range(0, len(audio.samples), n)]


def test_wav_source_reads_any_rate_and_stereo(tmp_path: Path, speech: Audio) -> None:
    stereo = tmp_path / "reply.wav"
    import wave

    pcm = Audio(np.repeat(speech.resampled(22050).samples, 2), 22050).int16()
    with wave.open(str(stereo), "wb") as handle:
        handle.setnchannels(2)
        handle.setsampwidth(2)
        handle.setframerate(22050)
        handle.writeframes(pcm.tobytes())
    (utterance,) = utterances(segment(WavFrameSource(stereo, 3.0)))
    assert utterance.start == pytest.approx(3.0, abs=0.06)
    assert utterance.end - utterance.start == pytest.approx(speech_span(speech), abs=0.15)
    mono = tmp_path / "mono.wav"
    write_wav(mono, speech)
    assert utterances(segment(WavFrameSource(mono, 0.0)))


def test_detector_reports_speaking_state(speech: Audio) -> None:
    detector = TurnDetector()
    states = [
        (detector.process(frame), detector.speaking)[1]
        for frame in audio_frames(join(0.3, speech, 1.0), 0.0)
    ]
    assert not states[0] and any(states) and not states[-1]
