"""Real access control on PostgreSQL (issue 14), recordings in the database.

Both databases get the ``recordings`` table (a call's WAV, so every machine sharing
a team database can play and purge it) and ``assignments.scenario_count`` (so a
drill run's size is the assignment's, not whatever a client claims).

On PostgreSQL only: row-level security on every CallCoach table. The CallCoach
identity is the database login (``session_user``) and its ``trainees`` row says
what it may do: a trainee reads and writes only their own calls and drill runs,
a trainer also reads their teams' (and assigns to them), an admin — a row with
role ``admin``, or the database owner — manages everything. Checks that need to
look past the caller's own rows run in SECURITY DEFINER functions owned by the
table owner. Trainees have no UPDATE on ``sessions``: a call is finished (and its
score columns written, once, from the score card) by ``callcoach_finish_session``.
Grants to the group roles come from ``callcoach admin init-db`` (their names are
per database); the table owner bypasses the policies, as PostgreSQL intends.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

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
DEFINER = "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp"

FUNCTIONS = f"""
CREATE FUNCTION callcoach_me() RETURNS integer {DEFINER} AS $$
  SELECT id FROM trainees WHERE name = session_user $$;
CREATE FUNCTION callcoach_role() RETURNS text {DEFINER} AS $$
  SELECT role FROM trainees WHERE name = session_user $$;
-- current_user is the function's owner here (SECURITY DEFINER): the table owner.
CREATE FUNCTION callcoach_is_admin() RETURNS boolean {DEFINER} AS $$
  SELECT pg_has_role(session_user, current_user, 'MEMBER')
      OR EXISTS (SELECT 1 FROM trainees WHERE name = session_user AND role = 'admin') $$;
CREATE FUNCTION callcoach_my_teams() RETURNS SETOF integer {DEFINER} AS $$
  SELECT team_id FROM team_members WHERE trainee_id = callcoach_me() $$;
-- Whose rows the login reads: their own, and a trainer also their teams' people.
CREATE FUNCTION callcoach_visible() RETURNS SETOF integer {DEFINER} AS $$
  SELECT callcoach_me() WHERE callcoach_me() IS NOT NULL
  UNION
  SELECT theirs.trainee_id FROM team_members mine
    JOIN team_members theirs ON theirs.team_id = mine.team_id
   WHERE mine.trainee_id = callcoach_me() AND callcoach_role() = 'trainer' $$;
CREATE FUNCTION callcoach_owns_session(sid text, still_open boolean) RETURNS boolean {DEFINER}
AS $$
  SELECT EXISTS (SELECT 1 FROM sessions WHERE id = sid AND trainee_id = callcoach_me()
                 AND (NOT still_open OR NOT complete)) $$;
-- The assignments of a set that reach a trainee: their own and their teams'.
CREATE FUNCTION callcoach_reaching(who integer, set_name text) RETURNS TABLE (
    r_id integer, r_personal boolean, r_created timestamptz, r_attempts integer,
    r_mark integer, r_scenarios integer) {DEFINER} AS $$
  SELECT a.id, a.trainee_id IS NOT NULL, a.created_at, a.attempts, a.pass_mark,
         a.scenario_count
    FROM assignments a
   WHERE a.set_id = set_name
     AND (a.trainee_id = who
          OR a.team_id IN (SELECT m.team_id FROM team_members m WHERE m.trainee_id = who)) $$;
-- A drill attempt as the rules allow it (simulator.store.teams.assignments_of): one's
-- own, the next number counted over every assignment of the set that reaches them,
-- and for an assignment the effective one (personal before team, then the newest)
-- with its pass mark, its size and no more attempts than it gives.
CREATE FUNCTION callcoach_fair_run(
    who integer, set_name text, assignment integer, akey integer, nth integer,
    scenarios integer, mark integer, finished timestamptz) RETURNS boolean {DEFINER} AS $$
  SELECT who = callcoach_me() AND finished IS NULL AND akey = coalesce(assignment, 0)
     AND scenarios >= 1
     AND nth = 1 + (SELECT count(*) FROM drill_runs r
                    WHERE r.set_id = set_name AND r.trainee_id = who
                      AND (r.assignment_key = akey OR (assignment IS NOT NULL
                           AND r.assignment_key IN (
                               SELECT g.r_id FROM callcoach_reaching(who, set_name) g))))
     AND (assignment IS NULL OR EXISTS (
           SELECT 1 FROM callcoach_reaching(who, set_name) g
           WHERE g.r_id = assignment AND g.r_mark = mark AND nth <= g.r_attempts
             AND (g.r_scenarios IS NULL OR g.r_scenarios = scenarios)
             AND NOT EXISTS (
               SELECT 1 FROM callcoach_reaching(who, set_name) o
               WHERE (o.r_personal, o.r_created, o.r_id)
                   > (g.r_personal, g.r_created, g.r_id)))) $$;
CREATE FUNCTION callcoach_may_link(sid text, run integer) RETURNS boolean {DEFINER} AS $$
  SELECT callcoach_owns_session(sid, true) AND EXISTS (
    SELECT 1 FROM drill_runs WHERE id = run AND trainee_id = callcoach_me()
                             AND finished_at IS NULL) $$;
-- The only way a trainee finishes a call: once, their own, score columns from the card.
CREATE FUNCTION callcoach_finish_session(sid text, how text, card jsonb) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  total double precision;
  verdict boolean;
