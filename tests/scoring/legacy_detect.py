"""The phrase-resolution code as it was before it was made linear (issue 14), kept as
the oracle for tests/scoring/test_detect_linear.py: the fast code must give exactly
these answers. Quadratic on long replies; only ever run on short generated ones."""

# ruff: noqa
from __future__ import annotations

import re
from typing import Any

from scoring.backchannel import RESPONSE_WORDS, _SPACE_AND_MARKS, _vocabulary
from scoring.polarity import (
    ACCEPTS,
    Mood,
    _DENIED_INSIDE,
    _EN_CLAUSE_START,
    _EN_DENIAL,
    _EN_NEGATION,
    _JA_CLAUSE_END,
    _JA_DENIAL,
    _JA_REFUSAL,
)
from scoring.polarity import _refuses_itself
from scoring.text import crosses_sentence, opens_clause

_LEADING = re.compile(r"^(?:\s|はい|ええ|えー|あの|[、,。.])+")
_JA_QUESTION = re.compile(r"(?:か|かね|でしょうか)$")
_JA_QUOTED = re.compile(r"^(?:と|って)(?:言|い)われ|^とおっしゃられ")
_CLAUSE_MARKS = re.compile(r"[,.!?;:、。，．！？…\n]|\s+-\s+")
LISTENING = frozenset({"aizuchi", "filler"})


def _overlaps(a: Any, b: Any) -> bool:
    return a.start < b.end and b.start < a.end


def _ja_clause_after(text: str, end: int) -> tuple[str, str]:
    """The rest of the clause after text[:end], without spaces (a recogniser spaces its
    words: 「と は 思っ て おり ませ ん」), and the mark that ends it ("" at the end)."""
    after = text[end:]
    stop = _JA_CLAUSE_END.search(after)
    clause = after[: stop.start()] if stop else after
    return re.sub(r"\s+", "", clause), stop.group() if stop else ""


def _ja_mood(text: str, end: int) -> Mood:
    clause, mark = _ja_clause_after(text, end)
    if _JA_QUOTED.search(clause):
        return Mood.QUOTED
    if _JA_DENIAL.search(clause):
        return Mood.DENIED
    if _JA_REFUSAL.search(clause):
        return Mood.REFUSED
    if mark in ("？", "?") or _JA_QUESTION.search(clause):
        return Mood.ASKED
    return Mood.SAID


def _en_mood(text: str, start: int, end: int, inside: bool) -> Mood:
    before = text[:start]
    starts = [m.end() for m in _EN_CLAUSE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    near = clause.split()[-2:] + ([text[start:end]] if inside else [])
    if _EN_DENIAL.search(" ".join(near)):
        return Mood.DENIED
    return Mood.REFUSED if _EN_NEGATION.search(clause) else Mood.SAID


def clause_mood(text: str, start: int, end: int, language: str, category: str = "") -> Mood:
    """What the clause does with the phrase (of ``category``) at text[start:end]."""
    if language == "ja":
        return _ja_mood(text, end)
    return _en_mood(text, start, end, category in _DENIED_INSIDE)


def counts(category: str, text: str, start: int, end: int, language: str) -> bool:
    """Whether a hit of ``category`` at text[start:end] counts in its clause."""
    accepted = ACCEPTS.get(category)
    if accepted is None:
        return True
    mood = clause_mood(text, start, end, language, category)
    if mood is Mood.REFUSED and category == "key_phrase" and _refuses_itself(text[start:end]):
        return True
    return mood in accepted


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
    if entry_text.lower() in RESPONSE_WORDS:
        return not _residue(text, 0, len(text), covered, language)
    clause_start, _ = _clause(text, hit.start, hit.end)
    return not _residue(text, clause_start, hit.start, covered, language)


def _fits_context(analysis: Any, candidate: Any) -> bool:
    entry = candidate.entry
    if crosses_sentence(analysis.text, candidate.start, candidate.end):
        return False
    if entry.clause and not opens_clause(analysis.text, candidate.start):
        return False
    if analysis.language == "ja" and analysis.starts:
        on_edges = candidate.start in analysis.starts and candidate.end in analysis.ends
        if entry.whole and not on_edges:
            return False
        # A recogniser without punctuation changes the parse; an utterance's first
        # word (だから, でも, えー) is still what it was.
        initial = not _LEADING.sub("", analysis.text[: candidate.start])
        if (
            entry.pos
            and not initial
            and not analysis.pos_at.get(candidate.start, "").startswith(entry.pos)
        ):
            return False
    return True


def _resolve(candidates: list[Any], text: str, language: str) -> list[Any]:
    """Apply precedence: exact over fuzzy, masks, unless_after, clause moods, aizuchi
    that stand alone, one hit per span."""
    exact = [c for c in candidates if c.exact]
    kept = exact + [
        c for c in candidates if not c.exact and not any(_overlaps(c, e) for e in exact)
    ]
    masked = [
        c
        for c in kept
        if not any(
            m.exact and c.entry.category in m.entry.masks and _overlaps(c, m) and m is not c
            for m in kept
        )
    ]
    kept = [c for c in masked if not _after_excluded(c, masked, text)]
    # Clause moods (scoring.polarity): a refused promise, a denied apology, a refused
    # key fact, a quoted thanks do not count. A pattern entry spells out its own
    # polarity (「that's not what you needed」 is empathy).
    kept = [
        c
        for c in kept
        if (c.entry.pattern is not None and c.entry.category != "over_promise")
        or counts(c.entry.category, text, c.start, c.end, language)
    ]
    listening = [c for c in kept if c.entry.category in LISTENING]
    kept = [
        c
        for c in kept
        if c.entry.category != "aizuchi" or stands_alone(text, c, c.entry.text, listening, language)
    ]
    kept.sort(key=lambda c: (c.start, -(c.end - c.start)))
    unique: list[Any] = []
    for candidate in kept:
        if any(
            u.entry.category == candidate.entry.category
            and u.name == candidate.name
            and _overlaps(u, candidate)
            for u in unique
        ):
            continue
        unique.append(candidate)
    return unique


def _after_excluded(candidate: Any, others: list[Any], text: str) -> bool:
    for other in others:
        if (
            other.entry.category in candidate.entry.unless_after
            and other.end <= candidate.start
            and not crosses_sentence(text, other.start, candidate.start + 1)
        ):
            return True
    return False
