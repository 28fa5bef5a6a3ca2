"""`callcoach report` — HTML (self-contained, charts as inline SVG) or CSV (Excel-ready)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.team.cli_support import add_as_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="progress report as HTML or CSV",
        description="Scores over time for a trainee, a team or a set. HTML opens offline "
        "(no scripts or outside files); CSV is UTF-8 with a BOM for Excel. "
        "A trainee may report only on themselves.",
    )
    parser.add_argument("--trainee", metavar="NAME")
    parser.add_argument("--team", metavar="NAME")
    parser.add_argument("--set", metavar="ID", help="sessions of this set's scenarios")
    parser.add_argument("--format", choices=("html", "csv"), default="html")
    parser.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.report.csv_out import render_csv
    from simulator.report.data import ReportFilter, gather
    from simulator.report.html import render_html
    from simulator.store import open_store
    from simulator.team.access import scope_for, viewer
    from simulator.team.cli_support import library_of, write_output
    from simulator.team.drill import find_set

    scenario_ids: tuple[str, ...] = ()
    if args.set:
        scenario_ids = find_set(library_of(args), args.set).scenarios
    with open_store(args.db) as store:
        wants_others = bool(args.team or args.set)
        trainee = scope_for(viewer(store, args.acting), args.trainee, wants_others)
        wanted = ReportFilter(trainee, args.team, args.set, scenario_ids)
        data = gather(store, wanted)
    text = render_html(data) if args.format == "html" else render_csv(data)
    write_output(text, args.out, "report")
    if args.out:
        from simulator.i18n import t

        written = t(
            "report.written", path=args.out, sessions=len(data.rows), trainees=len(data.trainees)
        )
        print(written)
    return 0
