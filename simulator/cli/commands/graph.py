"""`callcoach graph SCENARIO [--html FILE]` — the branch graph, for reviewing a scenario."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "graph",
        help="draw a scenario's branch graph",
        description=(
            "Draw the turns, branches and endings of a scenario as a tree in the terminal, "
            "or with --html as a self-contained page (inline SVG, nothing loaded from the "
            "network). Branches an earlier one always catches are marked 'never taken'. "
            "Labels and headings follow the interface language (--ui-lang)."
        ),
    )
    parser.add_argument("scenario", help="an id from `callcoach list`, or a scenario file")
    parser.add_argument("--html", type=Path, metavar="FILE", help="write an HTML page here")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.i18n import t
    from simulator.scenario.graph import graph_html, tree_text
    from simulator.team.cli_support import library_of, write_output

    scenario = library_of(args).resolve(args.scenario)
    if args.html is None:
        print(tree_text(scenario), end="")
        return 0
    write_output(graph_html(scenario), args.html, "graph")
    print(t("graph.wrote", path=args.html))
    return 0
