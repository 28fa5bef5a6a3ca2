"""`callcoach history` — past sessions, newest first, as a table or JSON."""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from simulator.errors import UsageError
from simulator.team.cli_support import add_as_option

if TYPE_CHECKING:
    from simulator.store import SessionSummary

COLUMNS = ("date", "scenario", "trainee", "mode", "outcome", "score")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "history",
        help="list past sessions",
        description="List stored sessions, newest first. A call cut short shows as 'incomplete'.",
    )
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output")
    parser.add_argument("--trainee", metavar="NAME", help="only this trainee's sessions")
    parser.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError(f"--limit must be at least 1, not {args.limit}")
    from simulator.store import open_store
    from simulator.team.access import scope_for, viewer

    with open_store(args.db) as store:
        # Once a database has trainers, a trainee sees only their own sessions.
        trainee = scope_for(viewer(store, args.acting), args.trainee, wants_others=False)
        sessions = store.history(trainee=trainee, limit=args.limit)
    if args.format == "json":
        print(json.dumps([s.as_json() for s in sessions], ensure_ascii=False, indent=2))
    elif sessions:
        print(render_table([table_row(s) for s in sessions]))
    else:
        who = f" for {trainee}" if trainee else ""
        print(f"no sessions stored yet{who} ({store.where})")
    return 0


def table_row(session: SessionSummary) -> tuple[str, ...]:
    when = session.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    score = "" if session.total is None else _score(session.total, session.passed)
    return (
        when,
        session.scenario_id,
        session.trainee or "-",
        session.mode or "-",
        session.status,
        score,
    )


def _score(total: float, passed: bool | None) -> str:
    shown = str(int(total)) if float(total).is_integer() else f"{total:.1f}"
    return shown if passed is None else f"{shown} ({'pass' if passed else 'fail'})"


def render_table(rows: Sequence[tuple[str, ...]]) -> str:
    """Columns padded by display width: a Japanese name takes two cells per character."""
    widths = [max(width(cell) for cell in column) for column in zip(COLUMNS, *rows, strict=True)]
    lines = [COLUMNS, *rows]
    return "\n".join(
        "  ".join(pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cells: int) -> str:
    return text + " " * (cells - width(text))
