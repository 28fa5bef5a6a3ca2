"""`callcoach list` — the scenarios (or sets) in the bundled library and the user's folders."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

TITLE_WIDTH = 40


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list the scenarios you can run",
        description=(
            "List scenarios from the bundled library, CALLCOACH_SCENARIOS and --scenarios "
            "folders. Files that fail to load are skipped with a warning on stderr."
        ),
    )
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    parser.add_argument("--lang", choices=("ja", "en"), help="only this language")
    parser.add_argument(
        "--type", choices=("angry", "logical", "unreasonable"), help="only this caller type"
    )
    parser.add_argument("--level", type=int, choices=(1, 2, 3), help="only this difficulty")
    parser.add_argument("--tag", help="only scenarios with this tag")
    parser.add_argument("--sets", action="store_true", help="list scenario sets instead")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.library import ScenarioLibrary

    library = ScenarioLibrary(extra_dirs=[Path(d) for d in args.scenarios])
    rows = _set_rows(library) if args.sets else _scenario_rows(library, args)
    for problem in library.problems:
        print(f"callcoach: skipped: {problem}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _print_table(rows, args.sets)
    return 0


def _scenario_rows(library: Any, args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    for entry in library.entries():
        if args.lang and entry.language != args.lang:
            continue
        if args.type and entry.caller_type != args.type:
            continue
        if args.level and entry.difficulty != args.level:
            continue
        if args.tag and args.tag not in entry.tags:
            continue
        rows.append(
            {
                "id": entry.id,
                "title": entry.title,
                "language": entry.language,
                "caller_type": entry.caller_type,
                "difficulty": entry.difficulty,
                "path": str(entry.path),
                "tags": list(entry.tags),
            }
        )
    return rows


def _set_rows(library: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "scenarios": list(s.scenarios),
            "pass_mark": s.pass_mark,
            "path": str(s.source.path),
        }
        for s in library.sets()
    ]


# (catalogue key of the heading, field of the row)
SCENARIO_COLUMNS = (
    ("cli.list.col.id", "id"),
    ("cli.list.col.title", "title"),
    ("cli.list.col.language", "language"),
    ("cli.list.col.caller_type", "caller_type"),
    ("cli.list.col.difficulty", "difficulty"),
    ("cli.list.col.path", "path"),
)
SET_COLUMNS = (
    ("cli.list.col.id", "id"),
    ("cli.list.col.title", "title"),
    ("cli.list.col.scenarios", "scenarios"),
    ("cli.list.col.path", "path"),
)


def _print_table(rows: list[dict[str, Any]], sets: bool) -> None:
    from simulator.i18n import t

    if not rows:
        print(t("cli.list.no_sets" if sets else "cli.list.none"))
        return
    columns = [(t(heading), key) for heading, key in (SET_COLUMNS if sets else SCENARIO_COLUMNS)]
    cells = [[_cell(key, row[key]) for _, key in columns] for row in rows]
    widths = [max(_width(h), *(_width(r[i]) for r in cells)) for i, (h, _) in enumerate(columns)]
    for line in [[h for h, _ in columns], *cells]:
        print("  ".join(_pad(text, w) for text, w in zip(line, widths, strict=True)).rstrip())


def _cell(key: str, value: Any) -> str:
    from simulator.i18n import label, t

    if key == "scenarios":
        return str(len(value))
    if key == "caller_type":
        return label(key, value)
    if key == "language":  # the code in English (what --lang takes), the name in Japanese
        return t({"ja": "home.language.ja", "en": "home.language.en"}.get(value, str(value)))
    if key == "path":
        return _short_path(value)
    text = str(value)
    return _clip(text, TITLE_WIDTH) if key == "title" else text


def _short_path(text: str) -> str:
    path = Path(text)
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return text


def _width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = "", 0
    for char in text:
        step = _width(char)
        if used + step > limit - 1:
            break
        out, used = out + char, used + step
    return out + "…"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
