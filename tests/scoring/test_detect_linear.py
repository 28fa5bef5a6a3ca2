"""Linear phrase detection (issue 14) gives exactly what the pairwise code gave.

The oracle is the old code (tests/scoring/legacy_detect.py); texts are built from
phrases, negations, response words and marks of both languages, so that hits pile up
inside one clause, one sentence and across marks — the cases the indexes answer.
"""

from __future__ import annotations

import importlib
import random
import re
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.backchannel import _CLAUSE_MARKS
from scoring.polarity import _EN_CLAUSE_START, _EN_NEGATION, clause_mood
from scoring.text import crosses_sentence
from scoring.textindex import PrefixScan, Sentences, Words
from tests.scoring import legacy_detect

# scoring/__init__ exports a function named detect, hiding the module attribute.
detect_module = importlib.import_module("scoring.detect")

EN_TOKENS = [
    "sorry", "I'm so sorry", "I am not sorry", "I understand", "I don't understand", "I see",
    "yes", "okay", "right", "sure", "but", "and", "so", "although", ",", ".", "!", "?", " - ",
    "\n", "thank you", "I can't", "a refund", "today", "I'll send it", "please hold",
    "uh", "um", "mm-hmm", "İ", "Σ", "never", "that's not what you needed", "I apologize",
    "let me check", "absolutely", "andy", "sorrys", "I can't share",
]  # fmt: skip
JA_TOKENS = [
    "申し訳ございません", "はい", "ええ", "えー", "あの", "、", "。", "？", "!",
    "お気持ちお察しします", "とは思っておりません", "いたしかねます", "でしょうか", "か",
    "と言われても", "ありがとうございます", "さようでございますか", "なるほど",
    "少々お待ちください", "できません", " ", "\n", "本日中にお届けします", "だから", "でも",
    "かしこまりました", "ご迷惑をおかけして", "確認いたします", "ね", "ご返金", "お伝えできません",
]  # fmt: skip


KEYS = (
    ("refund", ("a refund", "ご返金")),
    ("check", ("let me check", "確認いたします")),
    ("no_share", ("I can't share", "お伝えできません")),
)


def _text(tokens: list[str], language: str, spaced: bool) -> str:
    joiner = " " if spaced or language == "en" else ""
    return joiner.join(tokens)


def _scan(text: str, language: str) -> Any:
    return detect_module._scan.__wrapped__(text, language, KEYS, ("本日中にお届けします",), ())


def _old_scan(text: str, language: str) -> Any:
    with (
        mock.patch.object(detect_module, "resolve", legacy_detect._resolve),
        mock.patch.object(detect_module, "_fits_context", legacy_detect._fits_context),
    ):
        return _scan(text, language)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_detection_matches_the_pairwise_code(language: str) -> None:
    tokens = EN_TOKENS if language == "en" else JA_TOKENS
    rng = random.Random(14)
    for _ in range(150):
        chosen = [rng.choice(tokens) for _ in range(rng.randint(1, 40))]
        text = _text(chosen, language, rng.random() < 0.3)
        assert _scan(text, language) == _old_scan(text, language), text


@settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(st.sampled_from(EN_TOKENS + JA_TOKENS), min_size=1, max_size=30),
    st.sampled_from(["en", "ja"]),
    st.booleans(),
)
def test_detection_matches_on_mixed_text(tokens: list[str], language: str, spaced: bool) -> None:
    text = _text(tokens, language, spaced)
    assert _scan(text, language) == _old_scan(text, language)


_ALPHABET = "ab. 。！?,\n-なか"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=_ALPHABET, max_size=30), st.data())
def test_sentence_index_equals_crosses_sentence(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text) + 1))
    assert Sentences(text).crosses(start, end) == crosses_sentence(text, start, end)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["but ", "and", "so", "not", "can not", ",", " ", "x", "y"])))
def test_prefix_scans_equal_slicing(tokens: list[str]) -> None:
    text = "".join(tokens)
    clause_starts = PrefixScan(_EN_CLAUSE_START, text, len("although") + 1)
    negations = PrefixScan(_EN_NEGATION, text, len("wouldn't") + 1)
    marks = PrefixScan(_CLAUSE_MARKS, text)
    words = Words(text)
    for end in range(len(text) + 1):
        before = [m.end() for m in _EN_CLAUSE_START.finditer(text[:end])]
        assert clause_starts.last_end(end) == (before[-1] if before else None)
        dashes = [m.end() for m in _CLAUSE_MARKS.finditer(text, 0, end)]
        assert marks.last_end(end) == (dashes[-1] if dashes else None)
        begin = before[-1] if before else 0
        found = _EN_NEGATION.search(text[begin:end]) is not None
        assert negations.found_between(begin, end) == found
        assert words.last(begin, end, 2) == text[begin:end].split()[-2:]


@pytest.mark.parametrize(
    ("text", "language"),
    [("はい" * 3000 + "申し訳ございません", "ja"), ("sorry " * 3000 + "I'm not sorry", "en")],
)
def test_clause_mood_on_long_text_equals_the_old_code(text: str, language: str) -> None:
    for match in re.finditer("申し訳ございません|sorry", text):
        start, end = match.span()
        assert clause_mood(text, start, end, language, "apology") == legacy_detect.clause_mood(
            text, start, end, language, "apology"
        )
