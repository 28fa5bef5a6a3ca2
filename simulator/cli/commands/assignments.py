"""`callcoach assignments` — what is due, per trainee, with attempts and best score."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from simulator.i18n import t
from simulator.team.cli_support import add_as_option

HEADER = (
    "assignments.header.due",
    "assignments.header.set",
    "assignments.header.trainee",
    "assignments.header.team",
    "assignments.header.attempts",
    "assignments.header.best",
    "assignments.header.status",
)
STATUS_KEYS = {
    "passed": "assignments.status.passed",
    "failed": "assignments.status.failed",
    "overdue": "assignments.status.overdue",
    "due": "assignments.status.due",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assignments",
        help="list assignments and progress",
        description="Assignments, soonest due first. A trainee sees only their own.",
    )
    parser.add_argument("--trainee", metavar="NAME", help="only this trainee's")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.store import open_store
    from simulator.store.teams import assignments_of
    from simulator.team.access import scope_for, viewer
    from simulator.team.cli_support import table

    with open_store(args.db) as store:
        trainee = scope_for(viewer(store, args.acting), args.trainee, wants_others=False)
        views = store.read(lambda db: assignments_of(db, trainee))
    today = date.today()
    if args.format == "json":
        print(json.dumps([v.as_json(today) for v in views], ensure_ascii=False, indent=2))
    elif views:
        rows = [
            (
                v.due.isoformat(),
                v.set_id,
                v.trainee,
                v.team or "-",
                f"{v.attempts_used}/{v.attempts}",
                "-" if v.best is None else f"{v.best:.1f}",
                t(STATUS_KEYS[v.status(today)]),
            )
            for v in views
        ]
        print(table(tuple(t(key) for key in HEADER), rows))
    else:
        print(t("assignments.none"))
    return 0
