"""Read YAML safely into plain values, remembering where every key and value came from.

We never let PyYAML construct objects: the text is parsed to an event stream
(libyaml when available) and a small iterative builder turns the events into
dicts, lists and scalars. That is what keeps hostile files harmless:

* tags other than the plain YAML ones (``!!python/object/apply:…``) are refused,
  so nothing is ever instantiated or called;
* anchors and aliases are refused outright, so alias bombs cannot expand;
* nesting deeper than ``MAX_DEPTH`` and more than ``MAX_EVENTS`` values stop
  the parse early (the builder is a loop, never recursion);
* the file is capped at ``MAX_BYTES`` before it is decoded;
* duplicate keys are errors (PyYAML would silently keep the last one).

Text checks (UTF-8, NUL bytes, control characters) run before the parser so
that each one can say exactly which line and column is wrong.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from simulator.i18n import t
from simulator.scenario.problems import Problem, Severity

MAX_BYTES = 1 << 20  # a big scenario is ~30 KiB
MAX_DEPTH = 64
MAX_EVENTS = 20_000  # the biggest bundled scenario has ~1,000
MAX_TEXT_PROBLEMS = 10

KeyPath = tuple[str | int, ...]
Mark = tuple[int, int]

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_STD}{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")}
_SCALAR_KINDS = {"int", "float", "bool", "null"}
_KIND_NAMES = {"int": "spec.whole_number", "float": "spec.number", "bool": "spec.bool"}
_SCALAR_TAGS = {f"{_STD}{t}" for t in ("str", *_SCALAR_KINDS)}
# C0/C1 controls except tab, LF, CR; and the bidi overrides of "trojan source" tricks.
# Kana, kanji and full-width letters: a folded line break between two of these is a
# stray space mid-phrase (after 。！？ a space is a harmless sentence gap).
_JA_WORD = re.compile("[\u3041-\u30ff\u4e00-\u9fff\uff10-\uff5a]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class YamlProblem(Exception):
    """Reading stopped at the first fatal problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class UnreadableFile(YamlProblem):
    """The file is missing or cannot be read: a problem with the path, not the content."""


