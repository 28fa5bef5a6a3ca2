"""What a phrase found in a reply does in its clause: said, refused, denied, asked or
only quoted (issue 10). The engine's branches and the score card both read
scoring.detect, which drops every hit whose clause mood its category does not
accept (``ACCEPTS``).

「本日中のご返金はいたしかねます」 contains 本日中のご返金 but refuses it; "I can't
promise it'll be there by Saturday" declines a promise; 「申し訳ないとは思って
おりません」 and "I'm not sorry" deny an apology; 「明日お届けしましょうか？」 asks;
「ありがとうございますと言われても」 quotes.

Japanese marks all of this after the phrase, before its clause ends (、。！？);
English negates before it, after the clause began (punctuation, or but/and/so). A
promise in one clause and a refusal in the next (「明日お届けしますが、時間指定は
できかねます」) stays a promise.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from enum import Enum
from functools import cache, lru_cache

from scoring.textindex import PrefixScan, Words


class Mood(Enum):
    SAID = "said"  # affirmative: the phrase is meant
    REFUSED = "refused"  # 〜いたしかねます, できません, can't, unable, not able
    DENIED = "denied"  # 〜とは思っておりません, つもりはありません, not sorry, don't understand
    ASKED = "asked"  # 〜しましょうか？ (a question, not a commitment)
    QUOTED = "quoted"  # 〜と言われても (someone else's words)


# Which moods each category counts; a category not listed counts all of them.
ACCEPTS: dict[str, frozenset[Mood]] = {
    "over_promise": frozenset({Mood.SAID}),
    "apology": frozenset(
        {Mood.SAID, Mood.ASKED, Mood.REFUSED}
    ),  # 申し訳ございませんが…できかねます
    "empathy": frozenset({Mood.SAID, Mood.ASKED, Mood.REFUSED}),
    "gratitude": frozenset({Mood.SAID, Mood.ASKED, Mood.REFUSED, Mood.DENIED}),
    "key_phrase": frozenset({Mood.SAID, Mood.ASKED}),  # a refused fact is not given
    "hold": frozenset({Mood.SAID, Mood.ASKED, Mood.REFUSED}),  # not 「お待ちいただく必要は…」
}
# Categories whose own words may carry the denial (a near match of "I understand" on
# "I don't understand"); for the others the phrase itself may be negative ("never
# happen again", "wasn't a pending hold").
_DENIED_INSIDE = frozenset({"apology", "empathy"})

_JA_CLAUSE_END = re.compile(r"[、。！？!?,，．\n]")
# Refusals of ability or commitment, not every negative: 「二度と起こりません」 is itself
# a promise, so a bare ません does not count.
_JA_REFUSAL = re.compile(
    r"かね(?:ます|る)|でき(?:ません|ない|ず)|(?:ら|け)れません|(?:ら|け)れない|難し|無理|不可"
)
_JA_DENIAL = re.compile(
    r"とは(?:思|おも)(?:いません|っておりません|っていません|わない)|とは(?:考|かんが)えておりません"
    r"|(?:つもり|必要)は(?:ありません|ございません|ない)|わけでは(?:ありません|ございません|ない)"
)
_EN_CLAUSE_START = re.compile(r"[,;:.!?]|\b(?:but|and|so|because|though|although)\b", re.I)
_EN_NEGATION = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|won'?t|will not|wouldn'?t|unable|not|never|"
    r"don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|afraid)\b",
    re.I,
)
# English denies an apology or empathy right before it (a recogniser's near match may
# even include it: "don't understand"); a negation further back ("I can't tell you how
# sorry I am") does not deny, and neither does "can't imagine", which is empathy.
_EN_DENIAL = re.compile(
    r"\b(?:not|never|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|aren'?t|won'?t)\b", re.I
)


# Longest match of each English pattern plus one character of \b look-ahead.
_EN_CLAUSE_REACH = len("although") + 1
_EN_NEGATION_REACH = len("wouldn't") + 1
# Said about the clause just after a phrase: quoted (at its start), asked (at its end:
# か, かね, でしょうか).
_JA_QUOTED_AT = re.compile(r"(?:と|って)(?:言|い)われ|とおっしゃられ")


class _JaClauses:
    """One Japanese text: the clause after any phrase, without rescanning the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stops = [m.start() for m in _JA_CLAUSE_END.finditer(text)]
        # The text without spaces, and where each original position lands in it.
        self.spaces = [m.start() for m in re.finditer(r"\s", text)]
        self.compact = re.sub(r"\s+", "", text)
        self.last_match: dict[tuple[int, int], int] = {}

    def _compact_at(self, position: int) -> int:
        return position - bisect_left(self.spaces, position)

    def _last_start(self, number: int, pattern: re.Pattern[str], finish: int) -> int:
        """The last compact position of clause ``number`` where ``pattern`` matches
        inside the clause (-1 if none): a search of the clause from x finds a match
        exactly when x is at or before it."""
        key = (number, id(pattern))
        if key not in self.last_match:
            begin = self._compact_at(self.stops[number - 1] + 1) if number else 0
            found = -1
            for match in _lookahead(pattern).finditer(self.compact, begin, finish):
                found = match.start()
            self.last_match[key] = found
        return self.last_match[key]

    def mood(self, end: int) -> Mood:
        number = bisect_left(self.stops, end)
        stop = self.stops[number] if number < len(self.stops) else len(self.text)
        mark = self.text[stop] if stop < len(self.text) else ""
        begin, finish = self._compact_at(end), self._compact_at(stop)
        if _JA_QUOTED_AT.match(self.compact, begin, finish):
            return Mood.QUOTED
        if begin <= self._last_start(number, _JA_DENIAL, finish):
            return Mood.DENIED
        if begin <= self._last_start(number, _JA_REFUSAL, finish):
            return Mood.REFUSED
        tail = self.compact[max(begin, finish - 2) : finish]
        if mark in ("？", "?") or tail.endswith(("か", "かね")):
            return Mood.ASKED
        return Mood.SAID


