"""`callcoach doctor` — check audio devices, voices, speech recognition and the
database, and say exactly how to fix whatever is missing."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check devices, voices, speech recognition and the database",
        description="Check what voice mode and storage need; print the fix for anything missing.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.audio.checks import audio_checks

    sections = [*audio_checks(), ("Database", [database_check(args.db)])]
    problems = 0
    for title, checks in sections:
        print(title)
        for check in checks:
            print(f"  {_mark(check)} {check.what}: {check.detail}")
            problems += not check.ok and not check.optional
    print()
    if problems:
        print(f"{problems} problem(s) found; text mode (--input text) works without audio.")
    else:
        print("Everything needed is in place.")
    database_ok = sections[-1][1][0].ok
    return 0 if database_ok else 1


def _mark(check: Any) -> str:
    if check.ok:
        return "ok "
    return " - " if check.optional else "NO "


def database_check(db: str | None) -> Any:
    """Can the database be opened? Never creates or changes it."""
    from simulator.audio.checks import Check

    try:
        from simulator.store.connect import create_engine_for
        from simulator.store.urls import chosen_url, masked, parse_url, sqlite_path
    except ImportError:
        return Check(False, "database", "storage module not installed with this build")
    from simulator.errors import CallCoachError

    url = None
    try:
        raw, _default = chosen_url(db)
        url = parse_url(raw)
        where = masked(url)
        path = sqlite_path(url)
        if path is not None and not path.exists():
            return Check(True, "database", f"{where} (not created yet; made on first use){SOLO}")
        engine = create_engine_for(url, create_folder=False)
        try:
            from sqlalchemy import text

            with engine.connect() as connection:
                connection.execute(text("select 1"))
                who = _who(connection) if path is None else SOLO
        finally:
            engine.dispose()
    except CallCoachError as error:
        return Check(False, "database", str(error))
    except Exception as error:  # a driver error: report it in one line, never a traceback
        from simulator.store.urls import mask_text, scrub

        reason = f"{type(error).__name__}: {getattr(error, 'orig', None) or error}"
        shown = mask_text(" ".join(reason.split())) if url is None else scrub(reason, url)
        return Check(False, "database", f"cannot open ({shown})")
    return Check(True, "database", f"{where} opens{who}")


# SQLite has no logins: whoever can read the file can read every call in it.
SOLO = " — SQLite: single-user (--as names people, it does not authenticate them)"


def _who(connection: Any) -> str:
    """On PostgreSQL: the login, and whether the database was set up for logins."""
    from sqlalchemy import text

    login = connection.execute(text("select session_user")).scalar()
    ready = connection.execute(text("select to_regproc('callcoach_groups') is not null")).scalar()
    if ready:
        return f" — PostgreSQL: you are {login} (row-level security on)"
    return (
        f" — PostgreSQL as {login}: no logins set up yet (its owner runs callcoach admin init-db)"
    )
