"""`google`: the free Google Web Speech endpoint through SpeechRecognition. Online:
audio leaves the machine, so it is used only when the user names it explicitly
(never picked by `auto`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from simulator.audio.asr.base import Recognition, RecognizerError, check_language
from simulator.audio.types import Audio

LOCALES = {"ja": "ja-JP", "en": "en-US"}


class GoogleRecognizer:
    name = "google"
    languages: tuple[str, ...] = ("ja", "en")

    def __init__(self) -> None:
        try:
            import speech_recognition
        except ImportError:
            raise RecognizerError(
                "google ASR needs SpeechRecognition: pip install 'callcoach[voice]'"
            ) from None
        self._sr: Any = speech_recognition
        self._recognizer = speech_recognition.Recognizer()

    def recognize(self, audio: Audio, language: str, hints: Sequence[str] = ()) -> Recognition:
        check_language(self, language)
        data = self._sr.AudioData(audio.resampled(16000).pcm16(), 16000, 2)
        try:
            result = self._recognizer.recognize_google(
                data, language=LOCALES[language], show_all=True
            )
        except self._sr.RequestError as error:
            raise RecognizerError(f"google ASR could not be reached ({error})") from None
        return parse_google(result, self.name)

    def close(self) -> None:
        pass


def parse_google(result: Any, engine: str) -> Recognition:
    """``show_all`` gives ``[]`` for nothing heard, else {"alternative": [...]}."""
    if not isinstance(result, dict) or not result.get("alternative"):
        return Recognition("", 0.0, engine)
    best = result["alternative"][0]
    return Recognition(str(best.get("transcript", "")), float(best.get("confidence", 1.0)), engine)
