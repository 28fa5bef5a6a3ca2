"""`callcoach validate PATH…` — check scenario and set files; every problem, one line each.

Exit codes, like a linter's: 0 the files are usable (warnings allowed unless --strict),
1 the files have problems, 2 nothing could be checked as asked — a path that does not
exist or cannot be read, or bad usage (argparse's own exit code for a bad option).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.i18n import t


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check scenario and set files",
        description=(
            "Check scenario and set files (folders are searched for *.yaml / *.yml). "
            "Prints every problem as file:line:col, in the interface language. "
            "Exit codes: 0 no errors (warnings allowed), 1 the files have errors "
            "(or, with --strict, warnings), 2 a path is missing or unreadable, or bad usage."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument("--quiet", "-q", action="store_true", help="print errors only")
    parser.add_argument(
        "--strict", action="store_true", help="warnings fail the check too (exit 1)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.errors import UsageError
    from simulator.scenario.loader import validate_report

    for path in args.paths:
        if not path.exists():
            raise UsageError(t("validate.no_such_path", path=path))
    report = validate_report(args.paths, [Path(d) for d in args.scenarios])
    unreadable = [item.problems[0] for item in report.files if item.unreadable]
    if unreadable:
        more = len(unreadable) - 1
        first = str(unreadable[0]) + (t("problem.and_more", count=more) if more else "")
        raise UsageError(first)
    shown = [p for p in report.problems if p.is_error or not args.quiet]
    for problem in shown:
        print(problem)
    errors = sum(1 for p in report.problems if p.is_error)
    warnings = len(report.problems) - errors
    files = len(report.files)
    if errors or (args.strict and warnings):
        key = "validate.failed.one" if files == 1 else "validate.failed.many"
        print(t(key, errors=errors, warnings=warnings, files=files))
        return 1
    tail = t("validate.ok.warnings", warnings=warnings) if warnings else ""
    print(t("validate.ok.one" if files == 1 else "validate.ok.many", files=files) + tail)
    return 0
