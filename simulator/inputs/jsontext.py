"""JSON from users' files, hardened: size, UTF-8, nesting depth and numbers are checked
so that the standard decoder can neither recurse too deep, nor hit Python's int/str
limit, nor hand NaN, Infinity or a 400-digit integer to the code that uses the data.
Every problem is an InputError naming the line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from simulator.i18n import t
from simulator.inputs.errors import InputError, located
from simulator.inputs.limits import MAX_DEPTH, MAX_DIGITS

# Strings (skipped whole, so brackets inside them do not count) and brackets.
_STRING_OR_BRACKET = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_FIELD_PART = re.compile(r"([A-Za-z_][\w]*)|\[(\d+)\]")


# The standard decoder's messages (json.decoder), in the interface language.
_DECODER_KEYS = {
    "Expecting value": "input.json.value",
    "Expecting property name enclosed in double quotes": "input.json.property_name",
    "Expecting ',' delimiter": "input.json.comma",
    "Expecting ':' delimiter": "input.json.colon",
    "Unterminated string starting at": "input.json.unterminated",
    "Invalid control character at": "input.json.control",
    "Invalid \\escape": "input.json.escape",
    "Extra data": "input.json.extra",
}


def _decoder_message(message: str) -> str:
    key = _DECODER_KEYS.get(message)
    return message if key is None else t(key)


class _BadNumber(Exception):
    def __init__(self, token: str, what: str, expected: str) -> None:
        super().__init__(token)
        self.token, self.what, self.expected = token, what, expected


def read_limited(path: Path, limit: int, kind: str) -> bytes:
    """The bytes of ``path``; InputError when missing, a folder, unreadable or too big."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(name, "no such file", f"an existing {kind}") from None
    except IsADirectoryError:
        raise InputError(name, "is a folder", f"a {kind}") from None
    except OSError as error:
        raise InputError(
            name, f"cannot read the file ({error.strerror})", "a readable file"
        ) from None
    if len(raw) > limit:
        raise InputError(name, f"file is larger than {_size(limit)}", f"a {kind} under that")
    return raw


def _size(limit: int) -> str:
    return f"{limit >> 20} MiB" if limit >= 1 << 20 else f"{limit >> 10} KiB"


def decode(raw: bytes, name: str, first_line: int = 1) -> str:
    """Strict UTF-8 (a leading BOM is allowed) without NUL bytes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(located(name, first_line), t("input.utf16"), t("input.utf8_text"))
    if (nul := raw.find(b"\x00")) >= 0:
        line = first_line + raw.count(b"\n", 0, nul)
        raise InputError(located(name, line), t("input.nul"), t("input.utf8_json"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = first_line + raw.count(b"\n", 0, error.start)
        what = t("input.not_utf8", byte=raw[error.start])
        raise InputError(located(name, line), what, t("input.utf8_text")) from None


def loads(text: str, name: str, first_line: int = 1, expected: str = "JSON") -> Any:
    """Decode ``text`` (which starts at line ``first_line`` of ``name``)."""
    _check_depth(text, name, first_line)
    try:
        return json.loads(text, parse_int=_integer, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as error:
        where = f"{name}:{first_line + error.lineno - 1}:{error.colno}"
        raise InputError(
            where, t("input.invalid_json", detail=_decoder_message(error.msg)), expected
        ) from None
    except _BadNumber as bad:
        line = _line_of_token(text, bad.token)
        raise InputError(located(name, first_line + line - 1), bad.what, bad.expected) from None
    except (ValueError, RecursionError) as error:  # a limit we did not foresee: still one line
        raise InputError(
            located(name, first_line), f"unreadable JSON ({error})", expected
        ) from None


def _check_depth(text: str, name: str, first_line: int) -> None:
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        char = match.group()
        if char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = first_line + text.count("\n", 0, match.start())
                what = f"nesting deeper than {MAX_DEPTH} levels"
                raise InputError(located(name, line), what, "a flatter structure")
        elif char in "]}":
            depth -= 1


def _integer(token: str) -> int:
    if len(token.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(token, f"an integer of {len(token)} digits", f"at most {MAX_DIGITS}")
    return int(token)


def _float(token: str) -> float:
    value = float(token)
    if value in (float("inf"), float("-inf")):
        raise _BadNumber(token, f"number {token[:20]} is out of range", "a finite number")
    return value


def _constant(token: str) -> Any:
    raise _BadNumber(token, f"{token} is not a number", "a finite number")


def _line_of_token(text: str, token: str) -> int:
    """Line of the first occurrence of ``token`` outside strings (the decoder stops at
    the first bad number, so that is the one)."""
    for match in _TOKEN.finditer(text):
        if match.group() == token:
            return text.count("\n", 0, match.start()) + 1
    return 1


def field_path(message: str) -> tuple[str | int, ...] | None:
    """The field a validation message starts with ('utterances[3].start: …')."""
    head = message.split(": ", 1)[0]
    parts: list[str | int] = []
    for piece in head.split("."):
        matches = list(_FIELD_PART.finditer(piece))
        if not matches or "".join(m.group() for m in matches) != piece:
            return None
        parts.extend(m.group(1) if m.group(1) else int(m.group(2)) for m in matches)
    return tuple(parts)


def line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """Line where the value at ``path`` starts (or its deepest existing parent), by
    walking the JSON tokens; only used to place an error, so speed is secondary."""
    stack: list[list[Any]] = []  # [is_object, key_or_index, awaiting_key]
    best = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        if stack and stack[-1][0] and stack[-1][2]:
            if token.startswith('"'):
                stack[-1][1] = json.loads(token) if "\\" in token else token[1:-1]
                stack[-1][2] = False
            elif token == "}":
                stack.pop()
            continue
        if token in (":",):
            continue
        if token == ",":
            if stack:
                frame = stack[-1]
                if frame[0]:
                    frame[2] = True
                else:
                    frame[1] += 1
            continue
        if token in "]}":
            if stack:
                stack.pop()
            continue
        here = tuple(frame[1] for frame in stack)
        if here == path[: len(here)]:
            best = text.count("\n", 0, match.start()) + 1
            if here == path:
                return best
        if token == "{":
            stack.append([True, None, True])
        elif token == "[":
            stack.append([False, 0, False])
    return best
