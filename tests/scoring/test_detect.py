"""The detector API the conversation engine calls: hits with offsets into the original
text, context rules, scenario key phrases and forbidden promises."""

from __future__ import annotations

import pytest

from scoring import CATEGORIES, Detection, PhraseHit, detect


def test_hits_carry_surface_text_and_offsets_into_the_original() -> None:
    text = "はい、大変 申し訳 ございません。お気持ち　お察しします"
    found = detect(text, "ja")
    assert isinstance(found, Detection)
    for hit in found.hits:
        assert isinstance(hit, PhraseHit)
        assert text[hit.start : hit.end] == hit.text
        assert hit.category in CATEGORIES
    assert found.categories == {"apology", "empathy"}  # はい heads the answer: no aizuchi
    apology = next(h for h in found.hits if h.category == "apology")
    assert apology.text == "申し訳 ございません"


def test_kana_written_phrase_reports_the_kana_it_found() -> None:
    found = detect("もうしわけございません", "ja")
    assert [(h.category, h.text) for h in found.hits] == [("apology", "もうしわけございません")]


@pytest.mark.parametrize(
    ("text", "language", "present", "absent"),
    [
        ("I'm sorry you feel that way.", "en", {"ng_phrase"}, {"apology"}),
        ("I'm so sorry you had to wait.", "en", {"apology"}, {"ng_phrase"}),
        ("申し訳ございませんが、交換はいたしかねます。", "ja", {"cushion"}, {"apology"}),
        ("申し訳ございません。交換いたします。", "ja", {"apology"}, {"cushion"}),
        ("はいはい", "ja", {"ng_phrase"}, {"aizuchi"}),
        ("はい", "ja", {"aizuchi"}, {"ng_phrase"}),
        ("恐れ入りますが、返品はできません。", "ja", {"cushion"}, {"ng_phrase"}),
        ("返品はできません。", "ja", {"ng_phrase"}, set()),
        ("いつでもお電話ください。", "ja", set(), {"ng_phrase"}),
        ("You have every right to ask.", "en", {"empathy"}, {"aizuchi"}),
        ("Right. I see.", "en", {"aizuchi"}, set()),
        ("Sorry, but we can't do that.", "en", {"cushion"}, {"apology"}),
    ],
)
def test_context_rules(text: str, language: str, present: set, absent: set) -> None:
    categories = detect(text, language).categories
    assert present <= categories
    assert not absent & categories


def test_phrases_never_span_a_sentence_end() -> None:
    # 「申し訳ございません。が、」would be a cushion only if read across the full stop.
    assert (
        "cushion" not in detect("申し訳ございません。がっかりさせてしまいました。", "ja").categories
    )


def test_key_phrases_by_name_with_alternatives() -> None:
    keys = {"order": ["58213", "ごーはちにーいちさん"], "date": ["11月20日", "十一月二十日"]}
    assert detect("ご注文番号 5 8 2 1 3 ですね", "ja", key_phrases=keys).key_phrases == {"order"}
    assert detect("ごーはちにーいちさん、ですね", "ja", key_phrases=keys).key_phrases == {"order"}
    assert detect("十一月二十日のご注文", "ja", key_phrases=keys).key_phrases == {"date"}
    assert detect("ご注文番号58214ですね", "ja", key_phrases=keys).key_phrases == frozenset()


def test_english_key_phrase_read_aloud_as_digits() -> None:
    keys = {"order": ["58213"]}
    assert detect("order five eight two one three", "en", key_phrases=keys).key_phrases == {"order"}
    assert detect("Order 5-8-2-1-3, right?", "en", key_phrases=keys).key_phrases == {"order"}
    assert detect("order five eight two one", "en", key_phrases=keys).key_phrases == frozenset()


def test_key_phrase_hits_are_not_reported_as_categories() -> None:
    found = detect("58213", "ja", key_phrases={"order": ["58213"]})
    assert found.hits == () and found.categories == frozenset()


def test_forbidden_promises_add_over_promise() -> None:
    text = "土曜日までにお届けします。"
    assert "over_promise" not in detect(text, "ja").categories
    found = detect(text, "ja", forbidden_promises=["土曜日までにお届け"])
    assert "over_promise" in found.categories
    hit = next(h for h in found.hits if h.category == "over_promise")
    assert text[hit.start : hit.end] == hit.text


def test_english_forbidden_promise() -> None:
    found = detect("We can get it to you by Saturday.", "en", forbidden_promises=["by Saturday"])
    assert "over_promise" in found.categories


@pytest.mark.parametrize("text", ["", "   ", "。。。", "!!!"])
def test_empty_or_punctuation_only_text(text: str) -> None:
    for language in ("ja", "en"):
        assert detect(text, language) == Detection((), frozenset(), frozenset())


def test_unknown_language_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="no lexicon for language 'fr'"):
        detect("bonjour", "fr")


def test_half_width_and_full_width_are_the_same() -> None:
    assert "apology" in detect("ﾓｳｼﾜｹｺﾞｻﾞｲﾏｾﾝ", "ja").categories
    assert "apology" in detect("ＳＯＲＲＹ", "en").categories


def test_english_key_phrases_with_groups_and_stems() -> None:
    keys = {"amount": ["86.40"], "order": ["3390-17"], "arn": ["7451"], "email": ["email"]}
    text = "We refund $86.40 on order 3390-17, trace 7451-0093-2211; I'm emailing you now."
    assert detect(text, "en", key_phrases=keys).key_phrases == set(keys)
    assert detect("order 3390-18", "en", key_phrases=keys).key_phrases == frozenset()
    assert detect("Harnold emails", "en", key_phrases={"arn": ["arn"]}).key_phrases == frozenset()
