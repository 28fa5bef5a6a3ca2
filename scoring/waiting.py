"""Whether a reply asks the caller to wait on the line now — 「確認いたしますので、少々お待ち
いただけますか」, "Let me check, can you hold for a moment?" — so that the caller waits
and the trainee's next reply still answers the same question.

Not a request: coming back from a wait (「お待たせいたしました」, "thanks for holding"),
offering to call back instead (「折り返しお電話いたします」, "I'll call you back"), or
saying the caller need not wait (「お待ちいただく必要はございません」: the detector has
already dropped that hit by its clause's mood, scoring.polarity). What counts is the
last hold phrase of the reply: 「お待たせしました。もう少々お待ちいただけますか」 asks
again.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

from scoring.polarity import Mood, clause_mood


class HoldPhrase(Protocol):
    @property
    def category(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


# A hold phrase that thanks or apologises for the wait ends one; it does not ask.
_RETURNS = {
    "ja": re.compile(r"お待たせ|おまたせ|お待ちいただき|おまちいただき|お待ちくださ[りっ]"),
    "en": re.compile(r"\b(?:thank|thanks|sorry|appreciate)\b", re.IGNORECASE),
}
# Calling back is the other way to find something out: the caller does not wait on it.
_CALL_BACK = {
    "ja": re.compile(
        r"折り?返し|おりかえし|(?:後ほど|のちほど|改めて|あらためて)[^。！？!?]{0,12}"
        r"(?:ご連絡|お電話|れんらく|でんわ)"
    ),
    "en": re.compile(
        r"\b(?:call|ring|phone) you back\b|\bget back to you\b|\bcall you (?:later|tomorrow)\b",
        re.IGNORECASE,
    ),
}
# "There's no need to stay on the line": English says the wait is not needed just
# before the phrase (Japanese says it after, which scoring.polarity already reads).
_NO_NEED_BEFORE = re.compile(
    r"\b(?:no need|(?:don't|do not|won't|will not|doesn't) (?:need|have) to|needn't)"
    r"(?:\s+[\w']+){0,3}\s*$",
    re.IGNORECASE,
)
_ASKING = frozenset({Mood.SAID, Mood.ASKED})


def asks_to_wait(text: str, hits: Iterable[HoldPhrase], language: str) -> bool:
    """The reply's last hold phrase asks the caller to wait (said or asked, not refused),
    and the reply does not offer a call back instead."""
    holds = [hit for hit in hits if hit.category == "hold"]
    if not holds:
        return False
    normal = unicodedata.normalize("NFKC", text)
    if _CALL_BACK[_language(language)].search(normal):
        return False
    last = max(holds, key=lambda hit: (hit.end, hit.start))
    said = unicodedata.normalize("NFKC", last.text)
    if _RETURNS[_language(language)].search(said):
        return False
    if language != "ja" and _NO_NEED_BEFORE.search(text[: last.start]):
        return False
    return clause_mood(text, last.start, last.end, language, "hold") in _ASKING


def _language(language: str) -> str:
    return "ja" if language == "ja" else "en"
