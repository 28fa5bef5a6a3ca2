"""TTS engines and mood-driven prosody, checked on the rendered audio."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from simulator.audio.analysis import median_pitch, speech_level, speech_span
from simulator.audio.prosody import MOOD_LEVELS, Prosody, mood_level, prosody_for
from simulator.audio.tts import TTSEngine, TTSError, create_tts, default_tts_name, probe_tts
from simulator.audio.tts.silent import speaking_time
from simulator.audio.types import Audio
from simulator.scenario.model import Voice

JA_LINE = "お届けが遅れているのはどういうことですか。きちんと説明してください。"
EN_LINE = "Why has my order still not arrived? I want a proper explanation."


def test_mood_snaps_to_levels_and_prosody_rises_with_mood() -> None:
    assert mood_level(0) == 10 and mood_level(100) == 90 and mood_level(52) == 50
    assert {mood_level(m) for m in range(101)} == set(MOOD_LEVELS)
    calm, angry = prosody_for(20, Voice()), prosody_for(90, Voice())
    assert calm.rate < 1.0 < angry.rate
    assert calm.pitch < 0.0 < angry.pitch
    assert calm.volume < 1.0 < angry.volume
    assert prosody_for(50, Voice()) == Prosody(1.0, 0.0, 1.0)


def test_voice_settings_scale_the_prosody() -> None:
    base = prosody_for(50, Voice(rate=1.2, pitch=2.0, volume=0.5))
    assert base == Prosody(1.2, 12.0, 0.5)


def render_pair(engine: TTSEngine, text: str) -> tuple[Audio, Audio]:
    return (
        engine.synthesize(text, prosody_for(90, Voice())),
        engine.synthesize(text, prosody_for(20, Voice())),
    )


def assert_angry_is_faster_higher_louder(angry: Audio, calm: Audio) -> None:
    assert speech_span(angry) < speech_span(calm) * 0.8  # faster
    assert median_pitch(angry) > median_pitch(calm) * 1.15  # higher (≥ 2.4 semitones)
    assert speech_level(angry) > speech_level(calm) * 1.8  # louder (≥ 5 dB)


def test_openjtalk_angry_caller_sounds_faster_higher_louder(openjtalk: TTSEngine) -> None:
    angry, calm = render_pair(openjtalk, JA_LINE)
    assert angry.rate == 48000 and angry.samples.dtype == np.float32
    assert_angry_is_faster_higher_louder(angry, calm)


def test_openjtalk_line_length_is_plausible(openjtalk: TTSEngine) -> None:
    audio = openjtalk.synthesize(JA_LINE, Prosody())
    # 34 morae-ish at a normal pace of 6-9 mora/s
    assert 3.0 < speech_span(audio) < 7.0
    assert float(np.abs(audio.samples).max()) < 1.0


def test_espeak_angry_caller_sounds_faster_higher_louder(espeak: TTSEngine) -> None:
    angry, calm = render_pair(espeak, EN_LINE)
    assert_angry_is_faster_higher_louder(angry, calm)


def test_espeak_refuses_japanese(espeak: TTSEngine) -> None:
    with pytest.raises(TTSError, match="cannot read Japanese"):
        espeak.synthesize("ご注文の品が届きません", Prosody())


def test_espeak_runs_in_one_thread_whatever_thread_calls(espeak: TTSEngine) -> None:
    durations: list[float] = []

    def speak() -> None:
        durations.append(espeak.synthesize("Thank you for calling.", Prosody()).duration)

    threads = [threading.Thread(target=speak) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(durations) == 3 and max(durations) - min(durations) < 0.02
    pyttsx3_threads = {t.name for t in threading.enumerate() if t.name.startswith("pyttsx3")}
    assert len(pyttsx3_threads) == 1


def test_none_engine_gives_silence_at_speaking_pace() -> None:
    engine = create_tts("none")
    fast = engine.synthesize(EN_LINE, Prosody(rate=1.25))
    slow = engine.synthesize(EN_LINE, Prosody(rate=0.8))
    assert not fast.samples.any()
    assert fast.duration == pytest.approx(speaking_time(EN_LINE, 1.25), abs=0.01)
    assert slow.duration > fast.duration
    assert engine.synthesize(JA_LINE, Prosody()).duration == pytest.approx(
        speaking_time(JA_LINE), abs=0.01
    )


def test_unknown_engine_is_a_one_line_error() -> None:
    with pytest.raises(TTSError, match="unknown TTS engine 'festival'; expected one of"):
        create_tts("festival")


def test_defaults_and_probe() -> None:
    assert default_tts_name("ja") == "openjtalk"
    assert default_tts_name("en") == "pyttsx3"
    status = probe_tts("openjtalk")
    assert status.ok and status.languages == ("ja",) and "mei" in status.detail
    assert probe_tts("none").ok
