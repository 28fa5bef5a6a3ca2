"""Line breaking for Japanese text on a terminal (禁則処理).

Textual and Rich fold text without spaces character by character, so a line can
start with 。 or 、 and end with 「. Japanese typesetting forbids both: here the
characters that may not start a line stick to the one before them, the ones that
may not end a line stick to the one after, and the whole group moves down
(追い出し; a terminal has no room to squeeze a character into the line above).
Latin words and numbers stay whole, as in any English text.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# Closing brackets, punctuation, small kana, the long-vowel mark, iteration marks.
NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!‼⁇⁈⁉…‥ー〜～゛゜ヽヾゝゞ々〻）］｝〕〉》」』】〙〗)]}>’”»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ%％"
)
# Opening brackets and quotes.
NO_LINE_END = frozenset("（［｛〔〈《「『【〘〖([{<‘“«")


def _is_wide(char: str) -> bool:
    return cell_len(char) > 1


def _units(line: str) -> list[str]:
    """The pieces a line may break between: each wide character alone, a run of
    narrow non-space characters (a word, a number) with its trailing spaces."""
    units: list[str] = []
    for char in line:
        joins_word = (
            units
            and not _is_wide(char)
            and not char.isspace()
            and not _is_wide(units[-1][-1])
            and not units[-1][-1].isspace()
        )
        if joins_word or (units and char.isspace()):
            units[-1] += char
        else:
            units.append(char)
    return _glue(units)


def _glue(units: list[str]) -> list[str]:
    """Join what may not start a line to the unit before, and what may not end a
    line to the unit after."""
    glued: list[str] = []
    carry = ""
    for unit in units:
        unit = carry + unit
        carry = ""
        if glued and unit[0] in NO_LINE_START and not glued[-1][-1].isspace():
            glued[-1] += unit
        else:
            glued.append(unit)
        if glued[-1].rstrip() and glued[-1].rstrip()[-1] in NO_LINE_END:
            carry = glued.pop()
    if carry:
        glued.append(carry)
    return glued


def _fold(unit: str, width: int) -> list[str]:
    """A unit wider than the line: cut it by characters (nothing better exists)."""
    pieces = [""]
    for char in unit:
        if pieces[-1] and cell_len(pieces[-1] + char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def break_offsets(line: str, width: int) -> list[int]:
    """Offsets in ``line`` (no newlines) where it must break to fit ``width`` cells."""
    width = max(width, 2)
    offsets: list[int] = []
    position = used = 0
    for unit in _units(line):
        pieces = [unit] if cell_len(unit.rstrip()) <= width else _fold(unit, width)
        for piece in pieces:
            if used and used + cell_len(piece.rstrip()) > width:
                offsets.append(position)
                used = 0
            used += cell_len(piece)
            position += len(piece)
    return offsets


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells, breaking where Japanese allows."""
    lines: list[str] = []
    for line in text.split("\n"):
        cuts = [0, *break_offsets(line, width), len(line)]
        lines += [line[a:b].rstrip() for a, b in pairwise(cuts)]
    return lines


class KinsokuText:
    """A Rich renderable: ``text`` (with its styles) wrapped by the rules above at
    whatever width it is given, so it re-wraps when the terminal is resized."""

    def __init__(self, text: Text | str) -> None:
        self.text = text if isinstance(text, Text) else Text(text)

    def lines(self, width: int) -> Iterable[Text]:
        for line in self.text.split("\n", allow_blank=True):
            for piece in line.divide(break_offsets(line.plain, width)):
                piece.rstrip()
                yield piece

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap = True
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((cell_len(line) for line in self.text.plain.split("\n")), default=0)
        return Measurement(min(2, longest), longest)
