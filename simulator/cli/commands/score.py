"""`callcoach score FILE… [--format json|text|csv] [--rubric NAME|FILE]`.

json prints one score card per line (JSON Lines) in input order; text a readable
report; csv one row per session. A file that cannot be scored gets one error line
on stderr and the others are still scored; the exit code is 1 if any failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from simulator.errors import CallCoachError

PROGRESS_MIN_FILES = 20  # smaller batches finish before a bar would help


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score recorded sessions",
        description="Score session records (callcoach.session/1 JSON) and print score cards.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="session record (JSON)")
    parser.add_argument("--format", choices=("json", "text", "csv"), default="json")
    parser.add_argument(
        "--rubric",
        metavar="NAME|FILE",
        help="angry, logical, unreasonable, jp-contest or a rubric YAML file "
        "(default: the scenario's rubric, else the caller type)",
    )
    parser.set_defaults(handler=run)


def load_record(path: Path) -> Any:
    """The decoded JSON of ``path``; CallCoachError with file:line:col when it is not JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CallCoachError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CallCoachError(f"{path}: cannot read: {error}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise CallCoachError(
            f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}"
        ) from None


def score_file(path: Path, rubric: Any) -> dict[str, Any]:
    from scoring import RubricError, SessionError, score_session

    record = load_record(path)
    try:
        card = score_session(record, rubric=rubric)
    except (SessionError, RubricError) as error:
        raise CallCoachError(f"{path}: {error}") from None
    return {**card, "file": str(path)}


def _progress(done: int, total: int, stream: TextIO) -> None:
    width = 30
    filled = width * done // total
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
    if done == total:
        stream.write("\n")
    stream.flush()


def _resolve_rubric(spec: str | None) -> Any:
    if spec is None:
        return None
    from scoring import RubricError
    from scoring.rubric import resolve_rubric

    try:
        resolve_rubric(spec, "angry")  # fail once, up front, for a bad --rubric
    except RubricError as error:
        raise CallCoachError(str(error)) from None
    return spec


def run(args: argparse.Namespace) -> int:
    from scoring import report

    rubric = _resolve_rubric(args.rubric)
    paths = [Path(name) for name in args.files]
    show_progress = sys.stderr.isatty() and len(paths) >= PROGRESS_MIN_FILES
    cards: list[dict[str, Any]] = []
    failed = 0
    for number, path in enumerate(paths, 1):
        try:
            card = score_file(path, rubric)
        except CallCoachError as error:
            failed += 1
            if show_progress:
                sys.stderr.write("\n")
            print(f"callcoach: {error}", file=sys.stderr)
        else:
            cards.append(card)
            if args.format == "json":
                print(json.dumps(card, ensure_ascii=False), flush=False)
            elif args.format == "text":
                print(report.text_report(card))
        if show_progress:
            _progress(number, len(paths), sys.stderr)
    if args.format == "csv":
        report.write_csv(cards, csv.writer(sys.stdout, lineterminator="\n"))
    sys.stdout.flush()
    return 1 if failed else 0
