"""JSON Lines of session records (``callcoach.session/1`` plus ``scorecard``), to move
results between machines. Import is idempotent (a session id already stored is
skipped) and one bad line never stops the rest: it is reported with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store

SESSION_FORMAT = "callcoach.session/1"


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0  # already stored
    errors: list[str] = field(default_factory=list)


def dump_lines(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def import_file(store: Store, path: Path) -> ImportResult:
    result = ImportResult()
    for number, line in _lines(path):
        if not line.strip():
            continue
        try:
            stored = store.write(_inserter(parse_line(line)), "import into")
        except CallCoachError as error:
            result.errors.append(f"{path}:{number}: {error}")
            continue
        if stored:
            result.imported += 1
        else:
            result.skipped += 1
    return result


def _inserter(record: dict[str, Any]) -> Callable[[OrmSession], bool]:
    from simulator.store.imports import insert_record

    return lambda db: insert_record(db, record, record.get("scorecard"))


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CallCoachError(f"{path}: cannot read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise CallCoachError(f"{path}: not UTF-8 text (byte {error.start})") from None
    return list(enumerate(text.splitlines(), start=1))


def parse_line(line: str) -> dict[str, Any]:
    """One line → a checked session record; CallCoachError says what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise CallCoachError(f"column {error.colno}: not JSON ({error.msg})") from None
    if not isinstance(record, dict):
        raise CallCoachError("expected a session record (a JSON object)")
    if record.get("format") != SESSION_FORMAT:
        raise CallCoachError(f"format is {record.get('format')!r}, expected {SESSION_FORMAT!r}")
    if not isinstance(record.get("id"), str) or not record["id"]:
        raise CallCoachError("'id' must be a non-empty string")
    scenario = record.get("scenario")
    if not isinstance(scenario, dict) or not isinstance(scenario.get("id"), str):
        raise CallCoachError("'scenario' must be an object with an 'id'")
    for key in ("utterances", "events"):
        items = record.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise CallCoachError(f"'{key}' must be a list of objects")
    for n, utterance in enumerate(record.get("utterances", [])):
        if not all(_is_number(utterance.get(k, 0)) for k in ("start", "end")):
            raise CallCoachError(f"utterances[{n}]: 'start' and 'end' must be numbers")
    if any(not _is_number(e.get("t", 0)) for e in record.get("events", [])):
        raise CallCoachError("every event's 't' must be a number")
    card = record.get("scorecard")
    if card is not None and not isinstance(card, dict):
        raise CallCoachError("'scorecard' must be an object or null")
    return record


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
