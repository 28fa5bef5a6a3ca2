"""Which lexicon entries could match an utterance, found without trying every entry.

Detection used to test all ~380 entries of a lexicon against each utterance; most
are absent from most utterances. The index answers two questions in one pass over
the utterance's characters:

- exact candidates: an entry can only be contained in the text (or its reading)
  if the text has the entry's first two characters (of its surface or reading;
  single-character entries by that character). Pairs, not first characters:
  Japanese phrases mostly start with a handful of kana (お, ご, し), so a
  first-character index lets ~150 entries through per utterance, pairs ~20;
- fuzzy candidates: a near match keeps most of the phrase's character pairs
  (``FUZZY_SHARE``), counted through an inverted index of pairs.

Both are supersets of what the full scan would find, so results are unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain

from scoring.lexicon import Entry, load_lexicon

# At the fuzzy cutoff (~1 edit in 10) a phrase keeps well over half its pairs.
FUZZY_SHARE = 0.6


@lru_cache(maxsize=16384)
def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


@lru_cache(maxsize=16384)
def _heads(text: str) -> frozenset[str]:
    """What an entry's head could be in ``text``: its characters and character pairs."""
    return frozenset(text) | bigrams(text)


def shares_pairs(needle: frozenset[str], text: frozenset[str]) -> bool:
    return len(needle & text) >= FUZZY_SHARE * len(needle)


def reads(language: str, entry: Entry) -> bool:
    """Whether ``entry`` is matched on readings too. Whole-word entries written in kana
    (はい, ええ) match on the surface only: their readings collide (ええ and the
    filler えー are both "えー")."""
    return language == "ja" and bool(entry.reading) and not entry.kana_word


@dataclass(frozen=True)
class EntryIndex:
    entries: tuple[Entry, ...]
    by_head: Mapping[str, tuple[int, ...]]  # first one or two characters → positions
    patterned: tuple[int, ...]  # regular-expression entries: always tried
    by_pair: Mapping[str, tuple[int, ...]]  # character pair of a needle → positions
    pairs_needed: Mapping[int, float]  # position → shared pairs a near match needs

    def maybe_exact(self, surface: str, reading: str) -> list[int]:
        """Positions, in lexicon order, of entries that may occur in the text."""
        maybe = set(self.patterned)
        heads = self.by_head
        for key in _heads(surface) | _heads(reading):
            found = heads.get(key)
            if found:
                maybe.update(found)
        return sorted(maybe)

    def maybe_fuzzy(self, pairs: frozenset[str]) -> list[int]:
        """Positions, in lexicon order, of entries sharing enough pairs with the text."""
        by_pair, empty = self.by_pair, ()
        counts = Counter(chain.from_iterable([by_pair.get(pair, empty) for pair in pairs]))
        needed = self.pairs_needed
        return sorted([p for p, n in counts.items() if n >= needed[p]])


def build_index(entries: tuple[Entry, ...], language: str) -> EntryIndex:
    by_head: dict[str, list[int]] = {}
    by_pair: dict[str, list[int]] = {}
    patterned: list[int] = []
    needed: dict[int, float] = {}
    for position, entry in enumerate(entries):
        if entry.pattern is not None:
            patterned.append(position)
            continue
        heads = {entry.surface[:2]}
        if reads(language, entry):
            heads.add(entry.reading[:2])
        for head in heads:
            by_head.setdefault(head, []).append(position)
        if entry.needle is not None:
            pairs = bigrams(entry.needle)
            needed[position] = FUZZY_SHARE * len(pairs)
            for pair in pairs:
                by_pair.setdefault(pair, []).append(position)
    return EntryIndex(
        entries=entries,
        by_head={k: tuple(v) for k, v in by_head.items()},
        patterned=tuple(patterned),
        by_pair={k: tuple(v) for k, v in by_pair.items()},
        pairs_needed=needed,
    )


@cache
def lexicon_index(language: str) -> EntryIndex:
    return build_index(load_lexicon(language).entries, language)
