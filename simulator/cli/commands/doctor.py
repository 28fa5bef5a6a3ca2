"""`callcoach doctor` — check audio devices, voices, speech recognition and the
database, and say exactly how to fix whatever is missing."""

from __future__ import annotations

import argparse
from typing import Any

from simulator.i18n import t


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check devices, voices, speech recognition and the database",
        description="Check what voice mode and storage need; print the fix for anything missing.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.audio.checks import audio_checks

    sections = [*audio_checks(), (t("doctor.section.database"), [database_check(args.db)])]
    problems = 0
    for title, checks in sections:
        print(title)
        for check in checks:
            print(f"  {_mark(check)} {check.what}: {check.detail}")
            problems += not check.ok and not check.optional
    print()
    if problems:
        print(t("doctor.problems", count=problems))
    else:
        print(t("doctor.all_ok"))
    database_ok = sections[-1][1][0].ok
    return 0 if database_ok else 1


def _mark(check: Any) -> str:
    if check.ok:
        return t("doctor.mark.ok")
    return t("doctor.mark.optional" if check.optional else "doctor.mark.missing")


def database_check(db: str | None) -> Any:
    """Can the database be opened? Never creates or changes it."""
    from simulator.audio.checks import Check

    try:
        from simulator.store.connect import create_engine_for
        from simulator.store.urls import chosen_url, masked, parse_url, sqlite_path
    except ImportError:
        return Check(False, t("doctor.database"), t("doctor.database.no_module"))
    from simulator.errors import CallCoachError

    what = t("doctor.database")
    url = None
    try:
        raw, _default = chosen_url(db)
        url = parse_url(raw)
        where = masked(url)
        path = sqlite_path(url)
        if path is not None and not path.exists():
            return Check(True, what, t("doctor.database.not_created", where=where, who=_solo()))
        engine = create_engine_for(url, create_folder=False)
        try:
            from sqlalchemy import text

            with engine.connect() as connection:
                connection.execute(text("select 1"))
                who = _who(connection) if path is None else _solo()
        finally:
            engine.dispose()
    except CallCoachError as error:
        return Check(False, what, str(error))
    except Exception as error:  # a driver error: report it in one line, never a traceback
        from simulator.store.urls import mask_text, scrub

        reason = f"{type(error).__name__}: {getattr(error, 'orig', None) or error}"
        shown = mask_text(" ".join(reason.split())) if url is None else scrub(reason, url)
        return Check(False, what, t("doctor.database.cannot_open", reason=shown))
    return Check(True, what, t("doctor.database.opens", where=where, who=who))


def _solo() -> str:
    # SQLite has no logins: whoever can read the file can read every call in it.
    return t("doctor.database.solo")


def _who(connection: Any) -> str:
    """On PostgreSQL: the login, and whether the database was set up for logins."""
    from sqlalchemy import text

    login = connection.execute(text("select session_user")).scalar()
    ready = connection.execute(text("select to_regproc('callcoach_groups') is not null")).scalar()
    return t("doctor.database.pg_ready" if ready else "doctor.database.pg_not_ready", login=login)
