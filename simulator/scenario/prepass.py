"""A pre-pass over the raw text for slips a Japanese keyboard makes, run before YAML.

PyYAML reports a full-width colon (``goal：``) or a full-width space indent several
lines late, as a generic error that never names the character. This pass walks
the lines the way YAML will read them — keys, ``- `` items, flow ``[…]``/``{…}``,
quoted text, block scalars (``|``, ``>``) whose content it leaves alone — and
points at the exact line and column, saying what to type instead:

* ``goal：`` (full-width colon after a key) → type ``:``;
* a full-width space (U+3000) in the indentation, after ``-`` or after ``key:``;
* curly or full-width quotes (“ ” ‘ ’ ＂ ＇) where YAML expects a quote;
* a straight ``"`` (or ``'``) inside quoted text, which ends the text early.

Only structural positions are checked, so the same characters inside Japanese
text (「注意：…」, “quoted words” mid-sentence) are fine.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from simulator.i18n import t
from simulator.scenario.problems import Problem

FULL_SPACE = "\u3000"
FULL_COLON = "："
_LOOKALIKE_QUOTES = {"“": '"', "”": '"', "＂": '"', "‘": "'", "’": "'", "＇": "'"}
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BLOCK_INDICATOR = re.compile(r"[|>][-+0-9]*\s*(#.*)?$")
_STRUCTURE_AFTER_INDENT = re.compile(r"(-(\s|$)|#|[A-Za-z_][A-Za-z0-9_-]*\s*[:：])")
_ENDS_QUOTED = " \t,]}:#"
_PLAIN_STOP = re.compile(r"[,\]}]|[ \t]#")
_DOUBLE_STOP = re.compile(r'[\\"]')
_SINGLE_STOP = re.compile("'")
_PAIRS = {"“": "”", "”": "”", "‘": "’", "’": "’", "＂": "＂", "＇": "＇"}
MAX_PROBLEMS = 20
# Replay files (DESIGN.md §4) are checked by the same pass.
_REPLAY_KEYS = ("format", "seed", "replies", "text", "start", "duration", "wav", "hold")

_FULL_WIDTH_QUOTES = ("＂", "＇")  # the others are curly (smart) quotes


def prepass_problems(text: str, name: str) -> list[Problem]:
    """Every slip found (at most ``MAX_PROBLEMS``); an empty list for a clean file."""
    if not any(c in text for c in (FULL_SPACE, FULL_COLON, *_LOOKALIKE_QUOTES, '"', "'")):
        return []
    return _Scanner(name).run(text.splitlines())


class _Scanner:
    """One line at a time, remembering what spans lines: an open quoted scalar, the
    content of a block scalar (``|``/``>``) and the depth of flow collections."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.open_quote: str | None = None  # a quoted scalar continues on the next line
        self.block_parent: int | None = None  # inside a block scalar: its key's column
        self.flow_depth = 0
        self.line_no = 0
        self.opened_at = (0, 0)  # where the open quoted scalar started

    def run(self, lines: list[str]) -> list[Problem]:
        for self.line_no, line in enumerate(lines, 1):
            if len(self.problems) >= MAX_PROBLEMS:
                break
            self._line(line)
        return self.problems

    def _report(self, col: int, message: str, expected: str) -> None:
        self.problems.append(Problem(self.name, self.line_no, col + 1, message, expected))

    # -- lines -------------------------------------------------------------------
    def _line(self, line: str) -> None:
        if self.open_quote is not None:
            end = _closing_quote(line, 0, self.open_quote)
            if end is None:
                return
            quote, self.open_quote = self.open_quote, None
            follower = line[end + 1 : end + 2]
            if follower and follower not in _ENDS_QUOTED:
                self._runaway_quote(quote)
            elif self.flow_depth:
                self._flow(line, end + 1)
            return
        indent = len(line) - len(line.lstrip(" " + FULL_SPACE))
        if self.block_parent is not None:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > self.block_parent:
                return  # block scalar content: the author's text, not YAML structure
            self.block_parent = None
        self._check_indent(line, indent)
        if indent >= len(line) or line[indent] == "#":
            return
        if self.flow_depth:
            self._flow(line, indent)
        else:
            self._block(line, indent)

    def _check_indent(self, line: str, indent: int) -> None:
        lead = line[:indent]
        if FULL_SPACE not in lead or not _STRUCTURE_AFTER_INDENT.match(line, indent):
            return
        self._report(lead.index(FULL_SPACE), t("prepass.indent"), t("prepass.indent.expected"))

    def _block(self, line: str, pos: int) -> None:
        """Block context: ``- `` markers, then maybe ``key:``, then a value."""
        value_start = False
        while pos < len(line) and line[pos] == "-":
            after = line[pos + 1 : pos + 2]
            if after == FULL_SPACE:
                self._report(pos + 1, t("prepass.dash"), t("prepass.dash.expected"))
            elif after not in ("", " ", "\t"):
                break
            pos = _skip_spaces(line, pos + 1)
            value_start = True
        column = pos
        key_end = self._key(line, pos)
        if key_end is not None:
            pos, value_start = _skip_spaces(line, key_end), True
        if value_start and pos < len(line):
            self._value(line, pos, column)

    def _key(self, line: str, pos: int) -> int | None:
        """End of ``key:`` (after the colon) when a key starts at ``pos``."""
        match = _KEY.match(line, pos)
        if match is None:
            return None
        colon = _skip_spaces(line, match.end(), ascii_only=True)
        mark = line[colon : colon + 1]
        after = line[colon + 1 : colon + 2]
        key = match.group()
        slip = mark == FULL_COLON or (mark == ":" and after == FULL_SPACE)
        if slip and key not in format_keys():
            return None  # 「NG：たぶん」 is text; only the format's own keys are checked
        if mark == FULL_COLON:
            self._report(
                colon,
                t("prepass.colon", field=key, colon=FULL_COLON),
                t("prepass.colon.expected", field=key),
            )
            return colon + 1
        if mark != ":":
            return None
        if after == FULL_SPACE:
            self._report(
                colon + 1,
                t("prepass.space_after_key", field=key),
                t("prepass.space_after_key.expected", field=key),
            )
            return colon + 1
        return colon + 1 if after in ("", " ", "\t") else None

    def _value(self, line: str, pos: int, column: int) -> None:
        char = line[pos]
        if char in _LOOKALIKE_QUOTES:
            straight = _LOOKALIKE_QUOTES[char]
            full = char in _FULL_WIDTH_QUOTES
            what = "prepass.lookalike.full_width" if full else "prepass.lookalike.curly"
            self._report(
                pos,
                t(what, quote=char),
                t(
                    "prepass.lookalike.expected",
                    straight=straight,
                    quote=char,
                    wrapped=f"{straight}{char}…{_PAIRS[char]}{straight}",
                ),
            )
            return
        if char in "\"'":
            self._quoted(line, pos)
        elif char in "[{":
            self.flow_depth += 1
            self._flow(line, pos + 1)
        elif _BLOCK_INDICATOR.match(line, pos):
            self.block_parent = column

    def _quoted(self, line: str, pos: int) -> int | None:
        """Checks one quoted scalar; returns where scanning goes on (None: line done)."""
        quote = line[pos]
        end = _closing_quote(line, pos + 1, quote)
        if end is None:
            self.open_quote = quote
            self.opened_at = (self.line_no, pos)
            return None
        follower = line[end + 1 : end + 2]
        if follower and follower not in _ENDS_QUOTED:
            self._inner_quote(end, quote)
            return None
        return end + 1

    def _runaway_quote(self, quote: str) -> None:
        """A quote left open ran on and was 'closed' by the next quote in the file."""
        line, col = self.opened_at
        message = t("prepass.runaway", quote=quote, line=self.line_no)
        expected = t("prepass.runaway.expected", quote=quote)
        self.problems.append(Problem(self.name, line, col + 1, message, expected))

    def _inner_quote(self, col: int, quote: str) -> None:
        if quote == '"':
            expected = t("prepass.inner.double", brackets="「」")
        else:
            expected = t("prepass.inner.single")
        self._report(col, t("prepass.inner", quote=quote), expected)

    def _flow(self, line: str, pos: int) -> None:
        """Inside ``[…]``/``{…}``: values start after ``[``, ``{``, ``,`` and ``key:``."""
        while pos < len(line):
            pos = _skip_spaces(line, pos)
            if pos >= len(line) or line[pos] == "#":
                return
            char = line[pos]
            if char in "]}":
                self.flow_depth = max(0, self.flow_depth - 1)
                pos += 1
                if not self.flow_depth:
                    return
                continue
            if char == ",":
                pos += 1
                continue
            key_end = self._key(line, pos)
            if key_end is not None:
                pos = _skip_spaces(line, key_end)
                if pos >= len(line):
                    return
                char = line[pos]
            if char in "\"'" + "".join(_LOOKALIKE_QUOTES) or char in "[{":
                if char in "[{":
                    self.flow_depth += 1
                    pos += 1
                    continue
                if char in _LOOKALIKE_QUOTES:
                    self._value(line, pos, pos)
                    return
                next_pos = self._quoted(line, pos)
                if next_pos is None:
                    return
                pos = next_pos
                continue
            pos = _plain_end(line, pos)


