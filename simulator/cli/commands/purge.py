"""`callcoach purge --trainee NAME` — delete a trainee's data on request."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from simulator.team.cli_support import add_as_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "purge",
        help="delete all of a trainee's data, recordings included",
        description="Deletes the trainee's sessions (utterances, events), drill results, "
        "personal assignments, team memberships and recordings. Cannot be undone.",
    )
    parser.add_argument("--trainee", required=True, metavar="NAME")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import CallCoachError, UsageError
    from simulator.store import open_store
    from simulator.team.access import require_view_of, viewer
    from simulator.team.purge import purge_trainee

    with open_store(args.db) as store:
        who = viewer(store, args.acting)
        require_view_of(who, args.trainee)  # trainers: anyone's; a trainee: their own
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError("purge deletes data for good: add --yes to confirm")
            answer = input(f"Delete every session and recording of {args.trainee}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CallCoachError("purge cancelled; nothing deleted")
        counts = purge_trainee(store, args.trainee)
    print(
        f"{counts.trainee}: deleted {counts.sessions} sessions ({counts.utterances} utterances,"
        f" {counts.events} events), {counts.drill_runs} drill runs, {counts.assignments}"
        f" assignments, {counts.recordings} recordings"
    )
    return 0
