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
    r"don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|afraid)\b",
    re.I,
)


# Apologies and empathy denied: 「申し訳ないとは思いません」「謝るつもりはありません」,
# "I'm not sorry", "I don't understand why…". English negates right before the verb
# (a recogniser's fuzzy match may even include it: "don't understand"); a negation
# further back ("I can't tell you how sorry I am") does not deny, and neither does
# "can't imagine", which is empathy.
_JA_DENIAL = re.compile(
    r"とは(?:思|おも)(?:いません|っておりません|っていません|わない)|とは(?:考|かんが)えておりません"
    r"|(?:つもり|必要)は(?:ありません|ございません|ない)|わけでは(?:ありません|ございません|ない)"
)
_EN_DENIAL = re.compile(
    r"\b(?:not|never|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|aren'?t|won'?t)\b", re.I
)
DENIABLE = frozenset({"apology", "empathy"})


def _ja_clause_after(text: str, end: int) -> tuple[str, str]:
    """The rest of the clause after text[:end], without spaces (a recogniser spaces its
    words: 「と は 思っ て おり ませ ん」), and the mark that ends it ("" at the end)."""
    after = text[end:]
    stop = _JA_CLAUSE_END.search(after)
    clause = after[: stop.start()] if stop else after
    return re.sub(r"\s+", "", clause), stop.group() if stop else ""


# Quoted, not said: 「ありがとうございますと言われても困ります」.
_JA_QUOTED = re.compile(r"^(?:と|って)(?:言|い)われ|^とおっしゃられ")


def quoted(text: str, end: int, language: str) -> bool:
    return language == "ja" and _JA_QUOTED.search(_ja_clause_after(text, end)[0]) is not None


def denied(text: str, start: int, end: int, language: str) -> bool:
    """True when the apology or empathy at text[start:end] is denied."""
    if language == "ja":
        return _JA_DENIAL.search(_ja_clause_after(text, end)[0]) is not None
    words_before = text[:start].split()[-2:]
    return _EN_DENIAL.search(" ".join([*words_before, text[start:end]])) is not None


_JA_QUESTION = re.compile(r"(?:か|かね|でしょうか)$")


def refused(text: str, start: int, end: int, language: str, *, asked: bool = True) -> bool:
    """True when the phrase at text[start:end] is refused or negated in its clause, or
    (with ``asked``) asked rather than promised (「明日お届けしましょうか？」)."""
    if language == "ja":
        clause, mark = _ja_clause_after(text, end)
        question = asked and (mark in ("？", "?") or _JA_QUESTION.search(clause) is not None)
        return _JA_REFUSAL.search(clause) is not None or question
    before = text[:start]
    starts = [m.end() for m in _EN_CLAUSE_START.finditer(before)]
    clause = before[starts[-1] :] if starts else before
    return _EN_NEGATION.search(clause) is not None


def negated(category: str, text: str, start: int, end: int, language: str) -> bool:
    """A promise refused, or an apology or empathy denied, in its own clause; or a
    phrase only quoted."""
    if quoted(text, end, language):
        return True
    if category == "over_promise":
        return refused(text, start, end, language)
    return category in DENIABLE and denied(text, start, end, language)
