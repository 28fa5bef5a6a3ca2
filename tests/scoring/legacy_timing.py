"""Timing metrics as they were before they were made O(n log n) (issue 14), kept as
the oracle for tests/scoring/test_timing_linear.py."""

# ruff: noqa
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scoring.overlap import FLAGGED, classify_overlap, line_spoken_at, ms
from scoring.record import Session, Utterance
from scoring.thresholds import Thresholds
from scoring.timing import gap_label, holds


def _held_within(spans: list[tuple[float, float]], start: float, end: float) -> float:
    return sum(max(0.0, min(end, b) - max(start, a)) for a, b in spans)


def overlaps(
    session: Session, thresholds: Thresholds, aizuchi_only: Callable[[Utterance], bool]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(interruptions, other overlaps). Interruptions use the contract's kinds
    ``interruption``/``backchannel``; the others are ``terminal`` (started within
    the caller's last 0.2 s: normal turn-taking) or ``brief`` (under 0.5 s)."""
    flagged: list[dict[str, Any]] = []
    harmless: list[dict[str, Any]] = []
    customers = session.by("customer")
    for trainee in session.by("trainee"):
        caller = line_spoken_at(customers, trainee.start)
        if caller is None:
            continue
        judged = classify_overlap(
            caller, trainee.start, trainee.end, thresholds, aizuchi_only=aizuchi_only(trainee)
        )
        entry: dict[str, Any] = {
            "start": ms(trainee.start),
            "overlap": judged.overlap,
            "turn": caller.turn,
            "utterance": trainee.index,
            "kind": judged.kind,
        }
        (flagged if judged.kind in FLAGGED else harmless).append(entry)
    return flagged, harmless


def caller_cut_ins(session: Session) -> list[dict[str, Any]]:
    """Caller lines scripted to talk over the trainee: recorded, never penalised."""
    found = []
    trainees = session.by("trainee")
    for caller in session.by("customer"):
        if not caller.cut_in:
            continue
        talking = next((t for t in trainees if t.start <= caller.start < t.end), None)
        overlap = ms(min(talking.end, caller.end) - caller.start) if talking else 0.0
        found.append(
            {
                "start": ms(caller.start),
                "overlap": overlap,
                "turn": caller.turn,
                "utterance": caller.index,
            }
        )
    return found


def response_gaps(session: Session, thresholds: Thresholds) -> list[dict[str, Any]]:
    """End of each caller line → start of the first trainee utterance that answers it
    (starts after the line began, ends after it ended, before the caller's next line).
    Time on hold inside the gap is not counted."""
    customers = sorted(session.by("customer"), key=lambda u: u.start)
    trainees = sorted(session.by("trainee"), key=lambda u: u.start)
    held = holds(session)
    gaps = []
    for number, caller in enumerate(customers):
        following = [c.start for c in customers[number + 1 :] if c.start > caller.start]
        next_line = min(following, default=float("inf"))
        answer = next(
            (
                t
                for t in trainees
                if t.start > caller.start and t.end > caller.end and t.start < next_line
            ),
            None,
        )
        if answer is None:
            continue
        gap = ms(answer.start - caller.end - _held_within(held, caller.end, answer.start))
        gaps.append(
            {
                "turn": caller.turn,
                "gap": gap,
                "label": gap_label(gap, thresholds),
                "utterance": answer.index,
                "caller_utterance": caller.index,
            }
        )
    return gaps
