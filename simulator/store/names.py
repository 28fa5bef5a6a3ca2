"""Trainee and team names as stored: NFKC-normalised (full-width ｓａｔｏ is sato),
trimmed; a new name may not hold control characters (names are printed in tables,
reports and the TUI, and an ESC sequence there would drive the reader's terminal)."""

from __future__ import annotations

import unicodedata

from simulator.errors import CallCoachError
from simulator.safe_text import control_problem, visible

MAX_NAME = 200


def trainee_name(raw: str) -> str:
    """The stored form of ``raw``, for lookups (old rows may still hold controls)."""
    name = " ".join(unicodedata.normalize("NFKC", raw).split())
    if len(name) > MAX_NAME:
        raise CallCoachError(
            f"trainee name is too long ({len(name)} characters, at most {MAX_NAME})"
        )
    return name


def new_name(raw: str, what: str = "user") -> str:
    """The stored form of a name about to be created; refuses control characters."""
    if problem := control_problem(raw):
        raise CallCoachError(
            f"{what} name '{visible(raw)}' {problem} — letters, digits, spaces and punctuation"
        )
    return trainee_name(raw)