@dataclass
class Document:
    """Plain data plus the 1-based position of every value and every mapping key."""

    name: str
    data: Any
    values: dict[KeyPath, Mark] = field(default_factory=dict)
    keys: dict[KeyPath, Mark] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # harmless but probably unintended

    def mark(self, path: KeyPath, key: bool = False) -> Mark:
        """Where ``path`` is (its key when ``key``), or its nearest known ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def problem(
        self,
        path: KeyPath,
        message: str,
        expected: str = "",
        severity: Severity = "error",
        key: bool = False,
    ) -> Problem:
        line, col = self.mark(path, key)
        return Problem(self.name, line, col, message, expected, severity)


def read_file_bytes(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise _unreadable(name, t("load.is_folder"), t("load.is_folder.expected")) from None
    except FileNotFoundError:
        raise _unreadable(name, t("load.no_file"), t("load.no_file.expected")) from None
    except OSError as error:
        message = t("load.cannot_read", reason=error.strerror)
        raise _unreadable(name, message, t("load.cannot_read.expected")) from None
    if len(raw) > MAX_BYTES:
        raise _fatal(name, t("load.too_big"), t("load.too_big.expected"))
    return raw


def decode_text(raw: bytes, name: str) -> str:
    """Strict UTF-8 with the failing line and byte named; no NUL or control characters."""
    if len(raw) > MAX_BYTES:
        raise _fatal(name, t("load.too_big"), t("load.too_big.expected"))
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fatal(name, t("load.utf16"), t("load.utf8.expected"))
    if (nul := raw.find(b"\x00")) >= 0:
        line, col = _byte_position(raw, nul)
        raise _fatal(name, t("load.binary"), t("load.binary.expected"), line, col)
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, col = _byte_position(raw, error.start)
        bad = raw[error.start]
        message = t("load.not_utf8", byte=f"0x{bad:02x}", offset=error.start)
        raise _fatal(name, message, t("load.utf8.expected"), line, col) from None
    return text


def control_character_problems(text: str, name: str) -> list[Problem]:
    problems = []
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = ord(match.group())
        what = "load.bidi_control" if code > 0x2000 else "load.control_character"
        message = t(what, code=f"U+{code:04X}")
        problems.append(Problem(name, line, col, message, t("load.printable")))
        if len(problems) >= MAX_TEXT_PROBLEMS:
            break
    return problems


def parse_text(text: str, name: str) -> Document:
    """Parse one YAML document into plain values. Raises YamlProblem."""
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    builder = _Builder(name, loader, text)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(_syntax_problem(name, error, text)) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line, col = _char_position(text, error.position)
        code = error.character
        what = t("load.yaml_character", code=f"U+{code:04X}" if isinstance(code, int) else "?")
        raise _fatal(name, what, t("load.printable"), line, col) from None
    except yaml.YAMLError as error:
        message = t("load.syntax", detail=" ".join(str(error).split()))
        raise _fatal(name, message, t("load.syntax.valid")) from None
    finally:
        loader.dispose()
    return builder.document()


class _NoKey:
    """Marks a mapping frame that waits for its next key (a key may itself be None)."""


_NO_KEY = _NoKey()


class _Frame:
    __slots__ = ("container", "key", "path", "seen")

    def __init__(self, container: dict[Any, Any] | list[Any], path: KeyPath) -> None:
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.seen: dict[Any, int] = {}


class _Builder:
    """Turns parser events into values; a loop with an explicit stack, never recursion."""

    def __init__(self, name: str, loader: Any, text: str) -> None:
        self.name = name
        self.text = text
        self.lines: list[str] | None = None  # split only when a check needs them
        self.loader = loader
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.events = 0
        self.doc = Document(name, None)

    def document(self) -> Document:
        self.doc.data = self.root
        return self.doc

    def feed(self, event: Any) -> None:
        self.events += 1
        if self.events > MAX_EVENTS:
            self._fail(
                event, t("load.too_many"), t("load.too_many.expected", most=f"{MAX_EVENTS:,}")
            )
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._fail(event, t("load.second_document"), t("load.second_document.expected"))
        elif isinstance(event, yaml.AliasEvent):
            self._fail(event, t("load.alias", alias=f"*{event.anchor}"), t("load.written_out"))
        elif isinstance(event, yaml.ScalarEvent):
            self._check_node(event, kind="scalar")
            self._place(event, self._scalar(event))
            self._check_folding(event)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            self._open(event)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self.stack.pop()

    def _open(self, event: Any) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        self._check_node(event, kind="map" if is_map else "seq")
        if len(self.stack) >= MAX_DEPTH:
            self._fail(event, t("load.too_deep", depth=MAX_DEPTH), t("load.too_deep.expected"))
        container: dict[Any, Any] | list[Any] = {} if is_map else []
        path = self._place(event, container)
        self.stack.append(_Frame(container, path))

    def _place(self, event: Any, value: Any) -> KeyPath:
        """Put a finished value (or a new container) where it belongs; return its path."""
        mark = _mark(event)
        if not self.stack:
            self.root = value
            self.doc.values[()] = mark
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
        elif top.key is _NO_KEY:
            return self._take_key(top, event, value)
        else:
            path = (*top.path, top.key)
            top.container[top.key] = value
            top.key = _NO_KEY
        self.doc.values[path] = mark
        return path

    def _take_key(self, top: _Frame, event: Any, value: Any) -> KeyPath:
        if not isinstance(event, yaml.ScalarEvent):
            self._fail(event, t("load.complex_key"), t("load.complex_key.expected"))
        if value in top.seen:
            first = top.seen[value]
            message = t("load.duplicate_key", field=repr(value), line=first)
            self._fail(event, message, t("load.duplicate_key.expected"))
        line, col = _mark(event)
        top.seen[value] = line
        top.key = value
        self.doc.keys[(*top.path, value)] = (line, col)
        return top.path

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag in (None, "!"):
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        kind = tag.removeprefix(_STD)
        if kind not in _SCALAR_KINDS:
            return event.value  # str, and timestamps kept as the author wrote them
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return getattr(self.loader, f"construct_yaml_{kind}")(node)
        except (ValueError, yaml.YAMLError):
            shown = event.value[:20] + ("…" if len(event.value) > 20 else "")
            what = t(_KIND_NAMES.get(kind, "spec.kind.null"))
            message = t("load.unreadable_value", value=repr(shown), kind=what)
            return self._fail(event, message, t("load.unreadable_value.expected"))

    def _check_folding(self, event: Any) -> None:
        """Warn where YAML folded a line break inside Japanese text into a space."""
        first, last = event.start_mark.line, event.end_mark.line
        if last <= first or event.style == "|" or not _JA_WORD.search(event.value):
            return
        if self.lines is None:
            self.lines = self.text.splitlines()
        lines = self.lines[first : last + 1]
        for offset, (above, below) in enumerate(itertools.pairwise(lines)):
            left, right = above.rstrip()[-1:], below.lstrip()[:1]
            if left and right and _JA_WORD.match(left) and _JA_WORD.match(right):
                line = first + offset + 2
                col = len(below) - len(below.lstrip()) + 1
                message = t("load.folded_line")
                expected = t("load.folded_line.expected")
                self.doc.warnings.append(
                    Problem(self.name, line, col, message, expected, "warning")
                )
                return

    def _check_node(self, event: Any, kind: str) -> None:
        if event.anchor is not None:
            self._fail(event, t("load.anchor", anchor=f"&{event.anchor}"), t("load.written_out"))
        tag = event.tag
        if tag is None or tag == "!":
            return
        if tag not in _ALLOWED_TAGS:
            shown = tag.replace(_STD, "!!")
            self._fail(event, t("load.tag", tag=shown), t("load.syntax.tag"))
        kinds = _SCALAR_TAGS if kind == "scalar" else {f"{_STD}{kind}"}
        if tag not in kinds:
            shown = tag.replace(_STD, "!!")
            self._fail(event, t("load.tag_on", tag=shown, kind=kind), t("load.no_tag"))

    def _fail(self, event: Any, message: str, expected: str) -> Any:
        line, col = _mark(event)
        raise _fatal(self.name, message, expected, line, col)


def _mark(event: Any) -> Mark:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _fatal(name: str, message: str, expected: str, line: int = 1, col: int = 1) -> YamlProblem:
    return YamlProblem(Problem(name, line, col, message, expected))


def _unreadable(name: str, message: str, expected: str) -> UnreadableFile:
    return UnreadableFile(Problem(name, 1, 1, message, expected))


def _char_position(text: str, offset: int) -> Mark:
    offset = max(0, min(offset, len(text)))
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _byte_position(raw: bytes, offset: int) -> Mark:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    col = len(raw[line_start:offset].decode("utf-8", "replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, col


# PyYAML's wording (English, from the parser) → the catalogue key of what to type.
_SYNTAX_HINTS = {
    "mapping values are not allowed": "load.syntax.mapping_values",
    "could not find expected ':'": "load.syntax.expected_colon",
    "did not find expected key": "load.syntax.expected_key",
    "tab character": "load.syntax.tab",
    "found undefined tag": "load.syntax.tag",
}
_QUOTE_HINT = "load.syntax.quotes"


def _line_at(lines: list[str], line: int, context: str) -> str:
    """The error's line and the one before (YAML often notices a quote one line late)."""
    return "\n".join(lines[max(0, line - 2) : line]) if line <= len(lines) else context


def _syntax_problem(name: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (error.problem or "invalid YAML").strip()
    context = f" {error.context.strip()}" if error.context else ""
    lines = text.splitlines()
    here = lines[line - 1][col - 1 : col] if line <= len(lines) else ""
    if here == "\t":
        problem = "a tab character"  # matched below, and PyYAML's own wording elsewhere
    if "maximum nesting depth" in problem:  # PyYAML >= 6.0.4 stops deep flow nesting itself
        message, expected = t("load.too_deep", depth=MAX_DEPTH), t("load.too_deep.expected")
        return Problem(name, line, col, message, expected)
    hint = next((hint for key, hint in _SYNTAX_HINTS.items() if key in problem), _QUOTE_HINT)
    if hint == _QUOTE_HINT and not any(q in _line_at(lines, line, context) for q in "\"'"):
        hint = "load.syntax.valid"
    message = t("load.syntax", detail=f"{problem}{context}")
    return Problem(name, line, col, message, t(hint))
