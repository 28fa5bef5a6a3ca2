"""How the shell names a stored session: `history` shows a short id and a start time in
local time; `play` takes either of them back (or a full id, or 'last')."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from simulator.errors import CallCoachError, UsageError
from simulator.i18n import t

SHORT_ID = 8  # characters of an id shown at least (more when two would look alike)
SHOWN_TIME = "%Y-%m-%d %H:%M"
# A start as typed: a date and a time of day, minutes or seconds, optionally an offset.
_START = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?$")


class Summary(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def scenario_id(self) -> str: ...


def shown_time(started_at: datetime) -> str:
    """A session's start as history shows it: the local time, to the minute."""
    return started_at.astimezone().strftime(SHOWN_TIME)


def short_ids(ids: Sequence[str]) -> dict[str, str]:
    """The shortest start of each id (at least SHORT_ID characters) that no other id in
    ``ids`` shares. Sorted, an id's longest shared start is with a neighbour, so one pass
    over the sorted list does it (history lists can be long)."""
    ordered = sorted(set(ids))
    shortest: dict[str, str] = {}
    for index, session_id in enumerate(ordered):
        neighbours = ordered[max(index - 1, 0) : index] + ordered[index + 1 : index + 2]
        shared = max((_common_start(session_id, other) for other in neighbours), default=0)
        length = min(max(SHORT_ID, shared + 1), len(session_id))
        shortest[session_id] = session_id[:length]
    return shortest


def _common_start(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def find_session(sessions: Sequence[Summary], given: str, where: str) -> str:
    """The id of the session ``given`` names: 'last', a start time as history shows it,
    a full id or a unique start of one. A full id not among ``sessions`` (older ones)
    is returned as given, for the store to say whether it exists."""
    text = given.strip()
    if text == "last":
        if not sessions:
            raise CallCoachError(t("sessions.none", where=where))
        return sessions[0].id
    if start := _START.match(text):
        matches = _started_at(sessions, text, with_seconds=start.group(1) is not None)
        if not matches:
            raise CallCoachError(t("sessions.none_at", start=text))
        return _one(matches, t("sessions.started_at", start=text))
    matches = [s for s in sessions if s.id.startswith(text)]
    if any(s.id == text for s in matches) or not matches:
        return text
    return _one(matches, t("sessions.id_starts", prefix=text))


def _started_at(sessions: Sequence[Summary], text: str, with_seconds: bool) -> list[Summary]:
    try:
        wanted = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(t("sessions.not_a_time", text=text)) from None
    if wanted.tzinfo is not None:  # an offset given: compare in local time like the rest
        wanted = wanted.astimezone().replace(tzinfo=None)
    fmt = SHOWN_TIME + (":%S" if with_seconds else "")
    return [s for s in sessions if s.started_at.astimezone().strftime(fmt) == wanted.strftime(fmt)]


def _one(matches: list[Summary], what: str) -> str:
    """The only match, or a one-line error listing them all."""
    if len(matches) == 1:
        return matches[0].id
    names = short_ids([s.id for s in matches])
    listed = ", ".join(
        f"{names[s.id]} ({s.scenario_id}, {shown_time(s.started_at)})" for s in matches
    )
    raise UsageError(t("sessions.ambiguous", count=len(matches), what=what, listed=listed))
