"""Phrase detection: which categories of DESIGN.md §5 an utterance contains.

Matching runs in three passes per lexicon entry, on text folded so that
recognition noise does not matter (see scoring.text):

1. the folded surface (spaces, punctuation, width and katakana/hiragana folded);
2. Japanese only: the pyopenjtalk reading, so 「もうしわけございません」 written in
   kana matches 申し訳ございません and the reverse;
3. fuzzy (rapidfuzz) on the reading (ja) or the words (en) for entries long
   enough that a near match is meaningful; fuzzy hits never override exact ones.

Then context rules from the lexicon (whole words, part of speech, masks,
unless_after) decide what the phrase means here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from scoring import reading
from scoring.lexicon import PUBLIC_CATEGORIES, Entry
from scoring.prefilter import bigrams, lexicon_index, reads, shares_pairs
from scoring.promises import offered
from scoring.resolve import resolve
from scoring.scenario_phrases import KEY_PHRASE, scenario_entries
from scoring.text import (
    CLAUSE_MARKS,
    Folded,
    compact_nfkc,
    fold_en,
    fold_ja,
    stem_en,
)
from scoring.textindex import Sentences, Words
from scoring.waiting import asks_to_wait

# What may come before an utterance's "first" word: spaces, response words, marks.
_LEADING_TOKEN = re.compile(r"\s|はい|ええ|えー|あの|[、,。.]")
_FUZZY_CUTOFF = {"ja": 90.0, "en": 90.0}


@dataclass(frozen=True)
class PhraseHit:
    category: str  # one of DESIGN.md §5 categories (internal markers only from scan())
    text: str  # the matched surface text from the original utterance
    start: int  # character offsets in the original text
    end: int
    how: str = ""  # how it matched, for the card's evidence: "lexicon 「…」", "pattern …"


@dataclass(frozen=True)
class Detection:
    hits: tuple[PhraseHit, ...]
    categories: frozenset[str]  # categories found
    key_phrases: frozenset[str]  # names of scenario key phrases found
    asks_to_wait: bool = False  # asks the caller to wait on the line now (scoring.waiting)


@dataclass(frozen=True)
class _Candidate:
    entry: Entry
    start: int
    end: int
    exact: bool
    name: str = ""  # key phrase name


class _Analysis:
    """One utterance, folded every way the matcher needs, computed once."""

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self.surface = fold_ja(text) if language == "ja" else fold_en(text)
        self._digits: Folded | None = None
        self.starts: set[int] = set()
        self.ends: set[int] = set()
        self.pos_at: dict[int, str] = {}
        self.reading = Folded("", ())
        if language == "ja":
            self._analyse_reading()
        self._sentences: Sentences | None = None
        self._words: Words | None = None
        self._leading: set[int] | None = None

    @property
    def sentences(self) -> Sentences:
        if self._sentences is None:
            self._sentences = Sentences(self.text)
        return self._sentences

    def opens_clause(self, start: int) -> bool:
        """scoring.text.opens_clause without slicing the text."""
        if self._words is None:
            self._words = Words(self.text)
        last = self._words.last_visible(start)
        return last is None or self.text[last] in CLAUSE_MARKS

    def initial(self, start: int) -> bool:
        """Whether only spaces, response words and marks come before ``start`` (what
        ``_LEADING`` removes): the places where its greedy match may stop."""
        if self._leading is None:
            self._leading = {0}
            position = 0
            while match := _LEADING_TOKEN.match(self.text, position):
                position = match.end()
                self._leading.add(position)
        return start in self._leading

    @property
    def digits(self) -> Folded:
        if self._digits is None:
            english = self.language == "en"
            self._digits = stem_en(fold_en(self.text, digits=True)) if english else self.surface
        return self._digits

    def _analyse_reading(self) -> None:
        compact = compact_nfkc(self.text)
        chars: list[str] = []
        spans: list[tuple[int, int]] = []
        for token in reading.tokens(compact.text):
            if token.end <= token.start:
                continue
            span = compact.original_span(token.start, token.end)
            self.starts.add(span[0])
            self.ends.add(span[1])
            self.pos_at.setdefault(span[0], token.pos)
            chars.extend(token.reading)
            spans.extend([span] * len(token.reading))
        self.reading = Folded("".join(chars), tuple(spans))


def _find_all(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    index = haystack.find(needle)
    while index >= 0:
        found.append(index)
        index = haystack.find(needle, index + 1)
    return found


def _on_word_edges(folded: str, start: int, end: int, *, prefix: bool = False) -> bool:
    """Whole words only; with ``prefix`` the match may end inside a word ("email" in
    "emailing"), for scenario key phrases written as a stem."""
    starts = start == 0 or folded[start - 1] == " "
    return starts and (prefix or end == len(folded) or folded[end] == " ")


def _exact(analysis: _Analysis, entry: Entry, surface: Folded) -> list[_Candidate]:
    found: list[_Candidate] = []
    for index in _find_all(surface.text, entry.surface):
        end = index + len(entry.surface)
        stem = (
            entry.category == KEY_PHRASE and len(entry.surface) >= 4 and entry.surface[-1].isalpha()
        )
        if analysis.language == "en" and not _on_word_edges(surface.text, index, end, prefix=stem):
            continue
        found.append(_Candidate(entry, *surface.original_span(index, end), exact=True))
    if _reads(analysis, entry) and not found:
        for index in _find_all(analysis.reading.text, entry.reading):
            span = analysis.reading.original_span(index, index + len(entry.reading))
            found.append(_Candidate(entry, *span, exact=True))
    return found


def _reads(analysis: _Analysis, entry: Entry) -> bool:
    return reads(analysis.language, entry)


@cache
def _rapidfuzz() -> tuple[Any, Any]:
    from rapidfuzz import fuzz, process

    return fuzz, process


def _fuzzy(analysis: _Analysis, pool: list[tuple[Entry, str, str]]) -> list[_Candidate]:
    """Near matches for the entries in ``pool`` (entry, key name, needle), scored in one
    rapidfuzz call and aligned only for those above the cutoff."""
    if not pool:
        return []
    fuzz, process = _rapidfuzz()
    target = analysis.reading if analysis.language == "ja" else analysis.surface
    cutoff = _FUZZY_CUTOFF[analysis.language]
    needles = [needle for _, _, needle in pool]
    found = []
    for _, _, number in process.extract(
        target.text, needles, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
    ):
        entry, name, needle = pool[number]
        alignment = fuzz.partial_ratio_alignment(needle, target.text, score_cutoff=cutoff)
        # rapidfuzz also scores windows cut off at the text's edges; a match must cover
        # nearly the whole phrase (お調べいたします is not お調べいたしますので).
        if alignment is None or alignment.dest_end - alignment.dest_start < len(needle) - 1:
            continue
        span = target.original_span(alignment.dest_start, alignment.dest_end)
        candidate = _Candidate(entry, *span, exact=False, name=name)
        if _fits_context(analysis, candidate):
            found.append(candidate)
    return found


def _fits_context(analysis: _Analysis, candidate: _Candidate) -> bool:
    entry = candidate.entry
    if analysis.sentences.crosses(candidate.start, candidate.end):
        return False
    if entry.clause and not analysis.opens_clause(candidate.start):
        return False
    if analysis.language == "ja" and analysis.starts:
        on_edges = candidate.start in analysis.starts and candidate.end in analysis.ends
        if entry.whole and not on_edges:
            return False
        # A recogniser without punctuation changes the parse; an utterance's first
        # word (だから, でも, えー) is still what it was.
        initial = analysis.initial(candidate.start)
        if (
            entry.pos
            and not initial
            and not analysis.pos_at.get(candidate.start, "").startswith(entry.pos)
        ):
            return False
    return True


def _patterned(analysis: _Analysis, entry: Entry) -> list[_Candidate]:
    assert entry.pattern is not None
    surface = analysis.surface
    found = []
    for match in entry.pattern.finditer(surface.text):
        if match.end() > match.start():
            span = surface.original_span(match.start(), match.end())
            candidate = _Candidate(entry, *span, exact=True)
            if _fits_context(analysis, candidate):
                found.append(candidate)
    return found


def _try_exact(analysis: _Analysis, entry: Entry, name: str) -> list[_Candidate]:
    """Exact hits of one entry that fit their context (empty when absent)."""
    if entry.pattern is not None:
        return _patterned(analysis, entry)
    surface = analysis.digits if entry.category == KEY_PHRASE else analysis.surface
    # Cheap containment test first: most entries are absent from most utterances.
    if entry.surface in surface.text or (
        entry.reading and entry.reading in analysis.reading.text and _reads(analysis, entry)
    ):
        exact = [c for c in _exact(analysis, entry, surface) if _fits_context(analysis, c)]
        return [_Candidate(c.entry, c.start, c.end, True, name) for c in exact]
    return []


def _candidates(analysis: _Analysis, extra: Sequence[tuple[Entry, str]]) -> list[_Candidate]:
    """Hits of the lexicon (through its index) and of ``extra`` scenario entries: exact
    first; entries without an exact hit are then tried fuzzily."""
    index = lexicon_index(analysis.language)
    target = analysis.reading if analysis.language == "ja" else analysis.surface
    found: list[_Candidate] = []
    matched: set[int] = set()
    for position in index.maybe_exact(analysis.surface.text, analysis.reading.text):
        hits = _try_exact(analysis, index.entries[position], "")
        if hits:
            found.extend(hits)
            matched.add(position)
    pairs = bigrams(target.text)
    pool = [
        (entry, "", entry.needle)
        for position in index.maybe_fuzzy(pairs)
        if position not in matched
        and (entry := index.entries[position]).needle is not None
        and len(entry.needle) <= len(target.text)
    ]
    # A near match shares most of its character pairs with the text (the index
    # checked that for the lexicon): checking it first spares rapidfuzz most entries.
    for entry, name in extra:
        hits = _try_exact(analysis, entry, name)
        if hits:
            found.extend(hits)
        elif (
            entry.needle is not None
            and len(entry.needle) <= len(target.text)
            and shares_pairs(bigrams(entry.needle), pairs)
        ):
            pool.append((entry, name, entry.needle))
    return found + _fuzzy(analysis, pool)


def scan(
    text: str,
    language: str,
    *,
    key_phrases: Mapping[str, Sequence[str]] | None = None,
    forbidden_promises: Sequence[str] = (),
    allowed_offers: Sequence[str] = (),
) -> list[tuple[PhraseHit, str]]:
    """Every hit including internal markers and key phrases, with the key phrase name.
    Cached: the engine detects each reply during the call and scoring reads it again."""
    keys = tuple((str(n), tuple(str(a) for a in alts)) for n, alts in (key_phrases or {}).items())
    forbidden = tuple(str(p) for p in forbidden_promises)
    return list(_scan(text, language, keys, forbidden, tuple(str(o) for o in allowed_offers)))


@lru_cache(maxsize=4096)
def _scan(
    text: str,
    language: str,
    keys: tuple[tuple[str, tuple[str, ...]], ...],
    forbidden: tuple[str, ...],
    offers: tuple[str, ...],
) -> tuple[tuple[PhraseHit, str], ...]:
    analysis = _Analysis(text, language)
    entries = scenario_entries(language, dict(keys), forbidden)
    scenario = {id(entry) for entry, _ in entries}
    candidates = [
        c
        for c in _candidates(analysis, entries)
        if not (
            c.entry.category == "over_promise"
            and id(c.entry) not in scenario
            and offered(text[c.start : c.end], language, offers)
        )
    ]
    resolved = resolve(candidates, text, language)
    return tuple(
        (PhraseHit(c.entry.category, text[c.start : c.end], c.start, c.end, _how(c)), c.name)
        for c in resolved
    )


def _how(candidate: _Candidate) -> str:
    entry = candidate.entry
    if entry.pattern is not None:
        return f"pattern 「{entry.text}」"
    kind = "key phrase" if entry.category == KEY_PHRASE else "lexicon"
    return f"{kind} 「{entry.text}」" + ("" if candidate.exact else " (near match)")


def detect(
    text: str,
    language: str,
    *,
    key_phrases: Mapping[str, Sequence[str]] | None = None,
    forbidden_promises: Sequence[str] = (),
    allowed_offers: Sequence[str] = (),
) -> Detection:
    """Categories and scenario key phrases found in one utterance.

    ``key_phrases`` maps a name to alternatives ({"order": ["58213", "ごーはちにーいちさん"]});
    a forbidden promise found in the text adds an ``over_promise`` hit; what the policy
    allows to offer (``allowed_offers``) is not one.
    """
    found = scan(
        text,
        language,
        key_phrases=key_phrases,
        forbidden_promises=forbidden_promises,
        allowed_offers=allowed_offers,
    )
    hits = tuple(hit for hit, _ in found if hit.category in PUBLIC_CATEGORIES)
    return Detection(
        hits=hits,
        categories=frozenset(hit.category for hit in hits),
        key_phrases=frozenset(name for hit, name in found if hit.category == KEY_PHRASE),
        asks_to_wait=asks_to_wait(text, hits, language),
    )
