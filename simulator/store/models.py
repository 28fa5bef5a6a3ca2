"""The database schema as typed SQLAlchemy models.

The same tables run on SQLite and PostgreSQL; the Alembic migrations in
``migrations/versions`` create exactly these (a test compares them). Later
schema changes (teams, assignments: issue 6) come as new migrations that add
tables and nullable columns, so the tables below stay as they are.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names, so later migrations can address them on both databases
# (SQLite needs them for batch ALTERs).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSONB on PostgreSQL (indexable, compact); JSON text elsewhere.
JSONDocument = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out — on SQLite too, which has no
    time-zone type (values are stored there as naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Trainee(Base):
    __tablename__ = "trainees"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Added by 0002: "trainee" or "trainer" (what a user may see: simulator.team.access).
    role: Mapped[str] = mapped_column(String(16), server_default="trainee", default="trainee")


class Session(Base):
    """One call. ``complete`` stays False (and ``outcome`` NULL) until the call ends, so a
    call cut short by Ctrl-C or a crash is visibly incomplete."""

    __tablename__ = "sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    scenario_id: Mapped[str] = mapped_column(String(200))
    scenario_title: Mapped[str | None] = mapped_column(String(500))
    scenario_digest: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str | None] = mapped_column(String(16))
    caller_type: Mapped[str | None] = mapped_column(String(32))
    mode: Mapped[str | None] = mapped_column(String(16))
    trainee_id: Mapped[int | None] = mapped_column(ForeignKey("trainees.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    outcome: Mapped[str | None] = mapped_column(String(32))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    total_score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    scorecard: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)
    # The record's header as given (scenario, guide, seed, …): load_record rebuilds from it.
    header: Mapped[dict[str, Any]] = mapped_column(JSONDocument)

    trainee: Mapped[Trainee | None] = relationship()

    __table_args__ = (
        Index("ix_sessions_started_at", "started_at"),
        Index("ix_sessions_trainee_id_started_at", "trainee_id", "started_at"),
        Index("ix_sessions_scenario_id", "scenario_id"),
    )


class Utterance(Base):
    __tablename__ = "utterances"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0-based, as in the record
    speaker: Mapped[str] = mapped_column(String(16))
    turn: Mapped[str | None] = mapped_column(String(200))
    start_time: Mapped[float] = mapped_column(Float)
    end_time: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    # Everything else in the utterance (asr, voiced, cut_in, …), kept as given.
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)


class Event(Base):
    __tablename__ = "events"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)  # order of arrival
    t: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)


# -- teams, assignments, drills (migration 0002, issue 6) ---------------------------------


class Team(Base):
    __tablename__ = "teams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class TeamMember(Base):
    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    trainee_id: Mapped[int] = mapped_column(
        ForeignKey("trainees.id", ondelete="CASCADE"), primary_key=True
    )


class Assignment(Base):
    """A scenario set given to one trainee or to a whole team (exactly one of the two)."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    set_id: Mapped[str] = mapped_column(String(200))
    trainee_id: Mapped[int | None] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    due: Mapped[date] = mapped_column(Date)
    pass_mark: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer)
    time_limit: Mapped[float | None] = mapped_column(Float)  # seconds per call
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by: Mapped[str | None] = mapped_column(String(200))
    # Added by 0003: the set's size when assigned (a drill run must match it on PostgreSQL).
    scenario_count: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_assignments_trainee_id", "trainee_id"),
        Index("ix_assignments_team_id", "team_id"),
    )


class DrillRun(Base):
    """One attempt at a set under drill rules. The unique key makes a used-up attempt
    impossible to take twice, even by two processes at the same moment."""

    __tablename__ = "drill_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    set_id: Mapped[str] = mapped_column(String(200))
    trainee_id: Mapped[int] = mapped_column(ForeignKey("trainees.id", ondelete="CASCADE"))
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE")
    )
    assignment_key: Mapped[int] = mapped_column(Integer)  # assignment id, 0 for a free drill
    attempt: Mapped[int] = mapped_column(Integer)  # 1-based
    # The rules at the time: the run's score is the sum of its calls' totals over
    # scenario_count (a call never taken counts 0), passed when >= pass_mark.
    scenario_count: Mapped[int] = mapped_column(Integer)
    pass_mark: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        UniqueConstraint(
            "set_id",
            "trainee_id",
            "assignment_key",
            "attempt",
            name="uq_drill_runs_set_id_trainee_id_assignment_key_attempt",
        ),
        Index("ix_drill_runs_set_id_trainee_id", "set_id", "trainee_id"),
    )


class DrillSession(Base):
    """Which session belongs to which drill run."""

    __tablename__ = "drill_sessions"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    run_id: Mapped[int] = mapped_column(ForeignKey("drill_runs.id", ondelete="CASCADE"))

    __table_args__ = (Index("ix_drill_sessions_run_id", "run_id"),)


class Recording(Base):
    """A call's stereo WAV kept in a shared (PostgreSQL) database, so every machine can
    play it and ``purge`` removes it everywhere (migration 0003). SQLite keeps
    recordings as files in the data folder instead."""

    __tablename__ = "recordings"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    wav: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
