"""Which phrase candidates of one utterance count (the last step of scoring.detect).

Precedence: exact over fuzzy, masks, unless_after, clause moods, aizuchi that stand
alone, one hit per span. Every rule asks "is there another candidate overlapping /
before this one"; asked pairwise that was quadratic (a reply of "sorry" ×20,000 took
71 s, issue 14), so the candidates are indexed by position and each question is
answered in O(log n).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from scoring.backchannel import LISTENING, Listening
from scoring.polarity import counts
from scoring.textindex import Sentences


class Candidate(Protocol):
    @property
    def entry(self) -> Any: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def exact(self) -> bool: ...

    @property
    def name(self) -> str: ...


class Overlaps:
    """Spans sorted by start with, for each prefix, the two furthest ends: answers
    "does any span (other than this one) overlap [start, end)"."""

    def __init__(self, spans: Iterable[Candidate]) -> None:
        ordered = sorted(spans, key=lambda c: c.start)
        self.starts = [c.start for c in ordered]
        self.best: list[Candidate] = []
        self.second: list[Candidate | None] = []
        best: Candidate | None = None
        second: Candidate | None = None
        for candidate in ordered:
            if best is None or candidate.end > best.end:
                best, second = candidate, best
            elif second is None or candidate.end > second.end:
                second = candidate
            self.best.append(best)
            self.second.append(second)

    def any(self, span: Candidate, *, other_than: Candidate | None = None) -> bool:
        k = bisect_left(self.starts, span.end)  # spans starting before this one ends
        if k == 0:
            return False
        furthest: Candidate | None = self.best[k - 1]
        if furthest is other_than:
            furthest = self.second[k - 1]
        return furthest is not None and furthest.end > span.start


def resolve(candidates: list[Any], text: str, language: str) -> list[Any]:
    """Apply precedence: exact over fuzzy, masks, unless_after, clause moods, aizuchi
    that stand alone, one hit per span."""
    exact = [c for c in candidates if c.exact]
    exact_spans = Overlaps(exact)
    kept = exact + [c for c in candidates if not c.exact and not exact_spans.any(c)]
    kept = _unmasked(kept)
    sentences, latest = Sentences(text), _LatestBefore(kept)
    kept = [c for c in kept if not _after_excluded(c, latest, sentences)]
    # Clause moods (scoring.polarity): a refused promise, a denied apology, a refused
    # key fact, a quoted thanks do not count. A pattern entry spells out its own
    # polarity (「that's not what you needed」 is empathy).
    kept = [
        c
        for c in kept
        if (c.entry.pattern is not None and c.entry.category != "over_promise")
        or counts(c.entry.category, text, c.start, c.end, language)
    ]
    listening = Listening(text, [c for c in kept if c.entry.category in LISTENING], language)
    kept = [
        c for c in kept if c.entry.category != "aizuchi" or listening.stands_alone(c, c.entry.text)
    ]
    kept.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return _one_per_span(kept)


def _unmasked(kept: list[Any]) -> list[Any]:
    """Drop a candidate overlapped by another exact one whose entry masks its category."""
    maskers: defaultdict[str, list[Any]] = defaultdict(list)
    for candidate in kept:
        if candidate.exact:
            for category in candidate.entry.masks:
                maskers[category].append(candidate)
    index = {category: Overlaps(spans) for category, spans in maskers.items()}
    return [
        c
        for c in kept
        if c.entry.category not in index or not index[c.entry.category].any(c, other_than=c)
    ]


class _LatestBefore:
    """Per category: among candidates ending by a position, the latest start."""

    def __init__(self, kept: Sequence[Any]) -> None:
        by_category: defaultdict[str, list[Any]] = defaultdict(list)
        for candidate in kept:
            by_category[candidate.entry.category].append(candidate)
        self.ends: dict[str, list[int]] = {}
        self.latest: dict[str, list[int]] = {}
        for category, spans in by_category.items():
            spans.sort(key=lambda c: c.end)
            self.ends[category] = [c.end for c in spans]
            latest: list[int] = []
            for candidate in spans:
                latest.append(max(candidate.start, latest[-1]) if latest else candidate.start)
            self.latest[category] = latest

    def start(self, category: str, position: int) -> int | None:
        ends = self.ends.get(category)
        if not ends:
            return None
        k = bisect_right(ends, position)
        return self.latest[category][k - 1] if k else None


def _after_excluded(candidate: Any, latest: _LatestBefore, sentences: Sentences) -> bool:
    """An earlier candidate of an ``unless_after`` category in the same sentence. The
    nearest one decides: if it is in another sentence, so is every earlier one."""
    starts = [
        start
        for category in candidate.entry.unless_after
        if (start := latest.start(category, candidate.start)) is not None
    ]
    return bool(starts) and not sentences.crosses(max(starts), candidate.start + 1)


def _one_per_span(ordered: list[Any]) -> list[Any]:
    """Keep the first of overlapping hits of one category and name (``ordered`` by
    start, longest first)."""
    unique: list[Any] = []
    furthest: dict[tuple[str, str], int] = {}
    kept_by: defaultdict[tuple[str, str], list[Any]] = defaultdict(list)
    for candidate in ordered:
        key = (candidate.entry.category, candidate.name)
        if candidate.end > candidate.start:
            # Everything kept so far starts at or before this one: it overlaps exactly
            # when it reaches past this start.
            if furthest.get(key, -1) > candidate.start:
                continue
        elif any(u.start < candidate.end and candidate.start < u.end for u in kept_by[key]):
            continue
        unique.append(candidate)
        kept_by[key].append(candidate)
        furthest[key] = max(furthest.get(key, -1), candidate.end)
    return unique
