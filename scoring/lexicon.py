"""Phrase lexicons (``scoring/lexicons/<language>.yaml``), loaded once and cached.

A lexicon maps a category to entries. An entry is a phrase, or a mapping
with the phrase under ``text`` and context rules:

- ``whole``: match only on word boundaries (short words such as はい, でも;
  default for phrases of three characters or fewer);
- ``clause``: must open a clause (start of the utterance or after punctuation):
  "Right." is an aizuchi, "you have every right" is not;
- ``pos``: the first word must have this part of speech (でも as 接続詞, not
  the particle in いつでも);
- ``masks``: categories this phrase overrides where they overlap
  (「はいはい」 is not an aizuchi; "sorry you feel that way" is not an apology);
- ``unless_after``: not counted when a phrase of these categories comes
  earlier in the same sentence (「申し訳ございませんが、できません」 is cushioned);
- ``fuzzy: false``: exact matches only;
- ``pattern``: a regular expression matched on the folded text instead of the
  phrase (``text`` then only names the entry): 「リーダーの佐藤でございます」 is a
  self-introduction whatever the name.

Categories outside DESIGN.md §5 (such as ``refusal``) are internal markers the
rubric checks use; ``detect`` does not report them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from scoring import reading
from scoring.categories import PUBLIC_CATEGORIES as PUBLIC_CATEGORIES  # re-exported
from scoring.text import fold_en, fold_ja, stem_en

LANGUAGES = ("ja", "en")


class LexiconError(ValueError):
    """A lexicon file is malformed (one line, names the file and entry)."""


@dataclass(frozen=True)
class Entry:
    category: str
    text: str  # as written in the lexicon
    surface: str  # folded form matched against folded text
    reading: str  # hiragana reading (Japanese only) for kana/kanji-tolerant matching
    whole: bool = False
    clause: bool = False
    pos: str | None = None
    masks: tuple[str, ...] = ()
    unless_after: tuple[str, ...] = ()
    fuzzy: bool = True
    kana_word: bool = False  # a whole word written without kanji (はい, ええ)
    needle: str | None = None  # what fuzzy matching compares, None when not fuzzy-matched
    pattern: re.Pattern[str] | None = None  # matched on the folded surface instead


@dataclass(frozen=True)
class Lexicon:
    language: str
    entries: tuple[Entry, ...]

    def by_category(self, category: str) -> tuple[Entry, ...]:
        return tuple(entry for entry in self.entries if entry.category == category)


def _is_kanji(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or char == "々"


# Shortest phrase (reading characters for ja, letters for en) worth matching fuzzily:
# below this a near match is as likely another phrase as a misrecognition.
FUZZY_MIN = {"ja": 6, "en": 10}


def _needle(language: str, surface: str, reading_text: str, whole: bool, fuzzy: bool) -> str | None:
    needle = reading_text if language == "ja" else surface
    if not fuzzy or whole or len(needle) < FUZZY_MIN[language]:
        return None
    return needle


def make_entry(category: str, raw: Any, language: str, where: str = "") -> Entry:
    spec: Mapping[str, Any] = {"text": raw} if isinstance(raw, str) else raw
    if not isinstance(spec, Mapping) or not isinstance(spec.get("text"), str):
        raise LexiconError(f"{where}: entry must be a phrase or a mapping with 'text'")
    text = spec["text"].strip()
    surface = fold_ja(text).text if language == "ja" else fold_en(text).text
    if not surface:
        raise LexiconError(f"{where}: entry {text!r} is empty after normalisation")
    whole = bool(spec.get("whole", len(surface) <= 3))
    pattern = _pattern(spec.get("pattern"), where)
    reading_text = reading.reading(text) if language == "ja" and pattern is None else ""
    return Entry(
        category=category,
        text=text,
        surface=surface,
        reading=reading_text,
        whole=whole,
        clause=bool(spec.get("clause", False)),
        pos=spec.get("pos"),
        masks=tuple(spec.get("masks", ())),
        unless_after=tuple(spec.get("unless_after", ())),
        fuzzy=bool(spec.get("fuzzy", True)),
        kana_word=whole and not any(_is_kanji(char) for char in surface),
        needle=None
        if pattern
        else _needle(language, surface, reading_text, whole, bool(spec.get("fuzzy", True))),
        pattern=pattern,
    )


def _pattern(raw: Any, where: str) -> re.Pattern[str] | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw:
        raise LexiconError(f"{where}: pattern must be a regular expression")
    try:
        return re.compile(raw)
    except re.error as error:
        raise LexiconError(f"{where}: bad pattern: {error}") from None


def parse_lexicon(data: Any, language: str, where: str) -> Lexicon:
    if not isinstance(data, Mapping) or not isinstance(data.get("categories"), Mapping):
        raise LexiconError(f"{where}: expected a mapping with 'categories'")
    entries: list[Entry] = []
    for category, items in data["categories"].items():
        if not isinstance(items, Sequence) or isinstance(items, str):
            raise LexiconError(f"{where}: category {category!r} must be a list")
        for number, raw in enumerate(items):
            entries.append(
                make_entry(str(category), raw, language, f"{where}:{category}[{number}]")
            )
    return Lexicon(language, tuple(entries))


@cache
def load_lexicon(language: str) -> Lexicon:
    """The bundled lexicon for ``language`` (ja or en), parsed once per process."""
    import yaml  # loaded on first use: `callcoach --help` needs no YAML

    if language not in LANGUAGES:
        raise LexiconError(f"no lexicon for language {language!r}; expected one of {LANGUAGES}")
    name = f"{language}.yaml"
    text = resources.files("scoring").joinpath("lexicons", name).read_text(encoding="utf-8")
    return parse_lexicon(yaml.safe_load(text), language, f"scoring/lexicons/{name}")


@cache
def adhoc_entry(
    category: str, text: str, language: str, fuzzy: bool, digits: bool = False
) -> Entry:
    """An entry built from scenario data (key phrases, forbidden promises), cached.
    ``digits``: fold English as for key phrases: number words as digits (see fold_en)
    and words stemmed (see stem_en), matched against text folded the same way."""
    entry = make_entry(category, {"text": text, "fuzzy": fuzzy, "whole": False}, language)
    if digits and language == "en":
        folded = fold_en(text, digits=True)
        surface = stem_en(folded).text
        entry = replace(entry, surface=surface, needle=entry.needle and folded.text)
    return entry
