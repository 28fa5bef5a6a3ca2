"""Small pieces the team/report commands share: --as, dates, writing output files."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from simulator.errors import UsageError
from simulator.i18n import t


def add_as_option(parser: Any) -> None:
    parser.add_argument(
        "--as",
        dest="acting",
        metavar="NAME",
        help="who is asking, on SQLite (default: env CALLCOACH_USER); trainees see only"
        " their own data. PostgreSQL refuses it: you are your database login",
    )


def due_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(t("options.due", text=text)) from None


def positive(name: str, value: int | None) -> None:
    if value is not None and value < 1:
        raise UsageError(t("options.at_least_one", name=name, value=value))


def library_of(args: argparse.Namespace) -> Any:
    from simulator.scenario.library import ScenarioLibrary

    return ScenarioLibrary(extra_dirs=[Path(d) for d in getattr(args, "scenarios", [])])


def write_output(text: str, out: Path | None, what: str) -> None:
    """``text`` to ``out`` (UTF-8, as given; whole or not at all) or to standard output."""
    if out is None:
        import sys

        sys.stdout.write(text)
        return
    from simulator.atomic import write_user_file

    write_user_file(out, text, what)


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """Columns padded by display width (a Japanese character takes two cells)."""
    from simulator.cells import pad, width

    lines = [header, *rows]
    widths = [max(width(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(pad(c, w) for c, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )
