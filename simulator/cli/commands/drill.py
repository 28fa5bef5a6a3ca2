"""`callcoach drill SET` — a set under drill rules: no hints, fixed attempts, a timer."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.i18n import t
from simulator.team.cli_support import add_as_option

if TYPE_CHECKING:
    from simulator.team.drill import DrillOutcome


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "drill",
        help="take a scenario set under drill rules",
        description="Every scenario of the set once, no hints, within the attempts and time "
        "limit of your assignment (or of the set). It opens the TUI; with --replay-dir it "
        "runs headless on a virtual clock, one replay file <scenario id>.yaml per scenario.",
    )
    parser.add_argument("set", help="scenario set id")
    parser.add_argument(
        "--trainee",
        metavar="NAME",
        help="who takes it (default: --as, else the name saved in the TUI)",
    )
    parser.add_argument("--replay-dir", type=Path, metavar="DIR", help="run headless")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import UsageError
    from simulator.store import open_store
    from simulator.store.pgaccess import is_shared
    from simulator.team.access import acting_name, caller_of_call, require_view_of, viewer
    from simulator.team.cli_support import library_of
    from simulator.team.drill import run_headless_drill

    interactive = args.replay_dir is None
    library = library_of(args)
    with open_store(args.db) as store:
        if is_shared(store):  # the login takes it, no one else (issue 14)
            trainee = caller_of_call(store, args.trainee, args.acting)
        else:
            trainee = args.trainee or acting_name(args.acting)
            if not trainee and interactive:
                trainee = _saved_trainee()
            if not trainee:
                raise UsageError(t("drill_run.who"))
            require_view_of(viewer(store, args.acting), trainee)
        assert trainee is not None
        if interactive:
            _need_terminal()  # before an attempt is taken
            outcome = _run_in_tui(args, store, library, trainee)
        else:
            outcome = run_headless_drill(store, library, args.set, trainee, args.replay_dir)
    _print_outcome(outcome)
    return 0


def _saved_trainee() -> str | None:
    from simulator.paths import config_dir
    from simulator.tui.settings import load_settings

    return load_settings(config_dir() / "tui.json").trainee


def _need_terminal() -> None:
    import sys

    from simulator.errors import CallCoachError

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CallCoachError(t("drill_run.terminal"))


def _run_in_tui(args: argparse.Namespace, store: Any, library: Any, trainee: str) -> DrillOutcome:
    """Takes the attempt, runs the set in the TUI and finishes the run however the app
    ends (quitting early still spends the attempt; calls not taken count 0)."""
    from simulator.i18n import default_language, set_language
    from simulator.paths import config_dir, log_dir
    from simulator.team.drill import prepare_drill
    from simulator.tui.drill import TuiDrill, build_drill_app
    from simulator.tui.native_output import native_stderr_to_log

    set_language(getattr(args, "ui_lang", None) or default_language())
    drill = TuiDrill(prepare_drill(store, library, args.set, trainee), store)
    try:
        with native_stderr_to_log(log_dir()):
            build_drill_app(drill, library, config_dir() / "tui.json").run()
    finally:
        outcome = drill.finish()
    return outcome


def _print_outcome(outcome: DrillOutcome) -> None:
    from simulator.i18n import label

    plan = outcome.plan
    attempt = t(
        "drill_run.attempt",
        set=plan.drill_set.id,
        attempt=plan.attempt,
        attempts=plan.rules.attempts,
        trainee=plan.trainee,
    )
    print(attempt)
    for call in plan.results:
        score = "-" if call.total is None else f"{call.total:g}"
        late = t("drill_run.time_up") if call.timed_out else ""
        shown = label("outcome", call.outcome)
        print(t("drill_run.call", scenario=call.scenario_id, outcome=shown, late=late, score=score))
    verdict = t("drill_run.pass" if outcome.passed else "drill_run.fail")
    print(
        t("drill_run.score", score=outcome.score, verdict=verdict, pass_mark=plan.rules.pass_mark)
    )
