"""Timing metrics of DESIGN.md §7: interruptions, response gaps, silences, talk ratio.

All times are seconds on the record's clock. Differences are rounded to the
millisecond *before* they are compared with a threshold, so 4.2 − 4.0 counts
as the 0.2 s it means, not 0.20000000000000018.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from scoring.overlap import FLAGGED, classify_overlap, line_spoken_at, ms
from scoring.record import Session, Utterance
from scoring.thresholds import Thresholds


def holds(session: Session) -> list[tuple[float, float]]:
    """Hold intervals from hold_start/hold_end events; an unfinished hold lasts to the end."""
    spans: list[tuple[float, float]] = []
    opened: float | None = None
    for event in session.events:
        if event.kind == "hold_start" and opened is None:
            opened = event.t
        elif event.kind == "hold_end" and opened is not None:
            spans.append((opened, event.t))
            opened = None
    if opened is not None:
        spans.append((opened, max(opened, session.end_time)))
    return spans


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


def gap_label(gap: float, thresholds: Thresholds) -> str:
    if gap < thresholds.gap_rushed:
        return "rushed"
    if gap < thresholds.gap_hesitant:
        return "good"
    if gap < thresholds.gap_dead_air:
        return "hesitant"
    return "dead_air"


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


def silences(session: Session, thresholds: Thresholds) -> list[dict[str, Any]]:
    """Stretches of at least ``silence`` seconds with nobody talking and no hold,
    between the first utterance's start and the last one's end. Text mode: a trainee
    typing a reply is not silent (the time until it is sent is covered)."""
    typing = [u.typed for u in session.utterances if u.typed is not None]
    spans = sorted([(u.start, u.end) for u in session.utterances] + holds(session) + typing)
    if not session.utterances:
        return []
    found = []
    covered = min(u.start for u in session.utterances)
    last_end = session.end_time
    for start, end in spans:
        if start >= last_end:
            break
        quiet = ms(start - covered)
        if quiet >= thresholds.silence:
            found.append({"start": ms(covered), "duration": quiet})
        covered = max(covered, end)
    return found


def talk_ratio(session: Session) -> float | None:
    trainee = sum(u.duration for u in session.by("trainee"))
    total = trainee + sum(u.duration for u in session.by("customer"))
    return None if total <= 0 else round(trainee / total, 3)


def trainee_minutes(session: Session) -> float:
    return sum(u.duration for u in session.by("trainee")) / 60.0
