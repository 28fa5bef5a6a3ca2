"""A team database on PostgreSQL: who you are is your database login.

Group roles (``<prefix>_trainee``, ``<prefix>_trainer``, ``<prefix>_admin``; the prefix
is ``callcoach`` unless ``admin init-db --prefix`` chose another, remembered by the
function ``callcoach_groups()``) carry the table privileges; the row-level
security policies of migration 0003 decide which rows. ``init_db`` creates the groups
and grants; ``add_login`` creates one person's login in the right group, with a
password hashed here (SCRAM) so the clear text never reaches the server's logs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError, UsageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store import Store

DEFAULT_PREFIX = "callcoach"
SETTING = "callcoach_groups"
KINDS = ("trainee", "trainer", "admin")
MAX_ROLE_BYTES = 63  # PostgreSQL's NAMEDATALEN - 1
_PREFIX = re.compile(r"^[a-z_][a-z0-9_]{0,40}$")
TABLES = (
    "trainees",
    "teams",
    "team_members",
    "assignments",
    "sessions",
    "utterances",
    "events",
    "drill_runs",
    "drill_sessions",
    "recordings",
)
# What each group may do; the policies narrow it to rows. Trainers are also trainees.
TRAINEE_GRANTS = (
    "GRANT USAGE ON SCHEMA public TO {g}",
    f"GRANT SELECT ON {', '.join(TABLES)}, alembic_version TO {{g}}",
    "GRANT INSERT ON sessions, utterances, events, drill_runs, drill_sessions, recordings TO {g}",
    "GRANT UPDATE ON utterances, recordings TO {g}",
    "GRANT UPDATE (finished_at) ON drill_runs TO {g}",
    "GRANT USAGE ON SEQUENCE drill_runs_id_seq TO {g}",
    "GRANT EXECUTE ON FUNCTION callcoach_finish_session(text, text, jsonb) TO {g}",
)
TRAINER_GRANTS = (
    "GRANT INSERT, UPDATE, DELETE ON assignments TO {g}",
    "GRANT USAGE ON SEQUENCE assignments_id_seq TO {g}",
)
ADMIN_GRANTS = (
    "GRANT USAGE ON SCHEMA public TO {g}",
    f"GRANT ALL ON {', '.join(TABLES)}, alembic_version TO {{g}}",
    "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {g}",
    "GRANT EXECUTE ON FUNCTION callcoach_finish_session(text, text, jsonb) TO {g}",
)


@dataclass(frozen=True)
class Groups:
    prefix: str

    def of(self, kind: str) -> str:
        return f"{self.prefix}_{kind}"


def is_shared(store: object) -> bool:
    """A PostgreSQL store (anything without an engine, such as a test's stand-in, is not)."""
    dialect = getattr(getattr(store, "engine", None), "dialect", None)
    return getattr(dialect, "name", None) == "postgresql"


def has_logins(store: Any) -> bool:
    """A PostgreSQL database set up by ``admin init-db``: a user is then a login, so
    `trainee add` may not invent one without its password."""
    if not is_shared(store):
        return False
    known = store.__dict__.get("_has_logins")
    if known is None:
        known = bool(store.read(_groups_function_exists))
        store.__dict__["_has_logins"] = known
    return bool(known)


def _groups_function_exists(db: OrmSession) -> bool:
    from sqlalchemy import text

    return bool(db.scalar(text("SELECT to_regproc(:f) IS NOT NULL"), {"f": SETTING}))


def login_name(db: OrmSession) -> str:
    from sqlalchemy import text

    return str(db.scalar(text("SELECT session_user")))


def login_role(db: OrmSession) -> tuple[str, str | None]:
    """The login and what it is here: trainee, trainer, admin, or None (no user row)."""
    from sqlalchemy import text

    row = db.execute(text("SELECT session_user, callcoach_role(), callcoach_is_admin()")).one()
    return str(row[0]), "admin" if row[2] else row[1]


def check_role_name(name: str) -> None:
    if len(name.encode("utf-8")) > MAX_ROLE_BYTES:
        raise UsageError(
            f"{name}: too long for a PostgreSQL login ({len(name.encode('utf-8'))} bytes,"
            f" at most {MAX_ROLE_BYTES})"
        )


def groups_of(db: OrmSession) -> Groups:
    from sqlalchemy import text

    prefix = db.scalar(text(f"SELECT {SETTING}()")) if _groups_function_exists(db) else None
    if not prefix:
        raise CallCoachError(
            "this database has no CallCoach roles yet: its owner runs `callcoach admin init-db`"
        )
    return Groups(str(prefix))


def init_db(store: Store, prefix: str = DEFAULT_PREFIX) -> Groups:
    """Create the group roles (if missing) and grant them what they need; make the login
    running this an admin user. Safe to run again."""
    if not _PREFIX.match(prefix):
        raise UsageError(f"--prefix {prefix!r}: expected lower-case letters, digits and _")
    groups = Groups(prefix)

    def work(db: OrmSession) -> None:
        connection = db.connection()
        for kind in KINDS:
            _ensure_group(connection, groups.of(kind))
        _grant(connection, groups)
        database = _ident(connection, db.scalar(_sql("SELECT current_database()")))
        connection.exec_driver_sql(f"REVOKE ALL ON DATABASE {database} FROM PUBLIC")
        for kind in KINDS:
            connection.exec_driver_sql(
                f"GRANT CONNECT ON DATABASE {database} TO {_ident(connection, groups.of(kind))}"
            )
        # Remembered as a tiny function: a custom database setting needs a superuser.
        connection.exec_driver_sql(
            f"CREATE OR REPLACE FUNCTION {SETTING}() RETURNS text LANGUAGE sql IMMUTABLE"
            f" AS $$ SELECT {_literal(connection, prefix)}::text $$"
        )
        _ensure_user_row(db, login_name(db), "admin")

    store.write(work, "set up roles in")
    return groups


def _sql(text_: str) -> Any:
    from sqlalchemy import text

    return text(text_)


def _ident(connection: Connection, name: object) -> str:
    import psycopg.sql

    raw = connection.connection.driver_connection
    return psycopg.sql.Identifier(str(name)).as_string(raw)


def _literal(connection: Connection, value: str) -> str:
    import psycopg.sql

    return psycopg.sql.Literal(value).as_string(connection.connection.driver_connection)


def _ensure_group(connection: Connection, group: str) -> None:
    exists = connection.execute(_sql("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": group})
    if exists.first() is None:
        connection.exec_driver_sql(f"CREATE ROLE {_ident(connection, group)} NOLOGIN")


def _grant(connection: Connection, groups: Groups) -> None:
    trainee, trainer, admin = (_ident(connection, groups.of(k)) for k in KINDS)
    for statement in TRAINEE_GRANTS:
        connection.exec_driver_sql(statement.format(g=trainee))
    for statement in TRAINER_GRANTS:
        connection.exec_driver_sql(statement.format(g=trainer))
    for statement in ADMIN_GRANTS:
        connection.exec_driver_sql(statement.format(g=admin))
    connection.exec_driver_sql(f"GRANT {trainee} TO {trainer}")
    connection.exec_driver_sql(f"GRANT {trainer} TO {admin}")


def _ensure_user_row(db: OrmSession, name: str, role: str) -> None:
    from simulator.store.models import Trainee
    from simulator.store.teams import find_user

    user = find_user(db, name)
    if user is None:
        db.add(Trainee(name=name, created_at=datetime.now(UTC), role=role))
    else:
        user.role = role
    db.flush()


def add_login(
    store: Store, name: str, kind: str, password: str, teams: tuple[str, ...] = ()
) -> None:
    """A new login ``name`` in ``kind``'s group, its user row and its teams, in one
    transaction (a failure leaves no half-made person)."""
    from simulator.store.names import trainee_name
    from simulator.store.teams import join_team

    name = trainee_name(name)  # the login is the CallCoach name, stored NFKC as every name
    if not name:
        raise UsageError("a login name cannot be empty")
    check_role_name(name)

    def work(db: OrmSession) -> None:
        connection = db.connection()
        groups = groups_of(db)
        exists = connection.execute(_sql("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
        if exists.first() is not None:
            raise CallCoachError(f"{name}: a database role with this name already exists")
        role = _ident(connection, name)
        verifier = _scram(connection, name, password)
        # An admin adds people too, which takes CREATEROLE (not inherited from a group).
        extra = " CREATEROLE" if kind == "admin" else ""
        connection.exec_driver_sql(
            f"CREATE ROLE {role} LOGIN{extra} IN ROLE {_ident(connection, groups.of(kind))}"
        )
        # The verifier, not the password: the clear text never leaves this process.
        connection.exec_driver_sql(f"ALTER ROLE {role} PASSWORD {_literal(connection, verifier)}")
        _ensure_user_row(db, name, kind)
        for team in teams:
            join_team(db, name, team)

    store.write(work, "add a login to")


def move_to_group(db: OrmSession, name: str, kind: str) -> None:
    """After a role change: the login's group membership follows its user row."""
    connection = db.connection()
    groups = groups_of(db)
    exists = connection.execute(_sql("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    if exists.first() is None:
        return  # a user row without a login (imported sessions): nothing to move
    role = _ident(connection, name)
    for other in KINDS:
        group = _ident(connection, groups.of(other))
        verb = "GRANT {g} TO {r}" if other == kind else "REVOKE {g} FROM {r}"
        connection.exec_driver_sql(verb.format(g=group, r=role))


def _scram(connection: Connection, name: str, password: str) -> str:
    raw: Any = connection.connection.driver_connection
    hashed = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return bytes(hashed).decode("ascii")
