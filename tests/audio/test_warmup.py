"""The briefing's voice warm-up: a Japanese caller's lines rendered into the on-disk
cache with the real openjtalk voice, so the call finds them there."""

from __future__ import annotations

from pathlib import Path

from simulator.audio.cache import CachedTTS
from simulator.audio.presynth import render_plan
from simulator.audio.tts import create_tts
from simulator.audio.warmup import VoiceWarmUp, needs_warm_up, start_voice_warm_up
from tests.audio.scenarios import tiny_scenario


def test_only_the_openjtalk_voice_is_warmed() -> None:
    assert needs_warm_up(tiny_scenario("ja"))
    assert not needs_warm_up(tiny_scenario("en"))
    assert start_voice_warm_up(tiny_scenario("en"), 50) is None


def test_the_warm_up_fills_the_cache_the_call_reads(isolated_home: Path) -> None:
    scenario = tiny_scenario("ja")
    warm_up = VoiceWarmUp(scenario, 70).start()
    assert warm_up.wait(timeout=120)
    assert warm_up.error is None and warm_up.rendered > 0
    call_tts = CachedTTS(create_tts("openjtalk"))  # what the call opens afterwards
    plan = list(render_plan(scenario, 70))
    assert plan and all(call_tts.is_cached(text, prosody) for text, prosody in plan)
    again = VoiceWarmUp(scenario, 70).start()
    assert again.wait(timeout=120) and again.rendered == 0  # nothing left to do


def test_a_cancelled_warm_up_stops_without_finishing(isolated_home: Path) -> None:
    warm_up = VoiceWarmUp(tiny_scenario("ja"), 70)
    warm_up.cancel()  # Start pressed before the voice had even loaded
    warm_up.start()
    assert warm_up.wait(timeout=60)
    assert warm_up.rendered <= 1
