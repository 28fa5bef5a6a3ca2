"""Whether a phrase found in a reply is said or refused in its clause.

「本日中のご返金はいたしかねます」 contains 本日中のご返金 but refuses it; "I can't
promise it'll be there by Saturday" contains "promise … by Saturday" but declines
it. A promise inside a refusal is not an over-promise, for the engine's branches and
for the score card alike (both read scoring.detect).

Japanese puts the refusal after the phrase, before the clause ends (、。！？); English
puts the negation before it, after the clause began (punctuation, or but/and/so).
A promise in one clause and a refusal in the next (「明日お届けしますが、時間指定は
できかねます」) stays a promise.
"""

from __future__ import annotations

import re

_JA_CLAUSE_END = re.compile(r"[、。！？!?,，．\n]")
# Refusals of ability or commitment, not every negative: 「二度と起こりません」 is itself
# a promise, so a bare ません does not count.
_JA_REFUSAL = re.compile(
    r"かね(?:ます|る)|でき(?:ません|ない|ず)|(?:ら|け)れません|(?:ら|け)れない|難し|無理|不可"
)
_EN_CLAUSE_START = re.compile(r"[,;:.!?]|\b(?:but|and|so|because|though|although)\b", re.I)
_EN_NEGATION = re.compile(
    r"\b(?:can'?t|cannot|can not|couldn'?t|won'?t|will not|wouldn'?t|unable|not|never|"
    r"don'?t|doesn'?t|isn'?t|afraid)\b",
    re.I,
)


def refused(text: str, start: int, end: int, language: str) -> bool:
    """True when the phrase at text[start:end] is refused or negated in its clause."""
    if language == "ja":
        after = text[end:]
        stop = _JA_CLAUSE_END.search(after)
        return _JA_REFUSAL.search(after[: stop.start()] if stop else after) is not None
    before = text[:start]
    starts = [m.end() for m in _EN_CLAUSE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    return _EN_NEGATION.search(clause) is not None
