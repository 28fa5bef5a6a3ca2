"""A team database with real logins: the owner runs `admin init-db`, then trainees
alice and bob (teams t1, t2) and trainer tina (t1) get logins whose passwords sit in a
PGPASSFILE, never in a URL. Roles are cluster-wide, so every name carries a prefix
unique to the test, and all of them are dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from simulator.cli.main import main

PEOPLE = (("alice", "trainee", "t1"), ("bob", "trainee", "t2"), ("tina", "trainer", "t1"))


@dataclass
class TeamDb:
    owner_url: str
    prefix: str
    passwords: dict[str, str]

    def login(self, who: str) -> str:
        """The login of ``who`` (a prefix keeps cluster-wide role names apart)."""
        return f"{self.prefix}_{who}"

    def url(self, who: str) -> str:
        """A URL with no password in it: libpq finds it in PGPASSFILE."""
        owner = make_url(self.owner_url)
        return f"postgresql+psycopg://{self.login(who)}@{owner.host}:{owner.port}/{owner.database}"

    def dsn(self, who: str) -> str:
        url = make_url(self.owner_url if who == "owner" else self.url(who))
        return url.set(drivername="postgresql").render_as_string(hide_password=False)

    def cli(self, who: str, *argv: str) -> int:
        url = self.owner_url if who == "owner" else self.url(who)
        return main(["--db", url, *argv])


@pytest.fixture
def team_db(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TeamDb]:
    prefix = f"cct{uuid.uuid4().hex[:10]}"
    team = TeamDb(pg_url, prefix, {})
    monkeypatch.delenv("CALLCOACH_USER", raising=False)
    assert main(["--db", pg_url, "admin", "init-db", "--prefix", prefix]) == 0
    url = make_url(pg_url)
    lines = []
    try:
        for who, kind, group in PEOPLE:
            password = f"pw-{uuid.uuid4().hex}"
            team.passwords[who] = password
            monkeypatch.setenv("CALLCOACH_NEW_PASSWORD", password)
            argv = ["--db", pg_url, "admin", f"add-{kind}", team.login(who), "--team", group]
            assert main(argv) == 0
            lines.append(f"{url.host}:{url.port}:{url.database}:{team.login(who)}:{password}")
        monkeypatch.delenv("CALLCOACH_NEW_PASSWORD")
        passfile = tmp_path / "pgpass"
        passfile.write_text("\n".join(lines) + "\n", encoding="utf-8")
        os.chmod(passfile, 0o600)
        monkeypatch.setenv("PGPASSFILE", str(passfile))
        yield team
    finally:
        drop_roles(pg_url, prefix)


def drop_roles(owner_url: str, prefix: str) -> None:
    import psycopg

    plain = make_url(owner_url).set(drivername="postgresql")
    with psycopg.connect(plain.render_as_string(hide_password=False), autocommit=True) as db:
        db.execute("SET lock_timeout = '10s'")
        # The tables (and the grants on them) go with the schema; then the roles.
        db.execute("DROP SCHEMA IF EXISTS public CASCADE")
        db.execute("CREATE SCHEMA public")
        database = plain.database
        db.execute(f'GRANT CONNECT ON DATABASE "{database}" TO PUBLIC')
        roles = db.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s ORDER BY rolcanlogin DESC",
            (f"{prefix}\\_%",),
        ).fetchall()
        for (role,) in roles:
            db.execute(f'REVOKE ALL ON DATABASE "{database}" FROM "{role}"')
            db.execute(f'DROP ROLE "{role}"')
