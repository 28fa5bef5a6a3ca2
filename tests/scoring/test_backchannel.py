"""Aizuchi are listening noises, not the first word of an answer (issue 10)."""

from __future__ import annotations

import pytest

from scoring.detect import detect

BACKCHANNELS = [
    ("はい。", "ja"),
    ("ええ、ええ。", "ja"),
    ("はい、さようでございましたか。", "ja"),
    ("そうでしたか。それはご心配でしたね。", "ja"),
    ("なるほど、そういうことでしたか。", "ja"),
    ("かしこまりました。すぐに手配いたします。", "ja"),
    ("はいええさようでございますか", "ja"),  # a recogniser that writes no punctuation
    ("えーと、はい。", "ja"),
    ("Mm hmm.", "en"),
    ("I see, that must have been a shock.", "en"),
    ("Right, of course.", "en"),
    ("yeah yeah i see", "en"),
]
ANSWERS = [
    ("はい、必ず明日までにお支払いします。", "ja"),
    ("はい、そちらは返品できかねます。", "ja"),
    ("ええ、ですから先ほども申し上げた通りです。", "ja"),
    ("Okay, okay, just calm down.", "en"),
    ("Yes, guaranteed, and we'll cover the fee as well.", "en"),
    ("Sure, I'll send it today.", "en"),
    ("right so the parcel went to the depot", "en"),
]


@pytest.mark.parametrize(("text", "language"), BACKCHANNELS)
def test_a_backchannel_counts(text: str, language: str) -> None:
    assert "aizuchi" in detect(text, language).categories


@pytest.mark.parametrize(("text", "language"), ANSWERS)
def test_a_response_word_heading_an_answer_is_not_an_aizuchi(text: str, language: str) -> None:
    assert "aizuchi" not in detect(text, language).categories
