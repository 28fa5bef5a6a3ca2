"""Databases that cannot be opened: one clear line, the file left alone, no password."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from simulator.errors import CallCoachError
from simulator.store import open_store
from simulator.store.urls import mask_text


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_a_file_that_is_not_a_database_is_left_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_bytes("大事なメモ — not a database\n".encode() * 200)
    before = fingerprint(notes)
    with pytest.raises(CallCoachError, match="not a SQLite database") as caught:
        open_store(f"sqlite:///{notes}")
    assert "\n" not in str(caught.value)
    assert fingerprint(notes) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, no -shm


def test_a_truncated_sqlite_file_is_left_untouched(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\xff" * 50)
    before = fingerprint(broken)
    with pytest.raises(CallCoachError, match="cannot open the database"):
        open_store(str(broken))
    assert fingerprint(broken) == before


def test_another_applications_sqlite_database_is_left_untouched(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('佐藤')")
    connection.close()
    before = fingerprint(other)
    with pytest.raises(CallCoachError, match="not a CallCoach database"):
        open_store(f"sqlite:///{other}")
    assert fingerprint(other) == before


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(CallCoachError, match="is a folder"):
        open_store(f"sqlite:///{tmp_path}")


def test_a_missing_folder_in_an_explicit_url_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CallCoachError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'nowhere' / 'x.db'}")
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root:hunter2@db/x", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://root:hunter2@db/x", "driver psycopg2 is not installed"),
        ("postgresql+psycopg://root:hunter2@127.0.0.1:1/x", "cannot open the database"),
        ("postgresql+psycopg://root:hunter2@[::1/x", "not a database URL"),
    ],
)
def test_errors_never_show_the_password(url: str, message: str) -> None:
    with pytest.raises(CallCoachError) as caught:
        open_store(url)
    shown = str(caught.value)
    assert message in shown
    assert "hunter2" not in shown
    assert "\n" not in shown


@pytest.mark.postgres
def test_the_password_is_masked_on_postgresql_too(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    with open_store(pg_url) as store:
        password = make_url(pg_url).password
        assert password and password not in store.where and "***" in store.where
    wrong_db = make_url(pg_url).set(database="callcoach_no_such_db")
    with pytest.raises(CallCoachError) as caught:
        open_store(wrong_db.render_as_string(hide_password=False))
    assert str(password) not in str(caught.value)


def test_mask_text_hides_passwords_in_free_text() -> None:
    text = "failed: postgresql://ops:p%40ss@host/db and sqlite:///x.db"
    assert mask_text(text) == "failed: postgresql://ops:***@host/db and sqlite:///x.db"


def test_the_default_database_lives_in_the_data_dir(isolated_home: Path) -> None:
    with open_store() as store:
        path = isolated_home / "data" / "callcoach.db"
        assert store.where == f"sqlite:///{path}"
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_callcoach_db_env_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "team.db"
    monkeypatch.setenv("CALLCOACH_DB", f"sqlite:///{target}")
    with open_store() as store:
        assert store.where == f"sqlite:///{target}"
    assert target.is_file()
    assert open_store(f"sqlite:///{tmp_path / 'explicit.db'}").where.endswith("explicit.db")


def test_a_plain_path_is_a_sqlite_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("plain.db") as store:
        assert store.engine.dialect.name == "sqlite"
    assert (tmp_path / "plain.db").is_file()


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    empty = tmp_path / "new.db"
    empty.touch()
    with open_store(str(empty)) as store:
        assert store.history() == []
    assert empty.read_bytes().startswith(b"SQLite format 3")


def test_sqlite_uri_filenames_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CallCoachError, match="as a path"):
        open_store(f"sqlite:///file:{tmp_path / 'x.db'}?mode=ro&uri=true")
