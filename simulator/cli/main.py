"""Entry point. Keeps `callcoach --help` instant: command modules import their heavy
dependencies only when they run."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from simulator import __version__
from simulator.cli.commands import COMMAND_MODULES
from simulator.errors import CallCoachError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callcoach",
        description="Role-play complaint calls: the caller speaks, you answer, CallCoach scores.",
    )
    parser.add_argument("--version", action="version", version=f"callcoach {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (default: SQLite in the data dir; env CALLCOACH_DB)",
    )
    parser.add_argument(
        "--ui-lang",
        choices=("ja", "en"),
        help="language of the interface (default: from the locale)",
    )
    parser.add_argument(
        "--scenarios",
        metavar="DIR",
        action="append",
        default=[],
        help="extra scenario folder (repeatable; env CALLCOACH_SCENARIOS)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"simulator.cli.commands.{name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from simulator.safe_text import SafeStream

    # Everything printed (tables, errors quoting a title or a name, argparse's usage
    # errors) goes through one sanitiser: stored text cannot drive the terminal.
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(sys.stdout), SafeStream(sys.stderr)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _set_interface_language(args.ui_lang)
    _prepare_output(args)
    try:
        if args.command is None:
            from simulator.cli.commands.tui import open_tui

            return open_tui(args)
        code = int(args.handler(args))
        sys.stdout.flush()  # inside the try: a closed pipe surfaces here, not at exit
        return code
    except CallCoachError as error:
        print(f"callcoach: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        from simulator.i18n import t

        print(f"callcoach: {t('cli.interrupted')}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()


def _set_interface_language(chosen: str | None) -> None:
    """Every command speaks the interface language: --ui-lang, else the locale."""
    from simulator.i18n import default_language, set_language

    set_language(chosen or default_language())


# Outputs other programs read: always UTF-8, whatever the locale says (JSON is UTF-8 by
# definition; our CSV carries a BOM for Excel; HTML declares utf-8).
_MACHINE_FORMATS = {"json", "jsonl", "csv", "xapi", "html"}


def _prepare_output(args: argparse.Namespace) -> None:
    """Japanese text must never crash a print. Machine-readable output is written as
    UTF-8; text for people keeps the terminal's encoding, with characters it cannot
    show escaped (`\\u3042`) instead of a UnicodeEncodeError."""
    machine = args.command == "schema" or getattr(args, "format", None) in _MACHINE_FORMATS
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding in ("utf-8", "utf8") or not hasattr(stream, "reconfigure"):
            continue
        if machine and stream is sys.stdout:
            stream.reconfigure(encoding="utf-8")
        else:
            stream.reconfigure(errors="backslashreplace")


def _reader_went_away() -> int:
    """`callcoach history | head`: the reader closed the pipe. Not an error; point
    stdout at /dev/null so the interpreter's final flush does not complain."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141  # 128 + SIGPIPE, as a shell reports a command cut off by a pipe
