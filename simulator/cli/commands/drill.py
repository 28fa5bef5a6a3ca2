"""`callcoach drill SET` — a set under drill rules: no hints, fixed attempts, a timer."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.team.cli_support import add_as_option


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "drill",
        help="take a scenario set under drill rules",
        description="Every scenario of the set once, no hints, within the attempts and time "
        "limit of your assignment (or of the set). With --replay-dir it runs headless on a "
        "virtual clock, one replay file <scenario id>.yaml per scenario.",
    )
    parser.add_argument("set", help="scenario set id")
    parser.add_argument("--trainee", metavar="NAME", help="who takes it (default: --as)")
    parser.add_argument("--replay-dir", type=Path, metavar="DIR", help="run headless")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import CallCoachError, UsageError
    from simulator.store import open_store
    from simulator.team.access import acting_name, require_view_of, viewer
    from simulator.team.cli_support import library_of
    from simulator.team.drill import run_headless_drill

    trainee = args.trainee or acting_name(args.acting)
    if not trainee:
        raise UsageError("say who takes the drill: --trainee NAME (or --as / CALLCOACH_USER)")
    if args.replay_dir is None:
        raise CallCoachError(
            "the interactive drill is not available in this build yet —"
            " run it headless: callcoach drill SET --replay-dir DIR"
        )
    library = library_of(args)
    with open_store(args.db) as store:
        require_view_of(viewer(store, args.acting), trainee)
        outcome = run_headless_drill(store, library, args.set, trainee, args.replay_dir)
    plan = outcome.plan
    print(f"{plan.drill_set.id}: attempt {plan.attempt}/{plan.rules.attempts} by {plan.trainee}")
    for call in plan.results:
        score = "-" if call.total is None else f"{call.total:g}"
        late = " (time up)" if call.timed_out else ""
        print(f"  {call.scenario_id}: {call.outcome}{late}  score {score}")
    verdict = "pass" if outcome.passed else "fail"
    print(f"drill score {outcome.score:.1f} ({verdict}, pass mark {plan.rules.pass_mark})")
    return 0
