"""`callcoach validate PATH…` — check scenario and set files; every problem, one line each."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check scenario and set files",
        description=(
            "Check scenario and set files (folders are searched for *.yaml / *.yml). "
            "Prints every problem as file:line:col; exit 1 if any is an error "
            "(or, with --strict, a warning)."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    parser.add_argument(
        "--strict", action="store_true", help="warnings fail the check too (exit 1)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.scenario.loader import validate_report

    report = validate_report(args.paths, [Path(d) for d in args.scenarios])
    shown = [p for p in report.problems if p.is_error or not args.quiet]
    for problem in shown:
        print(problem)
    errors = sum(1 for p in report.problems if p.is_error)
    warnings = len(report.problems) - errors
    files = len(report.files)
    noun = "file" if files == 1 else "files"
    if errors or (args.strict and warnings):
        print(f"{errors} error(s), {warnings} warning(s) in {files} {noun} checked")
        return 1
    tail = f" ({warnings} warning(s))" if warnings else ""
    print(f"{files} {noun} OK{tail}")
    return 0
