"""Issue 14: on PostgreSQL each person is their own login, and row-level security keeps
them apart — through the CLI and with raw SQL as that login (psycopg, a password from
PGPASSFILE). Runs when CALLCOACH_TEST_PG_URL is set (.ci/postgres)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from simulator.store import open_store
from simulator.store.retrying_sink import OpeningSink, RetryingSink
from tests.team.conftest import SET_ID
from tests.team.pg_team import TeamDb, team_db

__all__ = ["team_db"]
pytestmark = pytest.mark.postgres

REPLAYS = Path(__file__).parents[1] / "library" / "replays"
SCENARIO = "en-angry-wrong-colour"
GOOD = REPLAYS / SCENARIO / "good.yaml"


def take_call(team: TeamDb, who: str, capsys: pytest.CaptureFixture[str]) -> str:
    """A call run by ``who`` from the CLI; the stored session's id."""
    assert team.cli(who, "run", SCENARIO, "--replay", str(GOOD)) == 0
    capsys.readouterr()
    assert team.cli(who, "history", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    return str(rows[0]["id"])


def sql(team: TeamDb, who: str) -> Any:
    import psycopg

    return psycopg.connect(team.dsn(who), autocommit=True)


def history_ids(team: TeamDb, who: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert team.cli(who, "history", "--format", "json") == 0
    return {row["id"] for row in json.loads(capsys.readouterr().out)}


def test_a_trainee_reads_and_changes_only_their_own_calls(
    team_db: TeamDb, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = take_call(team_db, "alice", capsys)
    theirs = take_call(team_db, "bob", capsys)
    assert history_ids(team_db, "alice", capsys) == {mine}
    assert team_db.cli("alice", "export") == 0
    exported = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["id"] for record in exported] == [mine]
    # Through the CLI: bob's call cannot be played, exported or purged by alice.
    assert team_db.cli("alice", "play", theirs) == 1
    assert "trainee:" not in capsys.readouterr().out  # none of bob's lines
    assert team_db.cli("alice", "purge", "--trainee", team_db.login("bob"), "--yes") != 0
    capsys.readouterr()
    # With raw SQL as alice's login: no rows to read, none to change, no rights to delete.
    import psycopg

    with sql(team_db, "alice") as db:
        for table, key in (("sessions", "id"), ("utterances", "session_id"),
                           ("events", "session_id")):  # fmt: skip
            count = db.execute(f"SELECT count(*) FROM {table} WHERE {key} = %s", (theirs,))
            assert count.fetchone() == (0,), table
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
        changed = db.execute("UPDATE utterances SET text = 'x' WHERE session_id = %s", (theirs,))
        assert changed.rowcount == 0
        for statement in (
            "UPDATE sessions SET total_score = 5",
            f"UPDATE sessions SET total_score = 5 WHERE id = '{mine}'",
            f"DELETE FROM sessions WHERE id = '{theirs}'",
            f"DELETE FROM utterances WHERE session_id = '{theirs}'",
            "UPDATE trainees SET role = 'trainer'",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement)
        # A finished call stays as it was scored: the finishing function works once.
        again = db.execute(
            "SELECT callcoach_finish_session(%s, 'resolved', '{\"total\": 100}')", (mine,)
        )
        assert again.fetchone() == (False,)
        total = db.execute("SELECT total_score FROM sessions WHERE id = %s", (mine,)).fetchone()
        assert total is not None and total[0] != 100
    with sql(team_db, "bob") as db:
        assert db.execute("SELECT count(*) FROM utterances WHERE session_id = %s", (theirs,))\
            .fetchone()[0] > 0  # fmt: skip
        text = db.execute("SELECT min(text) FROM utterances WHERE session_id = %s", (theirs,))
        assert text.fetchone() != ("x",)


def test_a_trainer_sees_their_teams_calls_only(
    team_db: TeamDb, capsys: pytest.CaptureFixture[str]
) -> None:
    alices = take_call(team_db, "alice", capsys)  # team t1, as tina
    take_call(team_db, "bob", capsys)  # team t2
    assert history_ids(team_db, "tina", capsys) == {alices}
    with sql(team_db, "tina") as db:
        names = {row[0] for row in db.execute("SELECT name FROM trainees")}
        assert names == {team_db.login("alice"), team_db.login("tina")}
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
    assert team_db.cli("owner", "history", "--format", "json") == 0
    assert len(json.loads(capsys.readouterr().out)) == 2  # the admin sees everyone's


def test_as_and_someone_elses_name_are_refused(
    team_db: TeamDb, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert team_db.cli("alice", "history", "--as", team_db.login("tina")) == 2
    assert "on PostgreSQL you are your database login" in capsys.readouterr().err
    monkeypatch.setenv("CALLCOACH_USER", team_db.login("tina"))
    assert team_db.cli("alice", "history") == 2
    monkeypatch.delenv("CALLCOACH_USER")
    bob = team_db.login("bob")
    assert team_db.cli("alice", "run", SCENARIO, "--replay", str(GOOD), "--trainee", bob) == 2
    assert "calls are stored for the one taking them" in capsys.readouterr().err
    with sql(team_db, "bob") as db:
        assert db.execute("SELECT count(*) FROM sessions").fetchone() == (0,)


def forge(team: TeamDb, who: str, statement: str, *params: object) -> None:
    import psycopg

    with sql(team, who) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute(statement, params)


def test_drill_attempts_cannot_be_forged(
    team_db: TeamDb, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alice, bob = team_db.login("alice"), team_db.login("bob")
    with open_store(team_db.owner_url) as store:
        from simulator.store.teams import NewAssignment, add_assignment, find_user

        new = NewAssignment("mini", _date(), 70, 1, None, trainee=alice, scenario_count=2)
        assignment = store.write(lambda db: add_assignment(db, new))
        users = store.read(lambda db: [find_user(db, n) for n in (alice, bob)])
    ids = {user.name: user.id for user in users if user is not None}
    insert = (
        "INSERT INTO drill_runs (set_id, trainee_id, assignment_id, assignment_key, attempt,"
        " scenario_count, pass_mark, started_at) VALUES (%s, %s, %s, %s, %s, %s, %s, now())"
    )
    me, a = ids[alice], assignment
    forge(team_db, "alice", insert, "mini", ids[bob], a, a, 1, 2, 70)  # as someone else
    forge(team_db, "alice", insert, "mini", me, a, a, 2, 2, 70)  # skipping attempt 1
    forge(team_db, "alice", insert, "mini", me, a, a, 1, 2, 0)  # a pass mark of 0
    forge(team_db, "alice", insert, "mini", me, a, a, 1, 1, 70)  # a one-call "set"
    with sql(team_db, "alice") as db:
        db.execute(insert, ("mini", me, a, a, 1, 2, 70))  # the fair one is allowed
    forge(team_db, "alice", insert, "mini", me, a, a, 2, 2, 70)  # but only the one attempt
    import psycopg

    with sql(team_db, "alice") as db:
        for statement in ("DELETE FROM drill_runs", "UPDATE drill_runs SET attempt = 0",
                          "UPDATE drill_runs SET pass_mark = 0"):  # fmt: skip
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                db.execute(statement)
    # An old, finished call cannot be linked into a run to lift its score.
    old = take_call(team_db, "alice", capsys)
    forge(
        team_db, "alice",
        "INSERT INTO drill_sessions (session_id, run_id) SELECT %s, id FROM drill_runs", old,
    )  # fmt: skip


def _date() -> Any:
    from datetime import date

    return date(2030, 1, 1)


def test_purge_on_machine_b_removes_the_recording_made_on_machine_a(
    team_db: TeamDb,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.voice.test_play_cli import record_audio

    machine_a, machine_b = tmp_path / "a", tmp_path / "b"
    monkeypatch.setenv("CALLCOACH_HOME", str(machine_a))
    session = take_call(team_db, "alice", capsys)
    with open_store(team_db.url("alice")) as store:
        record = store.load_record(session)
        path = record_audio(record)  # the WAV a voice call leaves, on machine A's disk
        # The way the TUI stores a call: through the retrying sink, in order.
        saving = RetryingSink(OpeningSink(store.sink), journal_folders=[tmp_path / "j"])
        saving.recording_saved(session, path)
        assert saving.wait_settled(10).state == "stored"
        saving.close()
    monkeypatch.setenv("CALLCOACH_HOME", str(machine_b))
    out = tmp_path / "turn.wav"
    assert team_db.cli("alice", "play", session, "--turn", "1", "--out", str(out)) == 0
    assert out.stat().st_size > 44  # machine B heard it from the database
    capsys.readouterr()
    alice = team_db.login("alice")
    assert team_db.cli("owner", "purge", "--trainee", alice, "--yes") == 0
    assert ", 1 recordings" in capsys.readouterr().out
    with sql(team_db, "owner") as db:
        assert db.execute("SELECT count(*) FROM recordings").fetchone() == (0,)
    assert team_db.cli("owner", "play", session) == 1


def test_a_trainer_assigns_to_their_team_and_a_trainee_drills_under_the_policies(
    team_db: TeamDb,
    set_dir: Path,
    replay_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenarios = ["--scenarios", str(set_dir)]
    assign = ["assign", SET_ID, "--due", "2030-01-31", "--attempts", "1"]
    assert team_db.cli("tina", *scenarios, *assign, "--team", "t1") == 0
    assert team_db.cli("tina", *scenarios, *assign, "--team", "t2") != 0  # not her team
    capsys.readouterr()
    drill = [*scenarios, "drill", SET_ID, "--replay-dir", str(replay_dir)]
    assert team_db.cli("alice", *drill) == 0
    assert f"attempt 1/1 by {team_db.login('alice')}" in capsys.readouterr().out
    assert team_db.cli("alice", *drill) == 1  # the one attempt is spent
    assert "used up" in capsys.readouterr().err
    assert team_db.cli("alice", *drill, "--trainee", team_db.login("bob")) == 2
    capsys.readouterr()
    # Assigned again with three attempts: three in all, the one used included.
    alice = team_db.login("alice")
    assert team_db.cli("tina", *scenarios, *assign[:-1], "3", "--trainee", alice) == 0
    assert team_db.cli("alice", *drill) == 0
    assert f"attempt 2/3 by {alice}" in capsys.readouterr().out
    with sql(team_db, "tina") as db:
        runs = db.execute("SELECT count(*), count(finished_at) FROM drill_runs").fetchone()
    assert runs == (2, 2)
    # A newer team assignment with nine attempts is outranked by alice's personal one
    # (three): it cannot be used to claim a third attempt beyond hers.
    assign_nine = [*assign[:-1], "9", "--team", "t1"]
    assert team_db.cli("tina", *scenarios, *assign_nine) == 0
    with sql(team_db, "owner") as db:
        ids = [row[0] for row in db.execute("SELECT id FROM assignments ORDER BY id")]
    personal, team_nine = ids[1], ids[2]
    claim = (
        "INSERT INTO drill_runs (set_id, trainee_id, assignment_id, assignment_key, attempt,"
        " scenario_count, pass_mark, started_at)"
        " SELECT %s, id, %s, %s, 3, 2, 60, now() FROM trainees"
    )
    forge(team_db, "alice", claim, SET_ID, team_nine, team_nine)
    with sql(team_db, "alice") as db:  # the same claim under the effective one is fair
        assert db.execute(claim, (SET_ID, personal, personal)).rowcount == 1


def test_logins_are_made_by_an_admin_with_a_password_never_shown(
    team_db: TeamDb,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import psycopg

    secret = tmp_path / "pw"
    secret.write_text("correct horse battery\n", encoding="utf-8")
    carol = team_db.login("carol")
    add = ["admin", "add-trainee", carol, "--password-file", str(secret)]
    assert team_db.cli("alice", *add) == 1  # a trainee adds nobody
    assert team_db.cli("owner", *add, "--team", "t1") == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert team_db.cli("owner", "admin", "add-trainee", team_db.login("dave")) == 2
    assert "no terminal to ask" in capsys.readouterr().err
    # `trainee add` cannot invent a user without a login on a database that has them.
    assert team_db.cli("owner", "trainee", "add", team_db.login("erin")) == 1
    assert "has no login here: callcoach admin add-trainee" in capsys.readouterr().err
    everything = capsys.readouterr().out + caplog.text
    assert "correct horse" not in everything
    owner = make_url(team_db.owner_url)
    # A second admin, who can add people in turn (CREATEROLE comes with the login).
    ada = team_db.login("ada")
    assert team_db.cli("owner", "admin", "add-admin", ada, "--password-file", str(secret)) == 0
    with open(os.environ["PGPASSFILE"], "a", encoding="utf-8") as passfile:
        passfile.write(f"{owner.host}:{owner.port}:{owner.database}:{ada}:correct horse battery\n")
    assert team_db.cli("ada", "admin", "add-trainer", team_db.login("fred"),
                       "--password-file", str(secret)) == 0  # fmt: skip
    assert team_db.cli("ada", "history") == 0
    dsn = f"host={owner.host} port={owner.port} dbname={owner.database} user={carol}"
    with psycopg.connect(f"{dsn} password='correct horse battery'") as db:
        assert db.execute("SELECT callcoach_role()").fetchone() == ("trainee",)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(f"{dsn} password=wrong")


def test_admin_on_sqlite_says_it_is_single_user(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli.main import main

    assert main(["--db", sqlite_url, "admin", "init-db"]) == 2
    assert "SQLite is CallCoach's single-user database" in capsys.readouterr().err
