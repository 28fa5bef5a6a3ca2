"""Transient failures are retried; real ones are not."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from simulator.store.retry import RETRY_DELAYS, with_retries


def locked() -> OperationalError:
    return OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))


def test_locked_is_retried_until_it_succeeds() -> None:
    failures = [locked(), locked()]
    naps: list[float] = []

    def transaction() -> str:
        if failures:
            raise failures.pop()
        return "done"

    assert with_retries(transaction, sleep=naps.append) == "done"
    assert naps == list(RETRY_DELAYS[:2])


def test_a_database_locked_for_ever_finally_raises() -> None:
    naps: list[float] = []

    def transaction() -> None:
        raise locked()

    with pytest.raises(OperationalError):
        with_retries(transaction, sleep=naps.append)
    assert naps == list(RETRY_DELAYS)


def test_other_errors_are_not_retried() -> None:
    calls = []

    def transaction() -> None:
        calls.append(1)
        raise IntegrityError("INSERT …", {}, sqlite3.IntegrityError("UNIQUE constraint failed"))

    with pytest.raises(IntegrityError):
        with_retries(transaction, sleep=lambda _: None)
    assert calls == [1]
