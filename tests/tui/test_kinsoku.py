"""Japanese line breaking: no line starts with 。、」 or a small kana, none ends with 「,
Latin words stay whole, every line fits, and no character is lost."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from simulator.tui.kinsoku import NO_LINE_END, NO_LINE_START, KinsokuText, wrap

PERSONA = (
    "40代の会社員。娘の7歳の誕生日会（本日15時から）に合わせて午前中指定で注文した。"
    "朝から玄関で待っていたのに届かず、チャットには自動返信しか来なかった。"
    "「ちょっと、聞いてる？」と何度も言う。"
)
MIXED = "・2026-11-15 知育ブロックセット デラックス（ご注文番号 530712）7,980円＋送料800円"


@pytest.mark.parametrize("width", range(10, 90))
@pytest.mark.parametrize("text", [PERSONA, MIXED])
def test_lines_fit_keep_every_character_and_obey_the_rules(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, lines)
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, (width, lines)


def test_the_break_before_a_full_stop_moves_the_last_character_down() -> None:
    # 「注文した。」 at 16 cells: 。 cannot start the next line, so た goes with it.
    assert wrap("午前中指定で注文した。朝から", 18) == ["午前中指定で注文し", "た。朝から"]


def test_opening_brackets_go_down_with_what_they_open() -> None:
    assert wrap("お客様は「早くして」と", 10) == ["お客様は", "「早くし", "て」と"]


def test_english_breaks_between_words() -> None:
    assert wrap("I understand how frustrating this must be.", 20) == [
        "I understand how",
        "frustrating this",
        "must be.",
    ]


def test_a_word_longer_than_the_line_is_cut() -> None:
    assert wrap("https://example.com/a/very/long/path", 10) == [
        "https://ex",
        "ample.com/",
        "a/very/lon",
        "g/path",
    ]


def test_paragraphs_and_empty_text() -> None:
    assert wrap("はい。\n\nいいえ。", 20) == ["はい。", "", "いいえ。"]
    assert wrap("", 20) == [""]


def test_the_renderable_keeps_styles_and_wraps_at_the_width_it_is_given() -> None:
    console = Console(width=18, record=True, color_system="truecolor")
    console.print(KinsokuText(Text("午前中指定で注文した。朝から", style="green")))
    lines = console.export_text(clear=False).splitlines()
    assert [line.rstrip() for line in lines] == ["午前中指定で注文し", "た。朝から"]
    assert "\x1b[32m" in console.export_text(styles=True)  # still green