BEGIN
  IF jsonb_typeof(card -> 'total') = 'number' THEN
    total := (card ->> 'total')::double precision;
  END IF;
  IF jsonb_typeof(card -> 'passed') = 'boolean' THEN
    verdict := (card ->> 'passed')::boolean;
  END IF;
  UPDATE sessions
     SET outcome = how, complete = true, ended_at = now(), scorecard = card,
         total_score = total, passed = verdict
   WHERE id = sid AND NOT complete
     AND (trainee_id = callcoach_me() OR callcoach_is_admin());
  RETURN FOUND;
END $$;
REVOKE EXECUTE ON FUNCTION callcoach_finish_session(text, text, jsonb) FROM PUBLIC;
"""

# Written as sub-selects so PostgreSQL evaluates each once per query, not per row
# (a trainee's 1,000 calls of 2,000: history 478 ms with per-row calls, 42 ms like this).
ME = "(SELECT callcoach_me())"
ROLE = "(SELECT callcoach_role())"
ADMIN = "(SELECT callcoach_is_admin())"


def visible(column: str) -> str:
    return f"{column} IN (SELECT callcoach_visible())"


def my_team(column: str) -> str:
    return f"{column} IN (SELECT callcoach_my_teams())"


OWN_OPEN = "callcoach_owns_session(session_id, true)"
OWN = "callcoach_owns_session(session_id, false)"
SESSION_VISIBLE = "EXISTS (SELECT 1 FROM sessions s WHERE s.id = session_id)"
# (table, command, USING, WITH CHECK) for everyone who is not an admin.
POLICIES = (
    ("trainees", "SELECT", visible("id"), None),
    ("teams", "SELECT", my_team("id"), None),
    (
        "team_members",
        "SELECT",
        f"trainee_id = {ME} OR ({ROLE} = 'trainer' AND {my_team('team_id')})",
        None,
    ),
    ("assignments", "SELECT", f"{visible('trainee_id')} OR {my_team('team_id')}", None),
    ("sessions", "SELECT", visible("trainee_id"), None),
    (
        "sessions",
        "INSERT",
        None,
        f"trainee_id = {ME} AND NOT complete AND outcome IS NULL"
        " AND total_score IS NULL AND passed IS NULL AND scorecard IS NULL",
    ),
    ("utterances", "SELECT", SESSION_VISIBLE, None),
    ("utterances", "INSERT", None, OWN_OPEN),
    ("utterances", "UPDATE", OWN_OPEN, OWN_OPEN),
    ("events", "SELECT", SESSION_VISIBLE, None),
    ("events", "INSERT", None, OWN_OPEN),
    ("drill_runs", "SELECT", visible("trainee_id"), None),
    (
        "drill_runs",
        "INSERT",
        None,
        "callcoach_fair_run(trainee_id, set_id, assignment_id, assignment_key, attempt,"
        " scenario_count, pass_mark, finished_at)",
    ),
    (
        "drill_runs",
        "UPDATE",
        f"trainee_id = {ME} AND finished_at IS NULL",
        f"trainee_id = {ME} AND finished_at IS NOT NULL",
    ),
    ("drill_sessions", "SELECT", "EXISTS (SELECT 1 FROM drill_runs r WHERE r.id = run_id)", None),
    ("drill_sessions", "INSERT", None, "callcoach_may_link(session_id, run_id)"),
    ("recordings", "SELECT", SESSION_VISIBLE, None),
    ("recordings", "INSERT", None, OWN),
    ("recordings", "UPDATE", OWN, OWN),
)
# Trainers assign sets to their own teams and to people in them.
TRAINER_ASSIGNS = f"{ROLE} = 'trainer' AND ({my_team('team_id')} OR {visible('trainee_id')})"


def upgrade() -> None:
    op.add_column("assignments", sa.Column("scenario_count", sa.Integer(), nullable=True))
    op.create_table(
        "recordings",
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("wav", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_recordings_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name="pk_recordings"),
    )
    if op.get_bind().dialect.name == "postgresql":
        _row_level_security()


def _row_level_security() -> None:
    op.execute(FUNCTIONS)
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY admin_all ON {table} FOR ALL USING ({ADMIN}) WITH CHECK ({ADMIN})"
        )
    for number, (table, command, using, check) in enumerate(POLICIES):
        clauses = (f" USING ({using})" if using else "") + (
            f" WITH CHECK ({check})" if check else ""
        )
        op.execute(f"CREATE POLICY own_{number} ON {table} FOR {command}{clauses}")
    for command in ("INSERT", "UPDATE", "DELETE"):
        using = "" if command == "INSERT" else f" USING ({TRAINER_ASSIGNS})"
        check = "" if command == "DELETE" else f" WITH CHECK ({TRAINER_ASSIGNS})"
        op.execute(
            f"CREATE POLICY trainer_{command.lower()} ON assignments FOR {command}{using}{check}"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
            op.execute(f"DROP POLICY admin_all ON {table}")
        for number, (table, *_) in enumerate(POLICIES):
            op.execute(f"DROP POLICY own_{number} ON {table}")
        for command in ("insert", "update", "delete"):
            op.execute(f"DROP POLICY trainer_{command} ON assignments")
        op.execute(
            "DROP FUNCTION callcoach_finish_session, callcoach_may_link, callcoach_fair_run,"
            " callcoach_reaching, callcoach_owns_session, callcoach_visible, callcoach_my_teams,"
            " callcoach_is_admin,"
            " callcoach_role, callcoach_me"
        )
    op.drop_table("recordings")
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("scenario_count")
