"""`callcoach export` — sessions as JSON Lines (to import elsewhere) or xAPI statements."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from simulator.team.cli_support import add_as_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export sessions (JSON Lines) or xAPI statements for an LMS",
        description="jsonl: one session record (with its score card) per line, for "
        "`callcoach import`. xapi: a JSON array of xAPI statements. Transcripts are "
        "included in jsonl: a trainee may export only their own.",
    )
    parser.add_argument("--trainee", metavar="NAME")
    parser.add_argument("--team", metavar="NAME")
    parser.add_argument("--format", choices=("jsonl", "xapi"), default="jsonl")
    parser.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")
    parser.add_argument(
        "--xapi-home",
        default="https://callcoach.invalid",
        metavar="URL",
        help="your LMS/organisation URL: actor account home page and activity id prefix",
    )
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.report.jsonl import dump_lines
    from simulator.report.xapi import statement
    from simulator.store import open_store
    from simulator.store.imports import export_records, session_ids
    from simulator.store.teams import team_member_ids
    from simulator.team.access import scope_for, viewer
    from simulator.team.cli_support import write_output

    with open_store(args.db) as store:
        trainee = scope_for(viewer(store, args.acting), args.trainee, bool(args.team))

        def collect(db: Any) -> list[dict[str, Any]]:
            members = team_member_ids(db, args.team) if args.team else None
            return export_records(db, session_ids(db, trainee, members))

        records = store.read(collect, "export from")
    if args.format == "jsonl":
        text = dump_lines(records)
    else:
        statements = [statement(r, r.get("scorecard"), args.xapi_home) for r in records]
        found = [s for s in statements if s is not None]
        text = json.dumps(found, ensure_ascii=False, indent=2) + "\n"
    write_output(text, args.out, "export")
    if args.out:
        from simulator.i18n import t

        print(t("export.written", path=args.out, sessions=len(records)))
    return 0
