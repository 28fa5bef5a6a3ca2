"""Text normalisation with a map back to the original string.

Detection matches on folded text (NFKC, lower case, katakana folded to
hiragana, punctuation and spaces removed) but reports the surface text the
trainee actually said, so every normalised character remembers the span of
the original characters it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Sentence-final marks: a phrase never spans one of these (「…ません。が、」 is two sentences).
SENTENCE_END = frozenset("。．！？!?")
_COMBINING_MARKS = frozenset("\u3099\u309a")


@dataclass(frozen=True)
class Folded:
    """``text`` is the normalised string; ``spans[i]`` is the (start, end) of the
    original characters that produced ``text[i]``."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.spans[start][0], self.spans[end - 1][1]


_KATA_TO_HIRA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}


def kata_to_hira(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


def _is_dropped(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "PZC" or category in ("Sk", "Sm", "So") or char.isspace()


def _nfkc_chars(text: str) -> list[tuple[str, int]]:
    """NFKC per original character, recombining half-width voiced marks (ｶﾞ → が)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return [(char, index) for index, char in enumerate(text)]  # nothing to change
    out: list[tuple[str, int]] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKC", char):
            if piece in _COMBINING_MARKS and out:
                composed = unicodedata.normalize("NFC", out[-1][0] + piece)
                if len(composed) == 1:  # a mark that composes with nothing (事゛) stays
                    out[-1] = (composed, out[-1][1])
                    continue
            out.append((piece, index))
    return out


@lru_cache(maxsize=8192)
def _fold_ja_piece(piece: str) -> str:
    """One NFKC piece folded: lower case, hiragana, punctuation and spaces dropped.
    Per character, since lower() may lengthen it (İ → i + combining dot)."""
    return "".join(c for c in kata_to_hira(piece.lower()) if not _is_dropped(c))


def fold_ja(text: str) -> Folded:
    """Japanese folding: NFKC, lower case, hiragana, no punctuation or spaces."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for piece, index in _nfkc_chars(text):
        for char in _fold_ja_piece(piece):
            chars.append(char)
            spans.append((index, index + 1))
    return Folded("".join(chars), tuple(spans))


_EN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
_NUMBER_WORDS = {
    "zero": "0",
    "oh": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
}
# British and American spellings fold to one form; recognisers pick either.
_SPELLINGS = {
    "apologise": "apologize",
    "apologised": "apologized",
    "apologising": "apologizing",
    "realise": "realize",
    "recognise": "recognize",
    "organise": "organize",
    "okay": "ok",
    "alright": "all right",
}


def fold_en(text: str, *, digits: bool = False) -> Folded:
    """English folding: lower-case words joined by single spaces, apostrophes dropped.

    With ``digits`` number words become digits and single digits join
    ("five eight two 1 3" → "58213"), for matching order numbers read aloud.
    """
    pieces = [(piece.lower(), index) for piece, index in _nfkc_chars(text)]
    lowered = "".join(piece for piece, _ in pieces)
    origin = [index for piece, index in pieces for _ in piece]
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    previous_digit = False
    for match in _EN_WORD.finditer(lowered):
        span = (origin[match.start()], origin[match.end() - 1] + 1)
        word = match.group().replace("'", "").replace("’", "")
        word = _SPELLINGS.get(word, word)
        if digits:
            word = _NUMBER_WORDS.get(word, word)
        # Digits read out one by one join up ("5 8 2 1 3" → "58213"); groups such
        # as 7451-0093 stay separate words.
        is_digit = len(word) == 1 and word.isdigit()
        if chars and not (digits and is_digit and previous_digit):
            chars.append(" ")
            spans.append((span[0], span[0]))
        for char in word:
            chars.append(char)
            spans.append(span)
        previous_digit = is_digit
    return Folded("".join(chars), tuple(spans))


_VOWELS = frozenset("aeiou")


def stem_word(word: str) -> str:
    """A light English stem so inflections meet: email/emails/emailed/emailing → email,
    arrive/arrived/arriving → arriv, stop/stopped → stop. Consistency matters, not
    linguistics: both the scenario's phrase and the utterance go through it."""
    if not word.isalpha() or len(word) <= 3:
        return word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)]
            # stopped → stopp → stop (a doubled final consonant from the inflection)
            if (
                suffix in ("ing", "ed")
                and word[-1] == word[-2]
                and word[-1] not in _VOWELS | {"l", "s"}
            ):
                word = word[:-1]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stem_en(folded: Folded) -> Folded:
    """``folded`` (from fold_en) with every word stemmed by stem_word, spans kept."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for number, word in enumerate(folded.text.split(" ")):
        if number:
            chars.append(" ")
            spans.append(folded.spans[position - 1])
        stem = stem_word(word)
        chars.extend(stem)
        spans.extend(folded.spans[position : position + len(stem)])
        position += len(word) + 1
    return Folded("".join(chars), tuple(spans))


def crosses_sentence(text: str, start: int, end: int) -> bool:
    """True when a sentence-final mark lies strictly inside text[start:end]."""
    inner = text[start:end].rstrip("".join(SENTENCE_END))
    if any(char in SENTENCE_END for char in inner):
        return True
    # An English full stop followed by a space ends a sentence too.
    return ". " in inner


@lru_cache(maxsize=8192)
def compact_nfkc(text: str) -> Folded:
    """NFKC without whitespace (case and kana kept): what pyopenjtalk analyses."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    for piece, index in _nfkc_chars(text):
        for char in piece:  # NFKC may expand one character (㍻ → 平成)
            if not char.isspace():
                chars.append(char)
                spans.append((index, index + 1))
    return Folded("".join(chars), tuple(spans))


CLAUSE_MARKS = frozenset(",.!?;:、。，．！？…-—「『(（")


def opens_clause(text: str, start: int) -> bool:
    """True when ``start`` begins the text or follows punctuation (spaces ignored)."""
    before = text[:start].rstrip()
    return not before or before[-1] in CLAUSE_MARKS
