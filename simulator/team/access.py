"""Who is asking, and what they may see.

On SQLite (the single-user default) each user has a role, ``trainee`` or
``trainer``, and the CLI acts as ``--as NAME`` or env ``CALLCOACH_USER``: a trainee
sees only their own transcripts and reports, trainers see everyone's, and a database
with no trainer at all is one person's own (everything open, no setup). That is
who-is-asking, not authentication: anyone who can open the file can read it.

On PostgreSQL the identity is the database login, authenticated by the server;
``--as`` and ``CALLCOACH_USER`` are refused, and row-level security (migration 0003,
simulator.store.pgaccess) decides what each login reads. The checks here then only
give clear messages before the database would say no.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.errors import CallCoachError, UsageError
from simulator.i18n import t
from simulator.store.names import trainee_name

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store

ENV_USER = "CALLCOACH_USER"


class AccessDenied(CallCoachError):
    pass


@dataclass(frozen=True)
class Viewer:
    name: str | None
    role: str  # "trainer" or "trainee"
    open_database: bool  # no trainer exists: a personal database

    @property
    def is_trainer(self) -> bool:
        return self.open_database or self.role in ("trainer", "admin")

    def may_see(self, trainee: str) -> bool:
        return self.is_trainer or (self.name is not None and trainee_name(trainee) == self.name)


def acting_name(given: str | None) -> str | None:
    raw = given if given is not None else os.environ.get(ENV_USER)
    name = trainee_name(raw) if raw else ""
    return name or None


def viewer(store: Store, given: str | None) -> Viewer:
    from simulator.store.pgaccess import is_shared
    from simulator.store.teams import any_trainer, find_user

    if is_shared(store):
        return login_viewer(store, given)
    name = acting_name(given)

    def look(db: OrmSession) -> tuple[bool, str]:
        user = None if name is None else find_user(db, name)
        return any_trainer(db), (user.role if user else "trainee")

    has_trainer, role = store.read(look)
    return Viewer(name, role, open_database=not has_trainer)


def refuse_acting(given: str | None) -> None:
    """On PostgreSQL nobody says who they are: the server already knows."""
    if given is not None or os.environ.get(ENV_USER, "").strip():
        where = "--as" if given is not None else ENV_USER
        raise UsageError(t("access.as_on_postgres", where=where))


def login_viewer(store: Store, given: str | None) -> Viewer:
    from simulator.store.pgaccess import login_role

    refuse_acting(given)
    login, role = store.read(login_role)
    if role is None:
        raise AccessDenied(t("access.not_a_pg_user", login=login))
    return Viewer(login, role, open_database=False)


def caller_of_call(store: Store, trainee: str | None, given: str | None = None) -> str | None:
    """Whose record a new call goes into: only ever the person taking it.

    PostgreSQL: the login (``--trainee`` may only repeat it). SQLite: ``--trainee``
    or ``CALLCOACH_USER`` (both given must agree); once the database has trainers the
    name must be a user they added — names are not created on the fly."""
    from simulator.store.pgaccess import is_shared
    from simulator.store.teams import any_trainer, find_user

    if is_shared(store):
        who = login_viewer(store, given)
        if trainee is not None and trainee_name(trainee) != who.name:
            raise UsageError(
                t("access.own_calls_pg", trainee=trainee_name(trainee), login=who.name)
            )
        return who.name
    acting = acting_name(given)
    name = trainee_name(trainee) if trainee else acting
    if acting is not None and name != acting:
        source = "--as" if given is not None else ENV_USER
        raise UsageError(t("access.own_calls", trainee=name, acting=acting, source=source))
    if name is None:
        return None
    known, has_trainer = store.read(lambda db: (find_user(db, name) is not None, any_trainer(db)))
    if has_trainer and not known:
        raise AccessDenied(t("access.unknown_user", name=name))
    return name


def require_identity(who: Viewer) -> None:
    if not who.open_database and who.name is None:
        raise AccessDenied(t("access.who_are_you", variable=ENV_USER))


def require_trainer(who: Viewer, what: str) -> None:
    require_identity(who)
    if not who.is_trainer:
        raise AccessDenied(t("access.trainers_only", what=what, name=who.name))


def require_view_of(who: Viewer, trainee: str) -> None:
    """A trainee may see their own data only."""
    require_identity(who)
    if not who.may_see(trainee):
        raise AccessDenied(t("access.own_only", name=who.name, trainee=trainee_name(trainee)))


def scope_for(who: Viewer, trainee: str | None, wants_others: bool) -> str | None:
    """The trainee a view is limited to: a trainee's own name unless they are a trainer.
    ``wants_others``: the request names a team or a set, i.e. more than one person."""
    require_identity(who)
    if who.is_trainer:
        return trainee
    if trainee is None and not wants_others:
        return who.name
    if trainee is None:
        raise AccessDenied(t("access.team_reports", name=who.name))
    require_view_of(who, trainee)
    return trainee
