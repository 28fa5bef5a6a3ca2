"""`callcoach run SCENARIO` — take a call: headless replay, or text/voice in the TUI."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from simulator.errors import UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="take a call (or replay one headless)",
        description="Run one call. With --replay it runs headless on a virtual clock.",
    )
    parser.add_argument("scenario", help="scenario id or path to a scenario file")
    parser.add_argument("--replay", type=Path, metavar="FILE", help="replay file (YAML or JSON)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the session record here")
    parser.add_argument("--input", choices=("text", "voice"), default="text", help="how you answer")
    parser.add_argument(
        "--asr",
        choices=("auto", "sphinx", "vosk", "faster-whisper", "google"),
        default="auto",
        help="speech recognition for voice input and wav: replies (default: auto)",
    )
    parser.add_argument(
        "--asr-model", metavar="MODEL", help="Vosk model folder or faster-whisper model name"
    )
    parser.add_argument(
        "--level", type=int, choices=(1, 2, 3), help="difficulty (default: scenario's)"
    )
    parser.add_argument("--seed", type=int, help="fix the caller's line variants")
    parser.add_argument("--trainee", help="your name, stored with the session")
    parser.add_argument("--practice", action="store_true", help="allow hints (TUI)")
    parser.add_argument("--no-store", action="store_true", help="do not save the session")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.library import ScenarioLibrary

    library = ScenarioLibrary(extra_dirs=[Path(d) for d in args.scenarios])
    scenario = library.resolve(args.scenario)
    if args.replay is None:
        from simulator.cli.commands.tui import open_tui

        if not args.no_store:
            _check_caller(args)

        return open_tui(args, scenario=scenario)
    return _replay(args, scenario)


def _replay(args: argparse.Namespace, scenario: Any) -> int:
    from simulator.engine.replay import load_replay, run_replay
    from simulator.i18n import current_language, set_language

    set_language(getattr(args, "ui_lang", None) or current_language())
    if not args.replay.is_file():
        from simulator.i18n import t

        raise UsageError(t("run.no_replay_file", path=args.replay))
    script = load_replay(args.replay)
    if args.seed is not None:
        script = type(script)(script.path, args.seed, script.replies)
    with _sinks(args) as sinks:
        session = run_replay(
            scenario,
            script,
            sinks=sinks,
            level=args.level,
            trainee=sinks.trainee if sinks else args.trainee,
            asr=args.asr,
            asr_model=args.asr_model,
            record_audio=not args.no_store,
        )
    if args.json:
        _write_json(args.json, session.record)
    _print_summary(session.record, session.scorecard)
    return 0


def _check_caller(args: argparse.Namespace) -> None:
    """Refuse before the TUI opens a call that would be stored for someone else."""
    from simulator.store import open_store
    from simulator.team.access import caller_of_call

    with open_store(args.db) as store:
        caller_of_call(store, args.trainee)


def _write_json(path: Path, record: dict[str, Any]) -> None:
    from simulator.atomic import write_user_file

    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    write_user_file(path, text, "session record")


def _print_summary(record: dict[str, Any], card: dict[str, Any] | None) -> None:
    """One line in the interface language: outcome, replies, score."""
    from simulator.i18n import label, t

    score = ""
    if card is not None:
        verdict = t("run.pass") if card["passed"] else t("run.fail")
        score = t("run.summary.score", total=card["total"], verdict=verdict)
    turns = sum(1 for u in record["utterances"] if u["speaker"] == "trainee")
    key = "run.summary.one" if turns == 1 else "run.summary.many"
    outcome = label("outcome", record["outcome"])
    print(t(key, scenario=record["scenario"]["id"], outcome=outcome, count=turns, score=score))


class _SinkList(list[Any]):
    """The sinks, and whose record they store the call in."""

    def __init__(self, sinks: list[Any] | None = None, trainee: str | None = None) -> None:
        super().__init__(sinks or [])
        self.trainee = trainee


class _sinks:
    """The database sink unless --no-store; closed however the call ends."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._store: Any = None

    def __enter__(self) -> _SinkList:
        if self._args.no_store:
            return _SinkList()
        from simulator.store import open_store
        from simulator.team.access import caller_of_call

        self._store = open_store(self._args.db)
        # Only ever the caller's own record (PostgreSQL: the login; issue 14).
        trainee = caller_of_call(self._store, self._args.trainee)
        return _SinkList([self._store.sink()], trainee)

    def __exit__(self, *exc: object) -> None:
        if self._store is not None:
            self._store.close()
