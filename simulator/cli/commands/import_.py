"""`callcoach import FILE.jsonl` — sessions exported by `callcoach export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simulator.team.cli_support import add_as_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import sessions from a JSON Lines export",
        description="Sessions already stored (same id) are skipped, so importing twice is "
        "safe. A bad line is reported with its line number; the others are imported.",
    )
    parser.add_argument("file", type=Path, help="a .jsonl file from `callcoach export`")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import CallCoachError
    from simulator.report.jsonl import import_file
    from simulator.store import open_store
    from simulator.team.access import require_trainer, viewer

    with open_store(args.db) as store:
        require_trainer(viewer(store, args.acting), "import sessions")
        if not args.file.is_file():
            raise CallCoachError(f"{args.file}: no such file")
        result = import_file(store, args.file)
    for error in result.errors:
        print(f"callcoach: {error}", file=sys.stderr)
    print(
        f"{args.file}: {result.imported} imported, {result.skipped} already there,"
        f" {len(result.errors)} bad line(s)"
    )
    return 1 if result.errors else 0
