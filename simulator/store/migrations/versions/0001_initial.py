"""Sessions as they happen: trainees, sessions, utterances, events.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "trainees",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_trainees"),
        sa.UniqueConstraint("name", name="uq_trainees_name"),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("scenario_id", sa.String(200), nullable=False),
        sa.Column("scenario_title", sa.String(500), nullable=True),
        sa.Column("scenario_digest", sa.String(100), nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("caller_type", sa.String(32), nullable=True),
        sa.Column("mode", sa.String(16), nullable=True),
        sa.Column("trainee_id", sa.Integer(), nullable=True),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("ended_at", TIMESTAMP, nullable=True),
        sa.Column("outcome", sa.String(32), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("total_score", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("scorecard", JSON_DOC, nullable=True),
        sa.Column("header", JSON_DOC, nullable=False),
        sa.ForeignKeyConstraint(
            ["trainee_id"], ["trainees.id"], name="fk_sessions_trainee_id_trainees"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
    )
    op.create_index("ix_sessions_started_at", "sessions", ["started_at"])
    op.create_index("ix_sessions_trainee_id_started_at", "sessions", ["trainee_id", "started_at"])
    op.create_index("ix_sessions_scenario_id", "sessions", ["scenario_id"])
    op.create_table(
        "utterances",
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("speaker", sa.String(16), nullable=False),
        sa.Column("turn", sa.String(200), nullable=True),
        sa.Column("start_time", sa.Float(), nullable=False),
        sa.Column("end_time", sa.Float(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("extra", JSON_DOC, nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_utterances_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "position", name="pk_utterances"),
    )
    op.create_table(
        "events",
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("t", sa.Float(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("data", JSON_DOC, nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_events_session_id_sessions",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("session_id", "seq", name="pk_events"),
    )


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("utterances")
    op.drop_index("ix_sessions_scenario_id", table_name="sessions")
    op.drop_index("ix_sessions_trainee_id_started_at", table_name="sessions")
    op.drop_index("ix_sessions_started_at", table_name="sessions")
    op.drop_table("sessions")
    op.drop_table("trainees")
