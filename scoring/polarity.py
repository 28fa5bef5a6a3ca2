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
from enum import Enum


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
_JA_QUESTION = re.compile(r"(?:か|かね|でしょうか)$")
_JA_QUOTED = re.compile(r"^(?:と|って)(?:言|い)われ|^とおっしゃられ")
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
        return True  # the fact to give is a refusal: "I'm afraid I can't share their details"
    return mood in accepted


def _refuses_itself(phrase: str) -> bool:
    return bool(_EN_NEGATION.search(phrase) or _JA_REFUSAL.search(re.sub(r"\s+", "", phrase)))
