"""Transcripts can hold any character a recogniser or a hand-edited file produces:
scoring never crashes on them and every hit points at the text it quotes."""

from __future__ import annotations

import random

import pytest

from scoring import detect, score_session
from scoring.reading import morae
from tests.scoring.helpers import record, utt

# Blocks that break naive folding: combining marks, compatibility ideographs and
# ligatures (NFKC expands them), half-width kana, emoji, bidi controls, RTL scripts.
_BLOCKS = [
    (0x20, 0x7E),
    (0x3000, 0x30FF),
    (0x4E00, 0x4F00),
    (0xFF00, 0xFFEF),
    (0x0300, 0x036F),
    (0x1F300, 0x1F6FF),
    (0x2000, 0x206F),
    (0x00A0, 0x024F),
    (0x3300, 0x33FF),
    (0xFB00, 0xFB4F),
    (0x0590, 0x06FF),
]
_PHRASES = ["申し訳ございません", "はいはい", "I'm sorry you feel that way", "お待たせいたしました"]


def _noisy_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        noise = "".join(chr(rng.randint(*rng.choice(_BLOCKS))) for _ in range(rng.randint(0, 30)))
        texts.append(rng.choice(_PHRASES) + noise if rng.random() < 0.5 else noise)
    return texts


@pytest.mark.parametrize("language", ["ja", "en"])
def test_detection_survives_random_unicode(language: str) -> None:
    for text in _noisy_texts(7, 400):
        found = detect(text, language)
        morae(text)
        for hit in found.hits:
            assert text[hit.start : hit.end] == hit.text, (text, hit)


def test_a_combining_mark_that_composes_with_nothing_keeps_offsets_right() -> None:
    # 事 + half-width voiced mark: NFKC gives a mark NFC cannot attach, so it stays a
    # character of its own and the apology after it is quoted exactly.
    text = "事ﾞ申し訳ございません"
    hits = [hit for hit in detect(text, "ja").hits if hit.category == "apology"]
    assert [hit.text for hit in hits] == ["申し訳ございません"]


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_session_of_random_unicode_is_scored(language: str) -> None:
    texts = _noisy_texts(11, 40)
    utterances = [
        utt("customer" if i % 2 == 0 else "trainee", i * 3.0, i * 3.0 + 2.0, text, f"t{i // 2}")
        for i, text in enumerate(texts)
    ]
    card = score_session(record(utterances, language=language))
    assert 0 <= card["total"] <= 100
