"""`none`: no voice, but silence as long as the line would take to say, so timing
(the caller's line end, interruptions) still works in text mode and tests."""

from __future__ import annotations

import re
import unicodedata

from simulator.audio.prosody import Prosody
from simulator.audio.tts.base import is_japanese
from simulator.audio.types import Audio

JA_CHARS_PER_SECOND = 7.0  # about one mora per kana at a normal pace
EN_WORDS_PER_SECOND = 2.5  # 150 wpm
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


def speaking_time(text: str, rate: float = 1.0) -> float:
    normal = unicodedata.normalize("NFKC", text)
    if is_japanese(normal):
        seconds = len(_PUNCTUATION.sub("", normal)) / JA_CHARS_PER_SECOND
    else:
        seconds = len(normal.split()) / EN_WORDS_PER_SECOND
    return seconds / max(rate, 0.1)


class SilentTTS:
    name = "none"
    languages: tuple[str, ...] = ("ja", "en")

    def __init__(self, voice: str | None = None, rate: int = 16000) -> None:
        self.voice = voice or "silence"
        self._rate = rate

    def synthesize(self, text: str, prosody: Prosody) -> Audio:
        return Audio.silence(speaking_time(text, prosody.rate), self._rate)

    def voices(self) -> list[str]:
        return ["silence"]

    def close(self) -> None:
        pass
