"""`callcoach score FILE… [--format json|text|csv] [--rubric NAME|FILE] [--jobs N]`.

json prints one score card per line (JSON Lines) in input order; text a readable
report in the interface language; csv one row per session. The default is text on
a terminal and json when the output goes to a pipe or a file. A file that cannot be
scored gets one error line on stderr and the others are still scored, on the
sequential and the parallel path alike; the exit code is 2 if any failed. Large
batches are scored in worker processes, one per CPU, output order kept.
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

from simulator.errors import CallCoachError, UsageError

PROGRESS_MIN_FILES = 20  # smaller batches finish before a bar would help
PARALLEL_MIN_FILES = 64  # below this, starting worker processes costs more than it saves


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score recorded sessions",
        description="Score session records (callcoach.session/1 JSON) and print score cards.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="session record (JSON)")
    parser.add_argument(
        "--format",
        choices=("json", "text", "csv"),
        # Decided here, so that main() knows before running whether the output is for
        # programs (UTF-8 whatever the locale) or for people.
        default="text" if sys.stdout.isatty() else "json",
        help="default: text on a terminal, json when piped",
    )
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


def score_file(path: Path, rubric: Any, wording: str | None = None) -> dict[str, Any]:
    """The score card of one session file; InputError (one line) for a bad file."""
    from scoring import RubricError, SessionError, score_session
    from simulator.inputs import InputError
    from simulator.inputs.session import read_session_file

    record = read_session_file(path)
    try:
        card = score_session(record, rubric=rubric, wording=wording)
    except (SessionError, RubricError) as error:
        raise InputError(str(path), str(error)) from None
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


def _score_or_error(path: Path, rubric: Any, wording: str | None) -> dict[str, Any] | str:
    """A score card, or the one-line error for this file (picklable either way): one
    file never stops the batch, in this process or in a worker."""
    try:
        return score_file(path, rubric, wording)
    except CallCoachError as error:
        return str(error)
    except Exception as error:  # a bug, not the user's fault: still one line, batch goes on
        detail = str(error).splitlines()[0][:200] if str(error) else ""
        what = f"could not be scored ({type(error).__name__}: {detail})"
        return f"{path}: {what} — please report this"


def _warm_up() -> None:
    """Load lexicons and pyopenjtalk before forking, so workers inherit them."""
    from scoring import detect

    detect("申し訳ございません", "ja")
    detect("sorry", "en")


def _results(
    paths: list[Path], rubric: Any, jobs: int, wording: str | None
) -> Iterator[dict[str, Any] | str]:
    """Cards or errors in input order; in worker processes for large batches."""
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        for path in paths:
            yield _score_or_error(path, rubric, wording)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_up()
    # fork: workers start with everything loaded (spawn would reload per worker)
    context = multiprocessing.get_context("fork")
    from concurrent.futures.process import BrokenProcessPool

    count = len(paths)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        chunk = max(1, min(32, count // (jobs * 8)))
        try:
            yield from pool.map(
                _score_or_error, paths, [rubric] * count, [wording] * count, chunksize=chunk
            )
        except BrokenProcessPool:  # a worker was killed (out of memory, a signal)
            raise CallCoachError(
                "a scoring worker process died; run again with --jobs 1 to find the file"
            ) from None


def _jobs(requested: int | None) -> int:
    if requested is not None and requested < 1:
        raise UsageError(f"--jobs must be at least 1, not {requested}")
    if requested is not None:
        return requested
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def run(args: argparse.Namespace) -> int:
    from scoring import report
    from simulator.cli.score_text import card_text
    from simulator.i18n import current_language, set_language

    rubric = _resolve_rubric(args.rubric)
    jobs = _jobs(getattr(args, "jobs", None))
    paths = [Path(name) for name in args.files]
    output = args.format or ("text" if sys.stdout.isatty() else "json")
    wording = None
    if output == "text":
        wording = getattr(args, "ui_lang", None) or current_language()
        set_language(wording)
    show_progress = sys.stderr.isatty() and len(paths) >= PROGRESS_MIN_FILES
    cards: list[dict[str, Any]] = []
    failed = 0
    for number, result in enumerate(_results(paths, rubric, jobs, wording), 1):
        if isinstance(result, str):
            failed += 1
            if show_progress:
                sys.stderr.write("\n")
            print(f"callcoach: {result}", file=sys.stderr)
        else:
            cards.append(result)
            if output == "json":
                print(json.dumps(result, ensure_ascii=False), flush=False)
            elif output == "text":
                print(card_text(result))
        if show_progress:
            _progress(number, len(paths), sys.stderr)
    if output == "csv":
        report.write_csv(cards, csv.writer(sys.stdout, lineterminator="\n"))
    sys.stdout.flush()
    return 2 if failed else 0