def _skip_spaces(line: str, pos: int, ascii_only: bool = False) -> int:
    spaces = " \t" if ascii_only else " \t" + FULL_SPACE
    while pos < len(line) and line[pos] in spaces:
        pos += 1
    return pos


def _plain_end(line: str, pos: int) -> int:
    """End of a plain scalar inside a flow collection (a regex: hostile files have
    lines of hundreds of kilobytes)."""
    match = _PLAIN_STOP.search(line, pos)
    if match is None:
        return len(line)
    return len(line) if match.group().endswith("#") else match.start()


def _closing_quote(line: str, pos: int, quote: str) -> int | None:
    """Index of the quote that closes a scalar opened before ``pos`` (escapes: \\" in
    double quotes, '' in single quotes), or None when it goes on past the line."""
    stop = _DOUBLE_STOP if quote == '"' else _SINGLE_STOP
    while (match := stop.search(line, pos)) is not None:
        at = match.start()
        escaped = match.group() == "\\" or (quote == "'" and line[at + 1 : at + 2] == "'")
        if not escaped:
            return at
        pos = at + 2
    return None


@cache
def format_keys() -> frozenset[str]:
    """Every key name the scenario, set and replay formats use (walked from ``fields``)."""
    from simulator.scenario import fields, set_fields

    names: set[str] = set(_REPLAY_KEYS)
    todo: list[Any] = [fields.SCENARIO, set_fields.SCENARIO_SET]
    seen: set[int] = set()  # a condition holds conditions (any/all/not): walk each once
    while todo:
        spec = todo.pop()
        if id(spec) in seen:
            continue
        seen.add(id(spec))
        children = getattr(spec, "fields", None)
        if isinstance(children, dict):
            names.update(children)
            todo += [field.spec for field in children.values()]
        for attr in ("item", "value", "inner"):
            if (child := getattr(spec, attr, None)) is not None and hasattr(child, "check"):
                todo.append(child)
        todo += [option for _, option in getattr(spec, "options", ())]
    return frozenset(names)
