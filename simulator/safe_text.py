"""The one sanitiser for user-supplied text shown on a terminal.

Scenario titles, trainee names, transcripts and error messages quoting them may hold
characters a terminal obeys instead of showing: ESC sequences (clear the screen, set
the window title, OSC 8 links), other C0/C1 controls, and bidirectional overrides that
make text read differently from what it is. ``visible`` shows each such character
instead of passing it on: C0 controls as their Unicode control pictures (ESC → ␛),
the rest (DEL, C1, bidi) as a ``\\uXXXX`` escape (which keeps JSON output valid and equal
in meaning). ``SafeStream`` applies it to everything the command line prints, so data
stored before validation existed cannot hurt either.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

# Bidirectional formatting characters (Unicode TR9): embeddings, overrides, isolates
# and marks. Zero-width joiners are left alone (emoji sequences need them).
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
LINE_BREAKS = "\u2028\u2029"  # NEL (U+0085) is a C1 control already
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI}{LINE_BREAKS}]")
# Multi-line output keeps \n, \t and the \r of a \r\n line end (CSV), nothing else.
_UNSAFE_KEEP_LINES = re.compile(
    f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{BIDI}{LINE_BREAKS}]|\\r(?!\\n)"
)
CONTROL_PICTURE_BASE = 0x2400  # U+2400 ␀ … U+241F ␟


def _shown(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(CONTROL_PICTURE_BASE + code)
    return f"\\u{code:04x}"


def visible(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character made visible. ``keep_lines`` lets
    newlines and tabs through (for multi-line output); otherwise they show too."""
    pattern = _UNSAFE_KEEP_LINES if keep_lines else _UNSAFE
    return pattern.sub(_shown, text)


def control_problem(text: str, *, allow_lines: bool = False) -> str | None:
    """Why ``text`` cannot be stored as a name or a line shown to people, or None."""
    pattern = _UNSAFE_KEEP_LINES if allow_lines else _UNSAFE
    match = pattern.search(text)
    if match is None:
        return None
    char = match.group()
    name = unicodedata.name(char, "")
    described = f"U+{ord(char):04X}{f' {name}' if name else ''}"
    where = match.start() + 1
    return f"contains a control character ({visible(char)} {described}) at position {where}"


class SafeStream:
    """A text stream that shows control characters instead of sending them. Newlines
    and tabs pass; so does anything written to ``.buffer`` (binary data on purpose)."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(visible(text, keep_lines=True))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    @property
    def inner(self) -> TextIO:
        return self._inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)
