"""Trainers and teams: user roles, teams, assignments, drill runs (issue 6).

Only adds: a column with a default on ``trainees`` and new tables, so a database
written by the 0001 code keeps every session as it was.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column(
        "trainees",
        sa.Column("role", sa.String(16), server_default="trainee", nullable=False),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_teams"),
        sa.UniqueConstraint("name", name="uq_teams_name"),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name="fk_team_members_team_id_teams", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["trainees.id"],
            name="fk_team_members_trainee_id_trainees",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "trainee_id", name="pk_team_members"),
    )
    _create_assignments()
    _create_drill_tables()


def _create_assignments() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("set_id", sa.String(200), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("pass_mark", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("time_limit", sa.Float(), nullable=True),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=True),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["trainees.id"],
            name="fk_assignments_trainee_id_trainees",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name="fk_assignments_team_id_teams", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assignments"),
    )
    op.create_index("ix_assignments_trainee_id", "assignments", ["trainee_id"])
    op.create_index("ix_assignments_team_id", "assignments", ["team_id"])


def _create_drill_tables() -> None:
    op.create_table(
        "drill_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("set_id", sa.String(200), nullable=False),
        sa.Column("trainee_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("assignment_key", sa.Integer(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("scenario_count", sa.Integer(), nullable=False),
        sa.Column("pass_mark", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["trainee_id"],
            ["trainees.id"],
            name="fk_drill_runs_trainee_id_trainees",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name="fk_drill_runs_assignment_id_assignments",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_drill_runs"),
        sa.UniqueConstraint(
            "set_id",
            "trainee_id",
            "assignment_key",
            "attempt",
            name="uq_drill_runs_set_id_trainee_id_assignment_key_attempt",
        ),
    )
    op.create_index("ix_drill_runs_set_id_trainee_id", "drill_runs", ["set_id", "trainee_id"])
    op.create_table(
        "drill_sessions",
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_drill_sessions_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["drill_runs.id"],
            name="fk_drill_sessions_run_id_drill_runs",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", name="pk_drill_sessions"),
    )
    op.create_index("ix_drill_sessions_run_id", "drill_sessions", ["run_id"])


def downgrade() -> None:
    op.drop_table("drill_sessions")
    op.drop_table("drill_runs")
    op.drop_table("assignments")
    op.drop_table("team_members")
    op.drop_table("teams")
    with op.batch_alter_table("trainees") as batch:
        batch.drop_column("role")
