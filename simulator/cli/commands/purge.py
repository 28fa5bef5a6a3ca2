"""`callcoach purge --trainee NAME` — delete a trainee's data on request."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from simulator.i18n import t
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
                raise UsageError(t("purge.confirm_flag"))
            answer = input(t("purge.ask", trainee=args.trainee))
            if answer.strip().lower() not in t("purge.yes").split():
                raise CallCoachError(t("purge.cancelled"))
        counts = purge_trainee(store, args.trainee)
    done = t(
        "purge.done",
        trainee=counts.trainee,
        sessions=counts.sessions,
        utterances=counts.utterances,
        events=counts.events,
        drill_runs=counts.drill_runs,
        assignments=counts.assignments,
        recordings=counts.recordings,
    )
    print(done)
    return 0
