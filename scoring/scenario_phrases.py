"""A scenario's own phrases as matchable entries, besides the lexicon: its forbidden
promises (the phrase, and for Japanese a pattern of its variants, scoring.promises)
and each turn's key phrases with their concept synonyms (scoring.concepts)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scoring.concepts import with_synonyms
from scoring.lexicon import Entry, LexiconError, adhoc_entry, make_entry
from scoring.promises import promise_pattern

KEY_PHRASE = "key_phrase"


def scenario_entries(
    language: str, key_phrases: Mapping[str, Sequence[str]], forbidden_promises: Sequence[str]
) -> list[tuple[Entry, str]]:
    """Scenario entries (forbidden promises, key phrases) to match besides the lexicon."""
    entries: list[tuple[Entry, str]] = []
    for promise in forbidden_promises:
        entry = _adhoc("over_promise", promise, language, True)
        if entry is not None:
            entries.append((entry, ""))
        pattern = promise_pattern(promise) if language == "ja" else None
        if pattern is not None:
            spec = {"text": promise, "pattern": pattern}
            entries.append((make_entry("over_promise", spec, language), ""))
    for name, alternatives in key_phrases.items():
        for alternative in with_synonyms(alternatives, language):
            has_digits = any(ch.isdigit() for ch in str(alternative))
            entry = _adhoc(KEY_PHRASE, str(alternative), language, not has_digits, digits=True)
            if entry is not None:
                entries.append((entry, name))
    return entries


def _adhoc(
    category: str, text: str, language: str, fuzzy: bool, digits: bool = False
) -> Entry | None:
    """A scenario phrase as an entry, or None when nothing of it is matchable in this
    language (a Japanese phrase folds to nothing in an English session)."""
    if not text.strip():
        return None
    try:
        return adhoc_entry(category, text, language, fuzzy, digits)
    except LexiconError:
        return None
