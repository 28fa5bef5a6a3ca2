"""Which database to open, and how to name it without leaking credentials.

``--db`` takes a SQLAlchemy URL (``sqlite:///PATH``, ``postgresql+psycopg://…``) or a
plain file path (taken as SQLite). Every message that names a database goes through
``masked`` / ``scrub`` so a password never reaches the terminal or a log.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.errors import CallCoachError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

ENV_DB = "CALLCOACH_DB"
SUPPORTED = "sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST/DB"

# user:password@ inside anything that looks like a URL.
_CREDENTIALS = re.compile(r"(?P<scheme>[A-Za-z][\w+.-]*://)(?P<user>[^:/@\s]*):(?P<pw>[^@\s]*)@")
# libpq parameters that carry a secret, in a URL query (?password=…&sslpassword=…) or a
# key=value connection string (password=… or password='…'). passfile names a file: shown.
SECRET_PARAMETERS = ("password", "sslpassword")
_SECRET_PARAMETER = re.compile(
    r"(?P<key>(?<![\w-])(?:password|sslpassword)\s*=\s*)"
    r"(?P<value>'(?:[^'\\]|\\.)*'?|[^&\s'\"]*)",
    re.IGNORECASE,
)


def mask_text(text: str) -> str:
    """Replace any ``user:password@`` in free text with ``user:***@``, and the value
    of any ``password=`` / ``sslpassword=`` parameter with ``***``."""
    text = _CREDENTIALS.sub(lambda m: f"{m['scheme']}{m['user']}:***@", text)
    return _SECRET_PARAMETER.sub(lambda m: f"{m['key']}***", text)


def chosen_url(url: str | None) -> tuple[str, bool]:
    """The URL to open and whether it is the default one (whose folder we may create)."""
    if url:
        return url, False
    if env := os.environ.get(ENV_DB, "").strip():
        return env, False
    from simulator.paths import default_db_url

    return default_db_url(), True


def parse_url(raw: str) -> URL:
    """A SQLAlchemy URL for ``raw``; plain paths become SQLite, and ``postgresql://``
    uses psycopg 3 (the driver CallCoach ships), not psycopg2."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if "://" not in raw:
        raw = f"sqlite:///{Path(raw).expanduser()}"
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise CallCoachError(
            f"{mask_text(raw)}: not a database URL (expected {SUPPORTED})"
        ) from None
    if url.get_backend_name() == "sqlite" and (url.database or "").startswith("file:"):
        raise CallCoachError(f"{masked(url)}: give the SQLite database as a path, not a file: URI")
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise CallCoachError(
            f"{masked(url)}: unsupported database '{backend}' (expected {SUPPORTED})"
        )
    return url


def masked(url: URL) -> str:
    """The URL as shown to people: no password, in the user part or in the query."""
    return mask_text(url.render_as_string(hide_password=True))


def scrub(message: str, url: URL) -> str:
    """A driver's error message with the URL's passwords removed, on one line."""
    text = mask_text(message)
    for secret in _secrets_of(url):
        text = text.replace(secret, "***")
    return " ".join(text.split())


def _secrets_of(url: URL) -> list[str]:
    secrets = [str(url.password)] if url.password else []
    for key, value in url.query.items():
        if key.lower() in SECRET_PARAMETERS:
            values = value if isinstance(value, tuple) else (value,)
            secrets.extend(v for v in values if v)
    return secrets


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL; None for in-memory databases."""
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    return Path(database).expanduser()
