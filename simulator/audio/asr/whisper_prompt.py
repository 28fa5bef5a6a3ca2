"""The prompt Whisper is given for a turn: a few short category cues, never the model
answer or key facts.

Measured on the corpus (tests/data/asr): a prompt steers Whisper towards its
words. Short cue phrases (お詫び申し上げます, I understand) help it spell call-centre
keigo it otherwise mishears, but a whole model answer makes it *insert* words that
were never said, and numbers or names in a prompt turn up in the text. So only short
phrases without digits pass, at most ``MAX_CUES`` of them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_CUES = 8
MAX_JA_CHARS = 14
MAX_EN_WORDS = 4
_DIGITS = re.compile(r"[0-9０-９〇一二三四五六七八九十百千万]")


def is_cue(language: str, phrase: str) -> bool:
    text = phrase.strip()
    if not text or any(ch.isdigit() for ch in text):
        return False
    if language == "ja":
        return len(text) <= MAX_JA_CHARS and not _DIGITS.search(text)
    return len(text.split()) <= MAX_EN_WORDS


def prompt_from_hints(language: str, hints: Sequence[str]) -> str:
    cues = [h.strip() for h in hints if is_cue(language, h)]
    cues = list(dict.fromkeys(cues))[:MAX_CUES]
    return ("、".join(cues) + "。") if language == "ja" and cues else ", ".join(cues)
