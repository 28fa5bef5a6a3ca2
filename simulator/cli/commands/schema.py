"""`callcoach schema [scenario|set]` — print the JSON Schema editors use to autocomplete."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of scenario (or set) files",
        description=(
            "Print the JSON Schema (draft 2020-12) of scenario files, or of set files. "
            "The same schema ships as scenarios/schema/*.schema.json."
        ),
    )
    parser.add_argument(
        "kind", nargs="?", choices=("scenario", "set"), default="scenario", help="which file kind"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.fields import schema_text

    print(schema_text(args.kind), end="")
    return 0
