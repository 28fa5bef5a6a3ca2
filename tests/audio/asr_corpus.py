"""The recognition corpus (tests/data/asr): rendered by the caller voices, recognised,
and measured — CER on text and on kana readings (ja), WER (en), and how many of the
scorer's phrase categories survive recognition. Used by tests/audio/test_whisper_corpus.py
(thresholds) and bench/bench_whisper.py (figures)."""

from __future__ import annotations

import re
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio

CORPUS = Path(__file__).resolve().parents[1] / "data" / "asr"
CONDITIONS = ("slow", "fast", "noisy")  # each utterance: clean + one of these, in turn
NOISE_SNR_DB = 20.0


@dataclass(frozen=True)
class Sample:
    text: str
    condition: str  # clean | slow | fast | noisy
    audio: Audio


def load_corpus(language: str) -> list[str]:
    data = yaml.safe_load((CORPUS / f"{language}.yaml").read_text(encoding="utf-8"))
    return [str(text) for text in data["utterances"]]


def with_noise(audio: Audio, snr_db: float, seed: int) -> Audio:
    """White noise at ``snr_db`` below the speech power (seeded: the same every run)."""
    power = float(np.mean(np.square(audio.samples))) or 1e-9
    noise = np.random.default_rng(seed).normal(
        0.0, np.sqrt(power / 10 ** (snr_db / 10)), len(audio.samples)
    )
    return Audio((audio.samples + noise).astype(np.float32), audio.rate)


def render(engine: TTSEngine, texts: list[str]) -> list[Sample]:
    samples = []
    for index, text in enumerate(texts):
        clean = engine.synthesize(text, Prosody())
        samples.append(Sample(text, "clean", clean))
        condition = CONDITIONS[index % len(CONDITIONS)]
        if condition == "noisy":
            samples.append(Sample(text, condition, with_noise(clean, NOISE_SNR_DB, index)))
        else:
            rate = 0.9 if condition == "slow" else 1.1
            samples.append(Sample(text, condition, engine.synthesize(text, Prosody(rate=rate))))
    return samples


_PUNCTUATION = re.compile(r"[\s、。，．・!?！？「」『』（）()\-—…,.:;'\"]+")


def plain(text: str) -> str:
    return _PUNCTUATION.sub("", unicodedata.normalize("NFKC", text)).lower()


def kana(text: str) -> str:
    from scoring.reading import reading

    return plain(reading(plain(text)))


def words(text: str) -> list[str]:
    from simulator.audio.asr.hintlm import words_of

    return words_of(text.replace("'", "").replace("-", " "))


def edits(reference: list[str] | str, hypothesis: list[str] | str) -> int:
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, start=1):
        current = [i]
        for j, hyp in enumerate(hypothesis, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


@dataclass
class Report:
    language: str
    errors: Counter[str] = field(default_factory=Counter)  # per condition
    lengths: Counter[str] = field(default_factory=Counter)
    kana_errors: Counter[str] = field(default_factory=Counter)
    kana_lengths: Counter[str] = field(default_factory=Counter)
    categories: Counter[str] = field(default_factory=Counter)  # in the written text
    survived: Counter[str] = field(default_factory=Counter)  # still detected after ASR
    decode_seconds: list[float] = field(default_factory=list)
    heard: list[tuple[Sample, str]] = field(default_factory=list)

    def rate(self, condition: str | None = None, *, on_kana: bool = False) -> float:
        errors, lengths = (
            (self.kana_errors, self.kana_lengths) if on_kana else (self.errors, self.lengths)
        )
        keys = [condition] if condition else list(lengths)
        total = sum(lengths[k] for k in keys)
        return sum(errors[k] for k in keys) / total if total else 0.0

    def survival(self) -> float:
        total = sum(self.categories.values())
        return sum(self.survived.values()) / total if total else 1.0

    def lost(self) -> dict[str, int]:
        return {c: n - self.survived[c] for c, n in self.categories.items() if n > self.survived[c]}


def evaluate(recognizer: Any, samples: list[Sample], language: str) -> Report:
    from scoring.detect import detect

    report = Report(language)
    for sample in samples:
        started = time.perf_counter()
        heard = recognizer.recognize(sample.audio, language, ()).text
        report.decode_seconds.append(time.perf_counter() - started)
        report.heard.append((sample, heard))
        condition = sample.condition if sample.condition == "clean" else "hard"
        if language == "ja":
            report.errors[condition] += edits(plain(sample.text), plain(heard))
            report.lengths[condition] += len(plain(sample.text))
            report.kana_errors[condition] += edits(kana(sample.text), kana(heard))
            report.kana_lengths[condition] += len(kana(sample.text))
        else:
            report.errors[condition] += edits(words(sample.text), words(heard))
            report.lengths[condition] += len(words(sample.text))
        written = detect(sample.text, language).categories
        kept = detect(heard, language).categories
        for category in written:
            report.categories[category] += 1
            report.survived[category] += category in kept
    return report
