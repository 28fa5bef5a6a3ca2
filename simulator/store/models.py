"""The database schema as typed SQLAlchemy models.

The same tables run on SQLite and PostgreSQL; the Alembic migrations in
``migrations/versions`` create exactly these (a test compares them). Later
schema changes (teams, assignments: issue 6) come as new migrations that add
tables and nullable columns, so the tables below stay as they are.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
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
