"""The call's time-keeping without widgets: reveal, typing, silence, holds."""

from __future__ import annotations

from simulator.engine.call import Speech
from simulator.tui.call_timing import CallTiming, revealed_text


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


def test_the_first_keystroke_starts_the_reply_and_says_whether_it_was_over_the_caller() -> None:
    timing = CallTiming(speaking_until=5.0)
    timing.typed(4.0)
    timing.typed(6.0)  # later keystrokes do not move the start
    assert timing.typing_since == 4.0 and timing.typed_over_caller
    assert timing.reply_span(9.0) == (4.0, 9.0)
    timing.cleared()
    timing.typed(7.0)
    assert timing.typing_since == 7.0 and not timing.typed_over_caller


def test_silence_counts_from_the_end_of_the_caller_line_and_pauses_while_typing_or_holding() -> (
    None
):
    timing = CallTiming(speaking_until=5.0, quiet_since=0.0)
    assert not timing.silence_due(9.9, 5.0)
    assert timing.silence_due(10.0, 5.0)
    timing.typed(8.0)
    assert not timing.silence_due(20.0, 5.0)
    timing.cleared()
    timing.hold_since = 12.0
    assert not timing.silence_due(30.0, 5.0)
    assert timing.hold_seconds(42.5) == 30.5
