"""A scenario's forbidden promise as a meaning, not a string (issue 10).

Policy forbids 「明日お届けします」; trainees say 「明日にはお届けします」「明日中に
お届けいたします」「明日までにお届けできます」 — the same promise. Each forbidden
promise with at least two content words becomes a pattern on the folded text: its
content words in order, with up to two linking particles between them (には, 中に,
までに …), optional honorific prefixes (お/ご), and — when it ends in a verb — any
polite form of that verb after it (いたします, できます, させていただきます …).
Refusals (「明日のお届けはできかねます」) are dropped afterwards by scoring.polarity.
"""

from __future__ import annotations

import re
from functools import lru_cache

from scoring import reading
from scoring.text import fold_ja

_LIGHT_VERBS = frozenset({"し", "いたし", "致し", "でき", "させ", "いただき", "さしあげ"})
_ENDING_TOKENS = frozenset({"ます", "ました", "ましょ", "う", *_LIGHT_VERBS})
_LINK = r"(?:には|までに|まで|中に|じゅうに|中|じゅう|は|に|で|も|を|が|の|と)"
_LIGHT_ENDING = r"(?=(?:いたし|致し|し|でき|させていただき|させて頂き)?(?:ます|ました))"
_VERB_ENDING = r"(?=ます|ました)"


_POLITE_END = re.compile(r"(?:いたし|致し|し|でき|させていただき)?(?:ます|ました)$")


def offered(said: str, language: str, offers: tuple[str, ...]) -> bool:
    """True when a lexicon over-promise (「全額返金いたします」) is what the policy
    allows to offer (「交換を望まない場合は全額返金」): an allowed offer is no
    over-promise. Scenario forbidden promises are never excused this way."""
    from scoring.text import fold_en

    if language == "ja":
        core = _POLITE_END.sub("", fold_ja(said).text)
        return len(core) >= 2 and any(core in fold_ja(offer).text for offer in offers)
    core = fold_en(said).text
    return len(core) >= 4 and any(core in fold_en(offer).text for offer in offers)


@lru_cache(maxsize=512)
def promise_pattern(promise: str) -> str | None:
    """The pattern for a Japanese forbidden promise, or None when the phrase is too
    short to vary (the plain phrase match covers it)."""
    folded = fold_ja(promise).text
    tokens = list(reading.tokens(folded))
    stripped: list[str] = []
    while tokens and tokens[-1].surface in _ENDING_TOKENS and len(tokens) > 1:
        stripped.append(tokens.pop().surface)
    content = [t for t in tokens if not t.pos.startswith("助詞")]
    if sum(1 for t in content if not t.pos.startswith("接頭")) < 2:
        return None
    parts: list[str] = []
    after_prefix = False
    for token in content:
        word = re.escape(token.surface)
        if parts and not after_prefix:
            parts.append(f"{_LINK}{{0,2}}")
        after_prefix = token.pos.startswith("接頭")
        parts.append(f"(?:{word})?" if after_prefix else word)
    ending = ""
    if stripped:
        ending = _LIGHT_ENDING if _LIGHT_VERBS & set(stripped) else _VERB_ENDING
    return "".join(parts) + ending
