"""`callcoach assign SET --trainee NAME|--team NAME --due DATE` — give a set to do."""

from __future__ import annotations

import argparse
from typing import Any

from simulator.i18n import t
from simulator.team.cli_support import add_as_option, due_date, positive


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "assign",
        help="assign a scenario set to a trainee or a team (trainers)",
        description="Assign a scenario set with a due date; pass mark, attempts and time "
        "limit default to the set's drill rules.",
    )
    parser.add_argument("set", help="scenario set id (`callcoach list` shows the sets)")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--trainee", metavar="NAME")
    who.add_argument("--team", metavar="NAME")
    parser.add_argument("--due", required=True, metavar="DATE", help="YYYY-MM-DD")
    parser.add_argument("--pass-mark", type=int, metavar="N", help="0–100 (default: the set's)")
    parser.add_argument("--attempts", type=int, metavar="N", help="default: the set's")
    parser.add_argument(
        "--time-limit", type=float, metavar="SECONDS", help="per call (default: the set's)"
    )
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import UsageError
    from simulator.store import open_store
    from simulator.store.teams import NewAssignment, add_assignment, merge_note
    from simulator.team.access import require_trainer, viewer
    from simulator.team.cli_support import library_of
    from simulator.team.drill import find_set

    due = due_date(args.due)
    positive("--attempts", args.attempts)
    if args.pass_mark is not None and not 0 <= args.pass_mark <= 100:
        raise UsageError(t("assign.pass_mark", value=args.pass_mark))
    if args.time_limit is not None and args.time_limit <= 0:
        raise UsageError(t("assign.time_limit", value=args.time_limit))
    drill_set = find_set(library_of(args), args.set)
    with open_store(args.db) as store:
        who = viewer(store, args.acting)
        require_trainer(who, t("assign.why"))
        new = NewAssignment(
            set_id=drill_set.id,
            due=due,
            pass_mark=drill_set.pass_mark if args.pass_mark is None else args.pass_mark,
            attempts=args.attempts or drill_set.drill.attempts,
            time_limit=args.time_limit or drill_set.drill.time_limit,
            trainee=args.trainee,
            team=args.team,
            created_by=who.name,
            scenario_count=len(drill_set.scenarios),
        )
        number = store.write(lambda db: add_assignment(db, new), "save an assignment to")
        note = store.read(lambda db: merge_note(db, number))
    if args.trainee:
        target = t("assign.to_trainee", name=args.trainee)
    else:
        target = t("assign.to_team", name=args.team)
    print(
        t(
            "assign.done",
            number=number,
            set=drill_set.id,
            target=target,
            due=due.isoformat(),
            pass_mark=new.pass_mark,
            attempts=new.attempts,
        )
    )
    if note:
        print(t("assign.note", note=note))
    return 0
