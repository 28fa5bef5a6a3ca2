"""Trainee names as stored: NFKC-normalised (full-width ｓａｔｏ is sato), trimmed."""

from __future__ import annotations

import unicodedata

from simulator.errors import CallCoachError

MAX_NAME = 200


def trainee_name(raw: str) -> str:
    name = " ".join(unicodedata.normalize("NFKC", raw).split())
    if len(name) > MAX_NAME:
        raise CallCoachError(
            f"trainee name is too long ({len(name)} characters, at most {MAX_NAME})"
        )
    return name
