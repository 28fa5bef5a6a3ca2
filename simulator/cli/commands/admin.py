"""`callcoach admin` — set up a team database on PostgreSQL: roles, policies, logins."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from simulator.errors import CallCoachError, UsageError
from simulator.i18n import t

ENV_PASSWORD = "CALLCOACH_NEW_PASSWORD"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "admin",
        help="set up a PostgreSQL team database: roles, policies, logins",
        description="For a team database on PostgreSQL, where each person logs in as their "
        "own database role. Run by the database owner (a login with CREATEROLE).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init-db", help="create the group roles, grants and row-level security (safe to repeat)"
    )
    init.add_argument(
        "--prefix", default="callcoach", help="group role names PREFIX_trainee/_trainer/_admin"
    )
    for kind in ("trainee", "trainer", "admin"):
        add = actions.add_parser(f"add-{kind}", help=f"create the login of a new {kind}")
        add.add_argument("name", help="the login name (also their CallCoach name)")
        add.add_argument("--team", action="append", default=[], metavar="TEAM", help="repeatable")
        add.add_argument(
            "--password-file",
            metavar="FILE",
            help=f"read the password from FILE (default: env {ENV_PASSWORD}, else asked)",
        )
        add.set_defaults(kind=kind)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.store import open_store
    from simulator.store.pgaccess import add_login, init_db, is_shared, login_role

    with open_store(args.db) as store:
        if not is_shared(store):
            raise UsageError(t("admin.sqlite"))
        if args.action == "init-db":
            groups = init_db(store, args.prefix)
            login, _ = store.read(login_role)
            names = ", ".join(groups.of(k) for k in ("trainee", "trainer", "admin"))
            print(t("admin.ready", names=names, login=login))
            return 0
        login, role = store.read(login_role)
        if role != "admin":
            raise CallCoachError(t("admin.not_admin", login=login))
        password = _new_password(args)
        add_login(store, args.name, args.kind, password, tuple(args.team))
    from simulator.cli.commands.trainee import role_name

    teams = t("admin.teams", teams=", ".join(args.team)) if args.team else ""
    print(t("admin.created", name=args.name, kind=role_name(args.kind), teams=teams))
    return 0


def _new_password(args: argparse.Namespace) -> str:
    """From a file, the environment or the terminal — never from the command line,
    where it would sit in the shell history and the process list."""
    if args.password_file:
        try:
            with open(args.password_file, encoding="utf-8") as handle:
                password = handle.readline().rstrip("\r\n")
        except OSError as error:
            raise CallCoachError(
                t("admin.cannot_read", path=args.password_file, reason=error.strerror)
            ) from None
    elif ENV_PASSWORD in os.environ:
        password = os.environ[ENV_PASSWORD]
    else:
        password = _ask_twice(args.name)
    if len(password) < 8:
        raise UsageError(t("admin.too_short", name=args.name))
    return password


def _ask_twice(name: str) -> str:
    import getpass

    if not sys.stdin.isatty():
        raise UsageError(t("admin.no_terminal", name=name, variable=ENV_PASSWORD))
    first = getpass.getpass(t("admin.ask", name=name))
    if getpass.getpass(t("admin.again")) != first:
        raise UsageError(t("admin.differ"))
    return first
