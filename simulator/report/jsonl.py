"""JSON Lines of session records (``callcoach.session/1`` plus ``scorecard``), to move
results between machines. Import is idempotent (a session id already stored is
skipped) and one bad line never stops the rest: it is reported with its line number.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError
from simulator.i18n import t

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store


@dataclass
class ImportResult:
    imported: int = 0
    skipped: int = 0  # already stored
    errors: list[str] = field(default_factory=list)


def dump_lines(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def import_file(store: Store, path: Path) -> ImportResult:
    result = ImportResult()
    for number, line in _lines(path, result):
        if not line.strip():
            continue
        try:
            record = parse_line(line, str(path), number)
            stored = store.write(_inserter(record), "import into")
        except CallCoachError as error:
            result.errors.append(str(error))
            continue
        if stored:
            result.imported += 1
        else:
            result.skipped += 1
    return result


def _inserter(record: dict[str, Any]) -> Callable[[OrmSession], bool]:
    from simulator.store.imports import insert_record

    return lambda db: insert_record(db, record, record.get("scorecard"))


def _lines(path: Path, result: ImportResult) -> Iterator[tuple[int, str]]:
    """Numbered lines, read one at a time (an export may be large); a line that is too
    long or not UTF-8 is reported in ``result`` and skipped."""
    from simulator.inputs import MAX_LINE_BYTES, InputError
    from simulator.inputs.jsontext import decode

    try:
        handle = path.open("rb")
    except OSError as error:
        raise CallCoachError(t("import.cannot_read", path=path, reason=error.strerror)) from None
    with handle:
        number = 0
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while (rest := handle.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
                what = t("import.long_line", mib=MAX_LINE_BYTES >> 20)
                result.errors.append(f"{path}:{number}: {what} — {t('import.one_per_line')}")
                continue
            try:
                yield number, decode(raw, str(path), number).rstrip("\r\n")
            except InputError as error:
                result.errors.append(str(error))


def parse_line(line: str, name: str = "<line>", number: int = 1) -> dict[str, Any]:
    """One line → a checked session record; InputError says where and what is wrong."""
    from simulator.inputs.jsontext import loads
    from simulator.inputs.session import check_import, record_expected

    record = loads(line, name, number, expected=record_expected())
    check_import(record, name, line, number)
    return dict(record)
