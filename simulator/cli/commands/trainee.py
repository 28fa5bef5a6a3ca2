"""`callcoach trainee` — users (trainees and trainers) and teams."""

from __future__ import annotations

import argparse
import json
from typing import Any

from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.team.cli_support import add_as_option

# Roles as the interface names them (the stored value and --role stay English).
ROLE_KEYS = {
    "trainee": "users.role.trainee",
    "trainer": "users.role.trainer",
    "admin": "users.role.admin",
}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "trainee",
        help="manage trainees, trainers and teams",
        description="Users have a role (trainee or trainer) and may belong to teams. "
        "While a database has no trainer anyone may make the first one; after that only "
        "trainers change roles and teams.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user (or change their role and teams)")
    add.add_argument("name")
    add.add_argument("--role", choices=("trainee", "trainer"), default=None)
    add.add_argument("--team", action="append", default=[], metavar="TEAM", help="repeatable")
    listing = actions.add_parser("list", help="list users, their roles and teams")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    join = actions.add_parser("join", help="put a user in a team (created on first use)")
    join.add_argument("name")
    join.add_argument("team")
    leave = actions.add_parser("leave", help="take a user out of a team")
    leave.add_argument("name")
    leave.add_argument("team")
    for action in (add, listing, join, leave):
        add_as_option(action)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.store import open_store
    from simulator.store.pgaccess import has_logins
    from simulator.team.access import require_trainer, viewer

    with open_store(args.db) as store:
        if args.action == "list":
            return _list(store, args.format)
        who = viewer(store, args.acting)
        require_trainer(who, t("users.why"))
        shared = has_logins(store)
        store.write(lambda db: _change(db, args, who.name, shared), "save users to")
    print(_done(args))
    return 0


def _change(db: Any, args: argparse.Namespace, by: str | None, shared: bool) -> None:
    from simulator.store import pgaccess, teams

    if shared and teams.find_user(db, args.name) is None:
        # On PostgreSQL a user is a login: it is made with its password.
        raise CallCoachError(t("users.no_login", name=args.name))
    if args.action == "add":
        teams.ensure_user(db, args.name)
        if args.role:
            teams.set_role(db, args.name, args.role, by=by)
            if shared:
                pgaccess.move_to_group(db, args.name, args.role)
        for team in args.team:
            teams.join_team(db, args.name, team)
    elif args.action == "join":
        teams.join_team(db, args.name, args.team)
    else:
        teams.leave_team(db, args.name, args.team)


def _done(args: argparse.Namespace) -> str:
    if args.action == "add":
        role = t("users.saved.role", role=role_name(args.role)) if args.role else ""
        joined = t("users.saved.teams", teams=", ".join(args.team)) if args.team else ""
        return t("users.saved", name=args.name, role=role, teams=joined)
    key = "users.joined" if args.action == "join" else "users.left"
    return t(key, name=args.name, team=args.team)


def role_name(role: str) -> str:
    return t(ROLE_KEYS[role]) if role in ROLE_KEYS else role


def _list(store: Any, fmt: str) -> int:
    from simulator.store.teams import list_users
    from simulator.team.cli_support import table

    users = store.read(list_users)
    if fmt == "json":
        print(json.dumps([u.as_json() for u in users], ensure_ascii=False, indent=2))
    elif users:
        rows = [(u.name, role_name(u.role), ", ".join(u.teams) or "-") for u in users]
        header = (t("users.header.name"), t("users.header.role"), t("users.header.teams"))
        print(table(header, rows))
    else:
        print(t("users.none"))
    return 0