@cache
def _lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """Matches (empty) at every position where ``pattern`` matches, overlaps included."""
    return re.compile(f"(?=(?:{pattern.pattern}))", pattern.flags)


class _EnClauses:
    """One English text: the clause before any phrase, without rescanning the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.clause_starts = PrefixScan(_EN_CLAUSE_START, text, _EN_CLAUSE_REACH)
        self.negations = PrefixScan(_EN_NEGATION, text, _EN_NEGATION_REACH)
        self.words = Words(text)

    def mood(self, start: int, end: int, inside: bool) -> Mood:
        begin = self.clause_starts.last_end(start) or 0
        near = self.words.last(begin, start, 2) + ([self.text[start:end]] if inside else [])
        if _EN_DENIAL.search(" ".join(near)):
            return Mood.DENIED
        return Mood.REFUSED if self.negations.found_between(begin, start) else Mood.SAID


@lru_cache(maxsize=64)
def _clauses(text: str, language: str) -> _JaClauses | _EnClauses:
    return _JaClauses(text) if language == "ja" else _EnClauses(text)


def clause_mood(text: str, start: int, end: int, language: str, category: str = "") -> Mood:
    """What the clause does with the phrase (of ``category``) at text[start:end]."""
    clauses = _clauses(text, language)
    if isinstance(clauses, _JaClauses):
        return clauses.mood(end)
    return clauses.mood(start, end, category in _DENIED_INSIDE)


def counts(category: str, text: str, start: int, end: int, language: str) -> bool:
    """Whether a hit of ``category`` at text[start:end] counts in its clause."""
    accepted = ACCEPTS.get(category)
    if accepted is None:
        return True
    mood = clause_mood(text, start, end, language, category)
    if mood is Mood.REFUSED and category == "key_phrase" and _refuses_itself(text[start:end]):
        return True  # the fact to give is a refusal: "I'm afraid I can't share their details"
    return mood in accepted


def _refuses_itself(phrase: str) -> bool:
    return bool(_EN_NEGATION.search(phrase) or _JA_REFUSAL.search(re.sub(r"\s+", "", phrase)))
