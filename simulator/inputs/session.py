"""Session records (``callcoach.session/1``) from files and from JSON Lines imports."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from simulator.i18n import t
from simulator.inputs.errors import InputError, located
from simulator.inputs.jsontext import decode, field_path, line_of, loads, read_limited
from simulator.inputs.limits import MAX_JSON_BYTES, MAX_TEXT_CHARS

SESSION_FORMAT = "callcoach.session/1"
RECORD = f"a {SESSION_FORMAT} JSON record"


def record_expected() -> str:
    """``RECORD`` in the interface language: what a session file should be."""
    return t("input.record", format=SESSION_FORMAT)


_EXPECTED_GOT = re.compile(r"^(?P<field>[^:]+): expected (?P<expected>.+), got (?P<got>.+)$")


def read_session_file(path: Path) -> dict[str, Any]:
    """The checked record in ``path``; InputError (one line, with its line) if not."""
    name = str(path)
    text = decode(read_limited(path, MAX_JSON_BYTES, "session record (JSON)"), name)
    record = loads(text, name, expected=record_expected())
    check_session(record, name, lambda field: line_of(text, field))
    return record


def check_session(
    record: Any,
    name: str,
    line_for: Callable[[tuple[str | int, ...]], int | None],
    first_line: int = 1,
) -> None:
    """Everything scoring and storing rely on, checked up front. ``line_for(field)``
    gives the line of a field within the text (1-based)."""
    from scoring import SessionError
    from scoring.record import parse_session

    def fail(field: tuple[str | int, ...], what: str, expected: str) -> InputError:
        line = line_for(field) if field else 1
        return InputError(
            located(name, None if line is None else first_line + line - 1), what, expected
        )

    if not isinstance(record, Mapping):
        raise fail((), f"a JSON {type(record).__name__} at the top", record_expected())
    if "format" not in record:
        expected = t("input.expect.format", format=SESSION_FORMAT, record=record_expected())
        raise fail((), t("input.no_format"), expected)
    if record["format"] != SESSION_FORMAT:
        what = _is("format", record["format"])
        raise fail(("format",), what, f"'{SESSION_FORMAT}'")
    try:
        parse_session(record)
    except SessionError as error:
        message = str(error)
        field = field_path(message) or ()
        parts = _EXPECTED_GOT.match(message)
        if parts:
            what = t("input.field_is", field=parts["field"], got=parts["got"])
            raise fail(field, what, parts["expected"]) from None
        raise fail(field, message, record_expected()) from None
    for number, utterance in enumerate(record["utterances"]):
        text = utterance.get("text")
        if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
            what = t("input.too_long", field=f"utterances[{number}].text", count=len(text))
            expected = t("input.expect.at_most", count=MAX_TEXT_CHARS)
            raise fail(("utterances", number, "text"), what, expected)
    for key in ("trainee", "started_at"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise fail((key,), _is(key, record[key]), t("input.expect.string_or_null"))
    scenario = record.get("scenario")
    if scenario is not None and not isinstance(scenario, Mapping):
        raise fail(("scenario",), _is("scenario", scenario), t("input.expect.object_with_id"))
    for key in ("id", "title", "digest"):
        value = (scenario or {}).get(key)
        if value is not None and not isinstance(value, str):
            raise fail(("scenario", key), _is(f"scenario.{key}", value), t("input.expect.string"))


def check_import(record: Any, name: str, text: str, first_line: int) -> None:
    """A line of ``callcoach export`` output: a session record with its id, scenario
    and (optional) score card."""

    def line_for(field: tuple[str | int, ...]) -> int | None:
        return line_of(text, field)

    check_session(record, name, line_for, first_line)
    where = located(name, first_line)
    if not isinstance(record.get("id"), str) or not record["id"]:
        raise InputError(where, _is("id", record.get("id")), t("input.expect.non_empty_string"))
    scenario = record.get("scenario")
    if not isinstance(scenario, Mapping) or not isinstance(scenario.get("id"), str):
        raise InputError(where, t("input.no_scenario_id"), '"scenario": {"id": …}')
    for number, event in enumerate(record.get("events") or []):
        if not isinstance(event, Mapping):
            raise InputError(where, _is(f"events[{number}]", event), t("input.expect.object"))
    card = record.get("scorecard")
    if card is None:
        return
    if not isinstance(card, Mapping):
        raise InputError(where, _is("scorecard", card), t("input.expect.object_or_null"))
    total, passed = card.get("total"), card.get("passed")
    if total is not None and (isinstance(total, bool) or not isinstance(total, int | float)):
        raise InputError(where, _is("scorecard.total", total), t("input.expect.number"))
    if passed is not None and not isinstance(passed, bool):
        raise InputError(where, _is("scorecard.passed", passed), t("input.expect.true_or_false"))


def _is(field: str, value: Any) -> str:
    """``field is <value as JSON shows it>``, in the interface language."""
    from scoring.record import shown

    return t("input.field_is", field=field, got=shown(value))
