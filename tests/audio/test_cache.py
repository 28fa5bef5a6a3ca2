"""The synth cache and the presynthesiser."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from simulator.audio.cache import CachedTTS, SynthCache, cache_key, default_cache_root
from simulator.audio.presynth import Presynthesizer, reachable_levels, scenario_lines
from simulator.audio.prosody import Prosody, prosody_for
from simulator.audio.types import Audio
from tests.audio.scenarios import tiny_scenario


class CountingTTS:
    """A real-enough engine: a tone whose length depends on the text; counts renders."""

    name = "counting"
    languages = ("ja", "en")
    voice = "v1"

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.calls: list[tuple[str, Prosody]] = []
        self.gate = gate

    def synthesize(self, text: str, prosody: Prosody) -> Audio:
        if self.gate is not None:
            self.gate.wait()
        self.calls.append((text, prosody))
        t = np.arange(int(1600 * len(text) / prosody.rate)) / 16000
        return Audio((0.1 * np.sin(2 * np.pi * 220 * t)).astype(np.float32), 16000)

    def voices(self) -> list[str]:
        return ["v1"]

    def close(self) -> None:
        pass


def test_cache_root_follows_callcoach_home(isolated_home: Path) -> None:
    assert default_cache_root() == isolated_home / "cache" / "tts"


def test_key_depends_on_every_part() -> None:
    base = cache_key("openjtalk", "mei", Prosody(), "はい")
    assert base != cache_key("pyttsx3", "mei", Prosody(), "はい")
    assert base != cache_key("openjtalk", "other", Prosody(), "はい")
    assert base != cache_key("openjtalk", "mei", Prosody(rate=1.1), "はい")
    assert base != cache_key("openjtalk", "mei", Prosody(), "いいえ")
    assert base == cache_key("openjtalk", "mei", Prosody(), "はい")


def test_miss_renders_and_stores_then_hits(tmp_path: Path) -> None:
    engine = CountingTTS()
    tts = CachedTTS(engine, SynthCache(tmp_path))
    first = tts.synthesize("もしもし", Prosody())
    again = CachedTTS(CountingTTS(), SynthCache(tmp_path)).synthesize("もしもし", Prosody())
    assert len(engine.calls) == 1
    assert again.rate == first.rate and len(again.samples) == len(first.samples)
    assert np.abs(again.samples - first.samples).max() < 1e-4  # 16-bit round trip
    assert not list(tmp_path.rglob(".*"))  # no temporary files left


def test_damaged_entry_is_rebuilt(tmp_path: Path) -> None:
    engine = CountingTTS()
    tts = CachedTTS(engine, SynthCache(tmp_path))
    tts.synthesize("line", Prosody())
    tts.cache.path(tts.key("line", Prosody())).write_bytes(b"garbage")
    tts.synthesize("line", Prosody())
    assert len(engine.calls) == 2


def test_concurrent_requests_render_once(tmp_path: Path) -> None:
    gate = threading.Event()
    engine = CountingTTS(gate)
    tts = CachedTTS(engine, SynthCache(tmp_path))
    results: list[Audio] = []
    threads = [
        threading.Thread(target=lambda: results.append(tts.synthesize("同じ行", Prosody())))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    gate.set()
    for thread in threads:
        thread.join()
    assert len(engine.calls) == 1 and len(results) == 4


def test_scenario_lines_cover_every_kind_of_line() -> None:
    lines = scenario_lines(tiny_scenario())
    for expected in (
        "まだ届かないんですけど。",  # turn variant
        "荷物が届きません。",
        "まあ、いいです。",  # branch reaction
        "お願いします。",  # endings
        "もういいです。",
        "ちょっと聞いてますか。",  # cut-in
        "もしもし?",  # silence
    ):
        assert expected in lines
    assert len(lines) == len(set(lines))


def test_levels_start_at_the_start_mood() -> None:
    assert reachable_levels(tiny_scenario(), 70) == [70, 50, 90, 30, 10]


def test_presynthesizer_renders_every_line_at_every_level(tmp_path: Path) -> None:
    scenario = tiny_scenario()
    engine = CountingTTS()
    tts = CachedTTS(engine, SynthCache(tmp_path))
    worker = Presynthesizer(scenario, tts).start()
    assert worker.wait(timeout=30)
    lines = scenario_lines(scenario)
    assert worker.finished and worker.progress.rendered == len(lines) * 5
    assert engine.calls[0] == ("まだ届かないんですけど。", prosody_for(70, scenario.caller.voice))
    for level in (10, 30, 50, 70, 90):
        for line in lines:
            assert tts.is_cached(line, prosody_for(level, scenario.caller.voice))
    # A second run finds everything cached and renders nothing.
    again = Presynthesizer(scenario, tts).run_here()
    assert again.rendered == 0 and again.done == again.total


def test_presynthesizer_can_be_cancelled(tmp_path: Path) -> None:
    gate = threading.Event()
    engine = CountingTTS(gate)
    worker = Presynthesizer(tiny_scenario(), CachedTTS(engine, SynthCache(tmp_path))).start()
    worker.cancel()
    gate.set()
    assert worker.wait(timeout=30)
    assert worker.progress.done <= 1 and not worker.finished


def test_presynthesizer_with_openjtalk_fills_the_cache(tmp_path: Path, openjtalk) -> None:  # type: ignore[no-untyped-def]
    tts = CachedTTS(openjtalk, SynthCache(tmp_path))
    scenario = tiny_scenario()
    worker = Presynthesizer(scenario, tts, start_mood=70)
    worker.plan = worker.plan[:2]  # the first turn's variants: enough to prove the path
    worker.progress.total = 2
    worker.run_here()
    audio = tts.synthesize("まだ届かないんですけど。", prosody_for(70, scenario.caller.voice))
    assert audio.rate == 48000 and audio.duration > 0.8
    assert len(list(tmp_path.rglob("*.wav"))) == 2


def test_prepare_call_audio_for_english_picks_sphinx_and_presynthesises(
    isolated_home: Path,
) -> None:
    import pytest

    pytest.importorskip("pocketsphinx")
    from simulator.audio.caller_audio import prepare_call_audio

    scenario = tiny_scenario("en")
    audio = prepare_call_audio(scenario, tts="none", asr="sphinx")
    try:
        assert audio.presynth.wait(timeout=60) and audio.presynth.finished
        assert audio.recognizer is not None and audio.recognizer.name == "sphinx"
        assert "sphinx" in audio.asr_reason
        line = audio.line("It never came.", 75)  # mood 75 renders at level 70: a hit
        assert line.duration > 0.5
        assert audio.tts.is_cached("It never came.", prosody_for(70, scenario.caller.voice))
        assert list((isolated_home / "cache" / "tts").rglob("*.wav"))
    finally:
        audio.close()


def test_japanese_scenario_never_goes_to_espeak() -> None:
    import pytest

    from simulator.audio.caller_audio import tts_engine_name
    from simulator.audio.tts import TTSError

    assert tts_engine_name(tiny_scenario("ja")) == "openjtalk"
    assert tts_engine_name(tiny_scenario("en")) == "pyttsx3"
    with pytest.raises(TTSError, match="cannot read Japanese"):
        tts_engine_name(tiny_scenario("ja"), "pyttsx3")
