"""How much of a caller line the transcript shows (the engine's split of a held line)."""

from __future__ import annotations

from simulator.engine.session import Speech
from simulator.tui.call_timing import revealed_text


def speech(text: str, start: float, end: float) -> Speech:
    return Speech(0, "open", text, start, end, 70)


def test_japanese_is_revealed_character_by_character_in_proportion_to_time() -> None:
    line = speech("荷物がまだ届きません", 2.0, 4.0)
    assert revealed_text(line, 1.0, "ja") == ""
    assert revealed_text(line, 2.0, "ja") == ""
    assert revealed_text(line, 3.0, "ja") == "荷物がまだ"
    assert revealed_text(line, 3.9, "ja") == "荷物がまだ届きませ"
    assert revealed_text(line, 4.0, "ja") == "荷物がまだ届きません"


def test_english_is_revealed_whole_words_at_a_time() -> None:
    line = speech("Where is my parcel", 0.0, 1.8)
    assert revealed_text(line, 0.3, "en") == ""  # "Wher" is not a word yet
    assert revealed_text(line, 0.7, "en") == "Where "  # 7 of 18 characters: "Where i"
    assert revealed_text(line, 0.9, "en") == "Where is "
    assert revealed_text(line, 1.8, "en") == "Where is my parcel"
