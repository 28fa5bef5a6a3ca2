"""Answers about the text around a phrase in O(log n), for very long replies.

Detection asks, for every hit, what lies before or after it: the clause it sits
in, the last two words, whether a sentence ends in between. Slicing and searching
the text each time made one reply of "sorry" ×20,000 take 71 s (issue 14). These
indexes scan the text once and then answer each question from sorted positions;
every answer equals what the plain slice-and-search code gave
(tests/scoring/test_detect_linear.py checks them against that code).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from scoring.text import SENTENCE_END

_WORD = re.compile(r"\S+")
_SENTENCE_MARK = re.compile("[" + re.escape("".join(sorted(SENTENCE_END))) + "]")


class PrefixScan:
    """The matches a scan of ``text[:end]`` finds, for any ``end``, from one scan of the
    whole text plus a rescan of the few characters just before ``end``.

    A truncated scan agrees with the full one up to the first attempt that reaches
    ``end``. With ``reach`` (the longest match plus one character of look-ahead, for
    patterns using ``\\b``) that attempt starts at most ``reach`` before ``end``;
    without it the pattern must have no assertions, and the scans agree on every
    match that ends by ``end``.
    """

    def __init__(
        self,
        pattern: re.Pattern[str],
        text: str,
        reach: int | None = None,
        pos: int = 0,
        endpos: int | None = None,
    ) -> None:
        """Scans ``text[pos:endpos]``; ask only about ends up to ``endpos``."""
        self.pattern = pattern
        self.text = text
        self.reach = reach
        self.pos = pos
        stop = len(text) if endpos is None else endpos
        spans = [m.span() for m in pattern.finditer(text, pos, stop)]
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def _resync(self, end: int) -> int:
        """A position at or before ``end`` where the truncated scan stands between
        matches, having found exactly the full scan's matches before it."""
        if self.reach is None:
            k = bisect_right(self.ends, end)
            if k < len(self.starts) and self.starts[k] < end:
                return self.starts[k]
            return end
        p = max(self.pos, end - self.reach - 2)
        k = bisect_right(self.starts, p) - 1
        if k >= 0 and self.starts[k] < p < self.ends[k]:
            return self.ends[k]
        return p

    def last_end(self, end: int) -> int | None:
        """Where the last match in ``text[:end]`` ends (None when there is none)."""
        p = self._resync(end)
        tail = None
        for match in self.pattern.finditer(self.text, p, end):
            tail = match.end()
        if tail is not None:
            return tail
        k = bisect_right(self.ends, p) - 1
        return self.ends[k] if k >= 0 else None

    def spans_before(self, end: int) -> tuple[list[tuple[int, int]], int]:
        """The tail of the truncated scan: (matches from the resync point on, that point).
        Matches before the point are the full scan's."""
        p = self._resync(end)
        return [m.span() for m in self.pattern.finditer(self.text, p, end)], p

    def found_between(self, start: int, end: int) -> bool:
        """Whether a scan of ``text[start:end]`` finds a match (needs ``reach``).
        ``start`` must be a place no match of the full scan straddles, so that a fresh
        scan from there attempts what the full scan attempts."""
        assert self.reach is not None
        last_safe = end - self.reach  # an attempt here cannot look at text[end:]
        k = bisect_left(self.starts, start)
        if k < len(self.starts) and self.starts[k] <= last_safe:
            return True
        return self.pattern.search(self.text, max(start, last_safe + 1), end) is not None


class Words:
    """Whitespace-separated words, as ``str.split()`` cuts any slice of the text."""

    def __init__(self, text: str) -> None:
        spans = [m.span() for m in _WORD.finditer(text)]
        self.text = text
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]

    def last(self, start: int, end: int, count: int) -> list[str]:
        """``text[start:end].split()[-count:]``."""
        words: list[str] = []
        if start >= end:
            return words
        k = bisect_left(self.starts, end) - 1
        while k >= 0 and len(words) < count and self.ends[k] > start:
            words.append(self.text[max(start, self.starts[k]) : min(end, self.ends[k])])
            k -= 1
        return words[::-1]

    def last_visible(self, end: int) -> int | None:
        """Index of the last non-space character before ``end`` (None if all space)."""
        k = bisect_left(self.starts, end) - 1
        return None if k < 0 else min(end, self.ends[k]) - 1


class Sentences:
    """``scoring.text.crosses_sentence`` for any span, without slicing the text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.marks = [m.start() for m in _SENTENCE_MARK.finditer(text)]
        self.dot_spaces = [m.start() for m in re.finditer(r"\. ", text)]
        # Where each mark's run of consecutive marks begins (rstrip removes a run).
        self.run_start: list[int] = []
        for number, position in enumerate(self.marks):
            joined = number and self.marks[number - 1] == position - 1
            self.run_start.append(self.run_start[-1] if joined else position)

    def crosses(self, start: int, end: int) -> bool:
        """True when a sentence-final mark lies strictly inside text[start:end]."""
        end = min(end, self.length)
        inner_end = end
        k = bisect_left(self.marks, end - 1)
        if end > start and k < len(self.marks) and self.marks[k] == end - 1:
            inner_end = max(start, self.run_start[k])
        if inner_end <= start:
            return False
        k = bisect_left(self.marks, start)
        if k < len(self.marks) and self.marks[k] < inner_end:
            return True
        k = bisect_left(self.dot_spaces, start)
        return k < len(self.dot_spaces) and self.dot_spaces[k] + 2 <= inner_end
