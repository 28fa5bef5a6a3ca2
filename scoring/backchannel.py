"""When an aizuchi is really an aizuchi: listening noises, not the first word of an
answer.

「はい、必ずお支払いします」, "Yes, guaranteed" and "Okay, okay, calm down" start with
a backchannel word but are answers (issue 10). The bare response words (はい, ええ,
yes, okay, right, sure) count only when the whole reply is backchannel (fillers
aside): at the head of an answer they are its first word. A backchannel expression
(さようでございますか, なるほど, かしこまりました, I see) counts when nothing but
backchannel comes before it in its clause — 「さようでございますか。お気持ちお察し
いたします」 shows listening, then answers, and so does the same text from a
recogniser that wrote no punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

_CLAUSE_MARKS = re.compile(r"[,.!?;:、。，．！？…\n]|\s+-\s+")
_SPACE_AND_MARKS = re.compile(r"[\s,.!?;:、。，．！？…ー〜~\-—「」『』()（）]+")
RESPONSE_WORDS = frozenset(
    {"はい", "ええ", "ええ、ええ", "yes", "yeah", "ok", "okay", "right", "sure"}
)
LISTENING = frozenset({"aizuchi", "filler"})


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@cache
def _vocabulary(language: str) -> re.Pattern[str]:
    """Every backchannel and filler of the lexicon, as written: a recogniser that drops
    punctuation leaves 「はいええさようでございますか」, where the word-edge rules
    of detection find no ええ, yet nothing in it is an answer."""
    from scoring.lexicon import load_lexicon

    lexicon = load_lexicon(language)
    words = sorted(
        {e.text.lower() for c in LISTENING for e in lexicon.by_category(c) if e.pattern is None},
        key=len,
        reverse=True,
    )
    alternatives = "|".join(re.escape(w) for w in words if w)
    return re.compile(rf"\b(?:{alternatives})\b" if language == "en" else f"(?:{alternatives})")


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
