"""`callcoach import FILE.jsonl` — sessions exported by `callcoach export`, or the
journal of a call the database could not store (simulator.store.journal)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simulator.i18n import t
from simulator.team.cli_support import add_as_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import sessions from a JSON Lines export",
        description="Sessions already stored (same id) are skipped, so importing twice is "
        "safe. A bad line is reported with its line number; the others are imported "
        "(exit status 2 if any line was bad).",
    )
    parser.add_argument(
        "file",
        type=Path,
        help="a .jsonl file from `callcoach export`, or an unsaved call's journal",
    )
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.inputs import InputError
    from simulator.report.jsonl import import_file
    from simulator.store import open_store
    from simulator.store.journal import is_journal
    from simulator.team.access import require_trainer, viewer

    if is_journal(args.file):
        return _recover(args)
    with open_store(args.db) as store:
        require_trainer(viewer(store, args.acting), t("import.why"))
        if not args.file.is_file():
            raise InputError(str(args.file), t("import.no_file"), t("import.expected"))
        result = import_file(store, args.file)
    for error in result.errors:
        print(f"callcoach: {error}", file=sys.stderr)
    summary = t(
        "import.summary",
        path=args.file,
        imported=result.imported,
        skipped=result.skipped,
        bad=len(result.errors),
    )
    print(summary)
    return 2 if result.errors else 0  # bad input, as for every other command


def _recover(args: argparse.Namespace) -> int:
    """A trainee may store their own call's journal; a trainer anyone's."""
    from simulator.store import open_store
    from simulator.store.journal import read_journal, recover_journal
    from simulator.team.access import require_view_of, viewer

    trainee = read_journal(args.file).record.get("trainee")
    with open_store(args.db) as store:
        who = viewer(store, args.acting)
        if isinstance(trainee, str) and trainee and not who.open_database:
            require_view_of(who, trainee)
        print(t("import.recovered", path=args.file, result=recover_journal(store, args.file)))
    return 0
