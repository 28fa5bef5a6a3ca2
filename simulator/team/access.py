"""Who is asking, and what they may see.

Each user has a role: ``trainee`` or ``trainer``. The CLI acts as ``--as NAME`` or env
``CALLCOACH_USER``. A trainee sees only their own transcripts and reports; trainers see
everyone's. A database with no trainer at all is one person's own: everything is open
there, so solo use needs no setup. This is who-is-asking, not authentication: on a
shared PostgreSQL server the database's own logins are what keeps people out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.errors import CallCoachError
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
        return self.open_database or self.role == "trainer"

    def may_see(self, trainee: str) -> bool:
        return self.is_trainer or (self.name is not None and trainee_name(trainee) == self.name)


def acting_name(given: str | None) -> str | None:
    raw = given if given is not None else os.environ.get(ENV_USER)
    name = trainee_name(raw) if raw else ""
    return name or None


def viewer(store: Store, given: str | None) -> Viewer:
    from simulator.store.teams import any_trainer, find_user

    name = acting_name(given)

    def look(db: OrmSession) -> tuple[bool, str]:
        user = None if name is None else find_user(db, name)
        return any_trainer(db), (user.role if user else "trainee")

    has_trainer, role = store.read(look)
    return Viewer(name, role, open_database=not has_trainer)


def require_identity(who: Viewer) -> None:
    if not who.open_database and who.name is None:
        raise AccessDenied(
            f"this database has trainers: say who you are with --as NAME or {ENV_USER}"
        )


def require_trainer(who: Viewer, what: str) -> None:
    require_identity(who)
    if not who.is_trainer:
        raise AccessDenied(f"only a trainer may {what}; {who.name} is a trainee")


def require_view_of(who: Viewer, trainee: str) -> None:
    """A trainee may see their own data only."""
    require_identity(who)
    if not who.may_see(trainee):
        raise AccessDenied(
            f"{who.name} may not see {trainee_name(trainee)}'s sessions:"
            " a trainee sees only their own (ask a trainer)"
        )


def scope_for(who: Viewer, trainee: str | None, wants_others: bool) -> str | None:
    """The trainee a view is limited to: a trainee's own name unless they are a trainer.
    ``wants_others``: the request names a team or a set, i.e. more than one person."""
    require_identity(who)
    if who.is_trainer:
        return trainee
    if trainee is None and not wants_others:
        return who.name
    if trainee is None:
        raise AccessDenied(
            f"{who.name} is a trainee: team and set reports are for trainers"
            f" (use --trainee {who.name} for your own)"
        )
    require_view_of(who, trainee)
    return trainee
