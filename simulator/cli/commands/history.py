"""`callcoach history` — past sessions, newest first, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from simulator.cells import pad, width
from simulator.cli.session_ref import short_ids, shown_time
from simulator.errors import UsageError
from simulator.i18n import label, t
from simulator.team.cli_support import add_as_option

if TYPE_CHECKING:
    from simulator.store import SessionSummary

COLUMNS = (  # catalogue keys of the table's headings
    "cli.history.col.id",
    "cli.history.col.date",
    "cli.history.col.scenario",
    "cli.history.col.trainee",
    "cli.history.col.mode",
    "cli.history.col.outcome",
    "cli.history.col.score",
)


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
        ids = short_ids([s.id for s in sessions])  # what `callcoach play` takes back
        print(render_table([table_row(s, ids[s.id]) for s in sessions]))
    elif trainee:
        print(t("cli.history.none_for", trainee=trainee, where=store.where))
    else:
        print(t("cli.history.none", where=store.where))
    return 0


def table_row(session: SessionSummary, short_id: str) -> tuple[str, ...]:
    score = "" if session.total is None else _score(session.total, session.passed)
    return (
        short_id,
        shown_time(session.started_at),
        session.scenario_id,
        session.trainee or "-",
        label("mode", session.mode) if session.mode else "-",
        label("outcome", session.status),
        score,
    )


def _score(total: float, passed: bool | None) -> str:
    shown = str(int(total)) if float(total).is_integer() else f"{total:.1f}"
    if passed is None:
        return shown
    return f"{shown} ({t('cli.history.pass' if passed else 'cli.history.fail')})"


def render_table(rows: Sequence[tuple[str, ...]]) -> str:
    """Columns padded by display width: a Japanese name takes two cells per character."""
    header = tuple(t(key) for key in COLUMNS)
    widths = [max(width(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [header, *rows]
    return "\n".join(
        "  ".join(pad(cell, w) for cell, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )
