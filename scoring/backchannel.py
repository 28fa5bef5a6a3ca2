"""When an aizuchi is really an aizuchi: listening noises, not the first word of an
answer.

「はい、必ずお支払いします」, "Yes, guaranteed" and "Okay, okay, calm down" start with
a backchannel word but are answers (issue 10). The bare response words (はい, ええ,
yes, okay, right, sure) count only when the whole reply is backchannel (fillers
aside): at the head of an answer they are its first word. A backchannel expression
(さようでございますか, なるほど, かしこまりました, I see) counts when nothing but
backchannel comes before it in its clause — 「さようでございますか。お気持ちお察し
いたします」 shows listening, then answers, and so does the same text from a
recogniser that wrote no punctuation.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from scoring.textindex import PrefixScan

_CLAUSE_MARKS = re.compile(r"[,.!?;:、。，．！？…\n]|\s+-\s+")
_SPACE_AND_MARKS = re.compile(r"[\s,.!?;:、。，．！？…ー〜~\-—「」『』()（）]+")
_NOT_SPACE_OR_MARK = re.compile(r"[^\s,.!?;:、。，．！？…ー〜~\-—「」『』()（）]")
RESPONSE_WORDS = frozenset(
    {"はい", "ええ", "ええ、ええ", "yes", "yeah", "ok", "okay", "right", "sure"}
)
LISTENING = frozenset({"aizuchi", "filler"})


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@cache
def _vocabulary(language: str) -> re.Pattern[str]:
    """Every backchannel and filler of the lexicon, as written: a recogniser that drops
    punctuation leaves 「はいええさようでございますか」, where the word-edge rules
    of detection find no ええ, yet nothing in it is an answer."""
    from scoring.lexicon import load_lexicon

    lexicon = load_lexicon(language)
    words = sorted(
        {e.text.lower() for c in LISTENING for e in lexicon.by_category(c) if e.pattern is None},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"\b(?:{alternatives})\b" if language == "en" else f"(?:{alternatives})")


def _residue(text: str, start: int, end: int, covered: Sequence[Span], language: str) -> str:
    """What of text[start:end] is neither backchannel nor punctuation."""
    chars = list(text[start:end])
    for span in covered:
        for position in range(max(start, span.start), min(end, span.end)):
            chars[position - start] = " "
    rest = _vocabulary(language).sub(" ", "".join(chars).lower())
    return _SPACE_AND_MARKS.sub("", rest)


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _CLAUSE_MARKS.finditer(text, 0, start)]
    after = _CLAUSE_MARKS.search(text, end)
    return (before[-1] if before else 0, after.start() if after else len(text))


def stands_alone(
    text: str, hit: Span, entry_text: str, covered: Sequence[Span], language: str
) -> bool:
    """``covered``: every backchannel and filler hit in the utterance."""
    return Listening(text, covered, language).stands_alone(hit, entry_text)


class Listening:
    """``stands_alone`` for every hit of one utterance, in time linear in its length:
    the clause starts and the residue before each hit come from one scan of the text
    (a reply of 20,000 「はい」 rescanned its clause per hit)."""

    def __init__(self, text: str, covered: Sequence[Span], language: str) -> None:
        self.text = text
        self.covered = covered
        self.language = language
        self._whole: bool | None = None
        self._clauses: PrefixScan | None = None
        self._folded: str | None = None
        self._regions: dict[int, tuple[PrefixScan, int]] = {}

    def stands_alone(self, hit: Span, entry_text: str) -> bool:
        if entry_text.lower() in RESPONSE_WORDS:
            if self._whole is None:
                residue = _residue(self.text, 0, len(self.text), self.covered, self.language)
                self._whole = not residue
            return self._whole
        if self._clauses is None:
            self._clauses = PrefixScan(_CLAUSE_MARKS, self.text)
        clause_start = self._clauses.last_end(hit.start) or 0
        return self._clean(clause_start, hit.start)

    def _fold(self) -> str:
        """The text as ``_residue`` sees it: backchannel hits blanked, lower case. A
        character whose lower case is longer (İ) becomes one that is never cleared, as
        its lower case never is entirely."""
        if self._folded is None:
            chars = [c.lower() if len(c.lower()) == 1 else "\ufffe" for c in self.text]
            for span in self.covered:
                chars[span.start : span.end] = " " * (span.end - span.start)
            self._folded = "".join(chars)
        return self._folded

    def _clean(self, start: int, end: int) -> bool:
        """``not _residue(text, start, end, covered, language)``."""
        if start >= end:
            return True
        folded = self._fold()
        if start not in self._regions:
            # Every hit whose clause starts here lies before the end of the next mark.
            assert self._clauses is not None
            marks = self._clauses
            k = bisect_right(marks.ends, start)
            stop = marks.ends[k] if k < len(marks.ends) else len(folded)
            vocabulary, reach = _vocabulary_reach(self.language)
            words = PrefixScan(vocabulary, folded, reach, pos=start, endpos=stop)
            residue = _first_residue(folded, words.starts, words.ends, start, stop)
            self._regions[start] = (words, residue)
        words, first_residue = self._regions[start]
        tail, resync = words.spans_before(end)
        if first_residue < resync:
            return False
        starts = [span[0] for span in tail]
        ends = [span[1] for span in tail]
        return _first_residue(folded, starts, ends, resync, end) >= end


def _first_residue(folded: str, starts: list[int], ends: list[int], begin: int, stop: int) -> int:
    """First position in [begin, stop) that is neither inside a word match nor a space
    or mark (``stop`` when there is none)."""
    cursor = begin
    for word_start, word_end in zip(starts, ends, strict=True):
        if word_start >= stop:
            break
        found = _NOT_SPACE_OR_MARK.search(folded, cursor, min(word_start, stop))
        if found:
            return found.start()
        cursor = max(cursor, word_end)
    found = _NOT_SPACE_OR_MARK.search(folded, cursor, stop) if cursor < stop else None
    return found.start() if found else stop


@cache
def _vocabulary_reach(language: str) -> tuple[re.Pattern[str], int]:
    pattern = _vocabulary(language)
    from scoring.lexicon import load_lexicon

    lexicon = load_lexicon(language)
    longest = max(
        (len(e.text) for c in LISTENING for e in lexicon.by_category(c) if e.pattern is None),
        default=1,
    )
    return pattern, longest + 1
