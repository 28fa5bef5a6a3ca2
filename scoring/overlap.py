"""The one interruption rule (DESIGN.md §7), used by the scorer on a finished record
and by the engine during the call, so both always agree.

A trainee utterance that starts while a caller line is being said is judged against
the line as it was meant to be (``planned_end`` of a line cut short by a barge-in):
more than ``interruption_lead`` before its end and overlapping at least
``interruption_overlap`` is an ``interruption`` — or a ``backchannel`` when it is
aizuchi only and shorter than ``backchannel_max``. Otherwise the overlap is
``terminal`` (normal turn-taking at the very end of the line) or ``brief``.
Differences are rounded to the millisecond before they are compared.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from scoring.text import fold_en, fold_ja
from scoring.thresholds import Thresholds

OverlapKind = Literal["interruption", "backchannel", "terminal", "brief"]
FLAGGED: frozenset[str] = frozenset({"interruption", "backchannel"})
_LISTENING_SOUNDS = ("aizuchi", "filler")


class CallerLine(Protocol):
    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...

    @property
    def planned_end(self) -> float | None: ...


class Hit(Protocol):
    @property
    def category(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


L = TypeVar("L", bound=CallerLine)


@dataclass(frozen=True)
class Overlap:
    kind: OverlapKind
    lead: float  # seconds from the reply's start to the caller line's (planned) end
    overlap: float  # seconds of the reply inside the caller line


def ms(value: float) -> float:
    return round(value, 3)


def line_spoken_at(lines: Iterable[L], t: float) -> L | None:
    """The caller line being said at ``t`` (by its actual times), if any."""
    return next((line for line in lines if line.start <= t < line.end), None)


def classify_overlap(
    line: CallerLine,
    start: float,
    end: float,
    thresholds: Thresholds,
    *,
    aizuchi_only: bool,
) -> Overlap:
    """How a trainee utterance from ``start`` to ``end`` overlapping ``line`` counts."""
    caller_end = line.planned_end if line.planned_end is not None else line.end
    lead = ms(caller_end - start)
    overlap = ms(min(end, caller_end) - start)
    if lead > thresholds.interruption_lead and overlap >= thresholds.interruption_overlap:
        short = overlap < thresholds.backchannel_max
        return Overlap("backchannel" if short and aizuchi_only else "interruption", lead, overlap)
    return Overlap("terminal" if lead <= thresholds.interruption_lead else "brief", lead, overlap)


def is_aizuchi_only(text: str, hits: Sequence[Hit], language: str) -> bool:
    """True when nothing but aizuchi (and fillers) was said: ``hits`` are the
    utterance's phrase hits; what they leave must be punctuation or space."""
    listening = [h for h in hits if h.category in _LISTENING_SOUNDS]
    if not any(h.category == "aizuchi" for h in listening):
        return False
    rest = list(text)
    for hit in listening:
        rest[hit.start : hit.end] = [" "] * (hit.end - hit.start)
    left = "".join(rest)
    return not (fold_ja(left) if language == "ja" else fold_en(left)).text.strip()


def reply_is_aizuchi_only(text: str, language: str) -> bool:
    """``is_aizuchi_only`` with the utterance's hits found here (the engine's view)."""
    from scoring.detect import scan

    return is_aizuchi_only(text, [hit for hit, _ in scan(text, language)], language)
