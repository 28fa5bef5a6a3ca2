"""`callcoach schema [scenario|set|replay]` — print the JSON Schema editors use to
autocomplete."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of scenario, set or replay files",
        description=(
            "Print the JSON Schema (draft 2020-12) of scenario files, set files or replay "
            "files. The same schemas ship as scenarios/schema/*.schema.json."
        ),
    )
    parser.add_argument(
        "kind",
        nargs="?",
        choices=("scenario", "set", "replay"),
        default="scenario",
        help="which file kind",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.kind == "replay":
        from simulator.engine.replay_schema import replay_schema_text

        print(replay_schema_text(), end="")
        return 0
    from simulator.scenario.schema_doc import schema_text

    print(schema_text(args.kind), end="")
    return 0
