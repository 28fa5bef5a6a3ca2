"""Reading a session record (DESIGN.md §4) into typed objects, with one-line errors.

Unknown fields are ignored and optional ones may be missing; what scoring cannot
do without (utterance speakers and times) is checked, and the first problem is
reported as ``<field path>: what is wrong``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SESSION_FORMAT = "callcoach.session/1"
SPEAKERS = ("customer", "trainee")


class SessionError(ValueError):
    """The record cannot be scored; ``str()`` is one line naming the field."""


@dataclass(frozen=True)
class Utterance:
    index: int  # position in the record's utterances list
    speaker: str  # customer | trainee
    turn: str | None
    start: float
    end: float
    text: str
    voiced: tuple[tuple[float, float], ...] = ()
    cut_in: bool = False  # a caller line scripted to talk over the trainee
    # A caller line cut short by a barge-in: when it would have ended. Interruptions
    # are judged against it, since the caller stopped *because* they were talked over.
    planned_end: float | None = None
    # Text mode: [first keystroke, sent]. The utterance itself is the reply as said —
    # from the first keystroke, for as long as saying the text takes.
    typed: tuple[float, float] | None = None

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.start)

    @property
    def voiced_time(self) -> float:
        """Speaking time: the VAD spans when present, else the whole utterance."""
        if self.voiced:
            return sum(max(0.0, end - start) for start, end in self.voiced)
        return self.duration


@dataclass(frozen=True)
class Event:
    t: float
    kind: str
    value: Any = None


@dataclass(frozen=True)
class Session:
    language: str
    caller_type: str | None
    mode: str  # voice | text | replay
    utterances: tuple[Utterance, ...]
    events: tuple[Event, ...] = ()
    outcome: str | None = None
    id: str | None = None
    scenario_id: str | None = None
    guide: Mapping[str, Any] = field(default_factory=dict)

    @property
    def timed(self) -> bool:
        """Gaps, silences and talk ratio can be measured: voice and replay from their
        times; text mode when its replies carry ``typed`` (each reply then starts at
        its first keystroke and lasts its speaking time — older text records timed
        the typing, which is not talk). A trainee who never replied is timed too."""
        if self.mode != "text":
            return True
        return all(u.typed is not None for u in self.by("trainee"))

    @property
    def rate_measured(self) -> bool:
        """Speech rate needs audio: a text reply's length is estimated from the text at
        a normal pace, so its rate would only echo that pace."""
        return self.mode != "text"

    def by(self, speaker: str) -> list[Utterance]:
        return [u for u in self.utterances if u.speaker == speaker]

    @property
    def end_time(self) -> float:
        return max((u.end for u in self.utterances), default=0.0)


# No call lasts a week; a bigger time is a broken or hostile record (a 400-digit
# integer would otherwise overflow float()).
MAX_SECONDS = 7 * 24 * 3600.0


def shown(value: Any, limit: int = 40) -> str:
    """A value for an error line: its repr, cut short (never a page of nested lists)."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "a list"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return "a number too large"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SessionError(f"{where}: expected a number of seconds, got {shown(value)}")
    if isinstance(value, int) and abs(value) > MAX_SECONDS:
        raise SessionError(f"{where}: expected a number of seconds, got {shown(value)}")
    if not math.isfinite(value) or abs(value) > MAX_SECONDS:
        raise SessionError(f"{where}: expected a number of seconds, got {shown(value)}")
    return float(value)


def _optional_text(record: Mapping[str, Any], key: str, where: str = "") -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise SessionError(f"{where}{key}: expected a string or null, got {shown(value)}")


