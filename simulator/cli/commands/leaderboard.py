"""`callcoach leaderboard` — best drill score per trainee per set; ties: first to finish."""

from __future__ import annotations

import argparse
import json
from typing import Any

from simulator.i18n import t
from simulator.team.cli_support import add_as_option

HEADER = (
    "leaderboard.header.set",
    "leaderboard.header.rank",
    "leaderboard.header.trainee",
    "leaderboard.header.score",
    "leaderboard.header.result",
    "leaderboard.header.finished",
    "leaderboard.header.attempt",
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "leaderboard",
        help="best drill scores per set",
        description="Best finished drill per trainee per set; equal scores rank by who "
        "finished first. Scores only: no transcripts.",
    )
    parser.add_argument("--team", metavar="NAME", help="only this team's members")
    parser.add_argument("--set", metavar="ID", help="only this set")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.store import open_store
    from simulator.store.drills import leaderboard
    from simulator.store.teams import team_member_ids
    from simulator.team.cli_support import table

    def query(db: Any) -> Any:
        members = team_member_ids(db, args.team) if args.team else None
        return leaderboard(db, set_id=args.set, member_ids=members)

    with open_store(args.db) as store:
        board = store.read(query)
    if args.format == "json":
        print(json.dumps([r.as_json() for r in board], ensure_ascii=False, indent=2))
    elif board:
        rows = [
            (
                r.set_id,
                str(r.rank),
                r.trainee,
                f"{r.score:.1f}",
                t("leaderboard.pass" if r.passed else "leaderboard.fail"),
                r.finished_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                str(r.attempt),
            )
            for r in board
        ]
        print(table(tuple(t(key) for key in HEADER), rows))
    else:
        print(t("leaderboard.none"))
    return 0
