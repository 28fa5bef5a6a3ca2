"""`callcoach score FILE… [--format json|text|csv] [--rubric NAME|FILE] [--jobs N]`.

json prints one score card per line (JSON Lines) in input order; text a readable
report; csv one row per session. A file that cannot be scored gets one error line
on stderr and the others are still scored; the exit code is 1 if any failed.
Large batches are scored in worker processes, one per CPU, output order kept.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from simulator.errors import CallCoachError

PROGRESS_MIN_FILES = 20  # smaller batches finish before a bar would help
PARALLEL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves


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
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="worker processes for large batches (default: one per CPU; 1 = none)",
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


def _score_or_error(path: Path, rubric: Any) -> dict[str, Any] | str:
    """A score card, or the one-line error for this file (picklable either way)."""
    try:
        return score_file(path, rubric)
    except CallCoachError as error:
        return str(error)


def _warm_up() -> None:
    """Load lexicons and pyopenjtalk before forking, so workers inherit them."""
    from scoring import detect

    detect("申し訳ございません", "ja")
    detect("sorry", "en")


def _results(paths: list[Path], rubric: Any, jobs: int) -> Iterator[dict[str, Any] | str]:
    """Cards or errors in input order; in worker processes for large batches."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for path in paths:
            yield _score_or_error(path, rubric)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up()
    # fork: workers start with everything loaded (spawn would reload per worker)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        chunk = max(1, min(32, len(paths) // (jobs * 8)))
        yield from pool.map(_score_or_error, paths, [rubric] * len(paths), chunksize=chunk)


def _jobs(requested: int | None) -> int:
    if requested is not None and requested < 1:
        raise CallCoachError(f"--jobs must be at least 1, not {requested}")
    if requested is not None:
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def run(args: argparse.Namespace) -> int:
    from scoring import report

    rubric = _resolve_rubric(args.rubric)
    jobs = _jobs(getattr(args, "jobs", None))
    paths = [Path(name) for name in args.files]
    show_progress = sys.stderr.isatty() and len(paths) >= PROGRESS_MIN_FILES
    cards: list[dict[str, Any]] = []
    failed = 0
    for number, result in enumerate(_results(paths, rubric, jobs), 1):
        if isinstance(result, str):
            failed += 1
            if show_progress:
                sys.stderr.write("\n")
            print(f"callcoach: {result}", file=sys.stderr)
        else:
            cards.append(result)
            if args.format == "json":
                print(json.dumps(result, ensure_ascii=False), flush=False)
            elif args.format == "text":
                print(report.text_report(result))
        if show_progress:
            _progress(number, len(paths), sys.stderr)
    if args.format == "csv":
        report.write_csv(cards, csv.writer(sys.stdout, lineterminator="\n"))
    sys.stdout.flush()
    return 1 if failed else 0
