"""Timing metrics of DESIGN.md §7: interruptions, response gaps, silences, talk ratio.

All times are seconds on the record's clock. Differences are rounded to the
millisecond *before* they are compared with a threshold, so 4.2 − 4.0 counts
as the 0.2 s it means, not 0.20000000000000018.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import Any

from scoring.overlap import FLAGGED, classify_overlap, ms
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


def _held_within(
    spans: list[tuple[float, float]], start: float, end: float, ends: list[float] | None = None
) -> float:
    """Hold time inside [start, end]. ``spans`` (from ``holds``) are sorted and do not
    overlap, so only the few that reach into the window are summed (the others added
    0.0, which changes no sum). ``ends``: the spans' ends, when the caller has them."""
    first = bisect_right(ends if ends is not None else [b for _, b in spans], start)
    total: float = 0  # an int 0 as sum() starts, so the result is the same
    for a, b in spans[first:]:
        if a >= end:  # this and every later span start after the window
            break
        total += max(0.0, min(end, b) - max(start, a))
    return total


class _FirstContaining:
    """``next((u for u in spans if u.start <= t < u.end), None)`` for many ``t``, in
    O(log n) each: the spans that started by ``t`` wait in a heap by list position and
    leave it once ended (``t`` only grows, so an ended span never comes back)."""

    def __init__(self, spans: Sequence[Utterance], times: Sequence[float]) -> None:
        by_start = sorted(range(len(spans)), key=lambda i: spans[i].start)
        waiting: list[int] = []
        self.found: dict[float, Utterance | None] = {}
        cursor = 0
        for t in sorted(set(times)):
            while cursor < len(by_start) and spans[by_start[cursor]].start <= t:
                heapq.heappush(waiting, by_start[cursor])
                cursor += 1
            while waiting and not spans[waiting[0]].end > t:
                heapq.heappop(waiting)
            self.found[t] = spans[waiting[0]] if waiting else None

    def at(self, t: float) -> Utterance | None:
        return self.found[t]


def overlaps(
    session: Session, thresholds: Thresholds, aizuchi_only: Callable[[Utterance], bool]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(interruptions, other overlaps). Interruptions use the contract's kinds
    ``interruption``/``backchannel``; the others are ``terminal`` (started within
    the caller's last 0.2 s: normal turn-taking) or ``brief`` (under 0.5 s)."""
    flagged: list[dict[str, Any]] = []
    harmless: list[dict[str, Any]] = []
    trainees = session.by("trainee")
    # scoring.overlap.line_spoken_at for every reply at once (it scans every line)
    talking = _FirstContaining(session.by("customer"), [t.start for t in trainees])
    for trainee in trainees:
        caller = talking.at(trainee.start)
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
    cut_ins = [caller for caller in session.by("customer") if caller.cut_in]
    speaking = _FirstContaining(session.by("trainee"), [c.start for c in cut_ins])
    for caller in cut_ins:
        talking = speaking.at(caller.start)
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
    starts = [c.start for c in customers]
    answers = _FirstEndingAfter(trainees)
    held = holds(session)
    held_ends = [b for _, b in held]
    gaps = []
    for caller in customers:
        later = bisect_right(starts, caller.start)  # the caller's next line starts here
        next_line = starts[later] if later < len(starts) else float("inf")
        answer = answers.first(caller.start, next_line, caller.end)
        if answer is None:
            continue
        gap = ms(
            answer.start - caller.end - _held_within(held, caller.end, answer.start, held_ends)
        )
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


class _FirstEndingAfter:
    """Among utterances sorted by start: the first that starts inside (low, high) and
    ends after a time — a segment tree of the latest end, O(log n) per question."""

    def __init__(self, ordered: Sequence[Utterance]) -> None:
        self.ordered = ordered
        self.starts = [u.start for u in ordered]
        self.size = 1
        while self.size < max(1, len(ordered)):
            self.size *= 2
        self.latest = [float("-inf")] * (2 * self.size)
        for index, utterance in enumerate(ordered):
            self.latest[self.size + index] = utterance.end
        for node in range(self.size - 1, 0, -1):
            self.latest[node] = max(self.latest[2 * node], self.latest[2 * node + 1])

    def first(self, low: float, high: float, after: float) -> Utterance | None:
        begin = bisect_right(self.starts, low)
        stop = bisect_left(self.starts, high)
        index = self._first(1, 0, self.size, begin, stop, after)
        return None if index is None else self.ordered[index]

    def _first(
        self, node: int, left: int, right: int, begin: int, stop: int, after: float
    ) -> int | None:
        if right <= begin or stop <= left or not self.latest[node] > after:
            return None
        if right - left == 1:
            return left
        middle = (left + right) // 2
        found = self._first(2 * node, left, middle, begin, stop, after)
        return (
            found
            if found is not None
            else self._first(2 * node + 1, middle, right, begin, stop, after)
        )


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