def _voiced(raw: Any, where: str) -> tuple[tuple[float, float], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise SessionError(f"{where}: expected a list of [start, end] pairs")
    spans = []
    for number, pair in enumerate(raw):
        if not isinstance(pair, Sequence) or isinstance(pair, str) or len(pair) != 2:
            raise SessionError(f"{where}[{number}]: expected [start, end]")
        start = _number(pair[0], f"{where}[{number}][0]")
        end = _number(pair[1], f"{where}[{number}][1]")
        spans.append((start, end))
    return tuple(spans)


def _utterance(index: int, raw: Any) -> Utterance:
    where = f"utterances[{index}]"
    if not isinstance(raw, Mapping):
        raise SessionError(f"{where}: expected an object")
    speaker = raw.get("speaker")
    if speaker not in SPEAKERS:
        raise SessionError(
            f"{where}.speaker: expected 'customer' or 'trainee', got {shown(speaker)}"
        )
    start = _number(raw.get("start"), f"{where}.start")
    end = _number(raw.get("end", start), f"{where}.end")
    if end < start:
        raise SessionError(f"{where}: end {end} is before start {start}")
    text = raw.get("text") or ""
    if not isinstance(text, str):
        raise SessionError(f"{where}.text: expected a string")
    turn = raw.get("turn")
    if turn is not None and (isinstance(turn, bool) or not isinstance(turn, str | int)):
        raise SessionError(f"{where}.turn: expected a turn id, got {shown(turn)}")
    planned = raw.get("planned_end")
    planned_end = None if planned is None else _number(planned, f"{where}.planned_end")
    if planned_end is not None and planned_end < end:
        raise SessionError(f"{where}.planned_end: {planned_end} is before end {end}")
    return Utterance(
        index=index,
        speaker=speaker,
        turn=None if turn is None else str(turn),
        start=start,
        end=end,
        text=text,
        voiced=_voiced(raw.get("voiced"), f"{where}.voiced"),
        cut_in=bool(raw.get("cut_in", False)),
        planned_end=planned_end,
        typed=_typed(raw.get("typed"), f"{where}.typed"),
    )


def _typed(raw: Any, where: str) -> tuple[float, float] | None:
    if raw is None:
        return None
    spans = _voiced([raw], where)
    return spans[0]


def _events(raw: Any) -> tuple[Event, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise SessionError("events: expected a list")
    events = []
    for number, item in enumerate(raw):
        if not isinstance(item, Mapping) or not isinstance(item.get("kind"), str):
            raise SessionError(f"events[{number}]: expected an object with 'kind'")
        events.append(
            Event(_number(item.get("t"), f"events[{number}].t"), item["kind"], item.get("value"))
        )
    return tuple(sorted(events, key=lambda e: e.t))


def parse_session(record: Any) -> Session:
    """Check and convert a decoded session record; raises SessionError."""
    if not isinstance(record, Mapping):
        raise SessionError("expected a JSON object (a callcoach.session/1 record)")
    fmt = record.get("format", SESSION_FORMAT)
    if fmt != SESSION_FORMAT:
        raise SessionError(f"format: expected {SESSION_FORMAT!r}, got {shown(fmt)}")
    language = record.get("language")
    if language not in ("ja", "en"):
        raise SessionError(f"language: expected 'ja' or 'en', got {shown(language)}")
    raw_utterances = record.get("utterances")
    if not isinstance(raw_utterances, Sequence) or isinstance(raw_utterances, str):
        raise SessionError("utterances: expected a list")
    mode = record.get("mode", "voice")
    if mode not in ("voice", "text", "replay"):
        raise SessionError(f"mode: expected 'voice', 'text' or 'replay', got {shown(mode)}")
    scenario = record.get("scenario")
    guide = record.get("guide")
    return Session(
        language=language,
        caller_type=_optional_text(record, "caller_type"),
        mode=mode,
        utterances=tuple(_utterance(i, u) for i, u in enumerate(raw_utterances)),
        events=_events(record.get("events")),
        outcome=_optional_text(record, "outcome"),
        id=_optional_text(record, "id"),
        scenario_id=_optional_text(scenario, "id", "scenario.")
        if isinstance(scenario, Mapping)
        else None,
        guide=guide if isinstance(guide, Mapping) else {},
    )
