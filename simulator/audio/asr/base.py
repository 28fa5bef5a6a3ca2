"""The recogniser protocol and what it returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from simulator.audio import AudioError

if TYPE_CHECKING:
    from simulator.audio.types import Audio

ASR_ENGINE_NAMES: tuple[str, ...] = ("sphinx", "vosk", "faster-whisper", "google")


class RecognizerError(AudioError):
    pass


class NoRecognizerError(RecognizerError):
    """No offline recogniser for the call's language is installed."""

    reason = "no_recogniser"


@dataclass(frozen=True)
class Recognition:
    text: str  # "" when nothing was understood
    confidence: float  # 0-1; engines without a score report 1.0 for any text
    engine: str
    # Other readings the engine found nearly as likely (best first), when it was unsure.
    alternatives: tuple[str, ...] = ()

    def record_fields(self) -> dict[str, object]:
        """The session-record ``asr`` object (DESIGN.md §4; ``alternatives`` added)."""
        fields: dict[str, object] = {"engine": self.engine, "confidence": round(self.confidence, 3)}
        if self.alternatives:
            fields["alternatives"] = list(self.alternatives)
        return fields


class Recognizer(Protocol):
    name: str
    languages: tuple[str, ...]

    def recognize(self, audio: Audio, language: str, hints: Sequence[str] = ()) -> Recognition:
        """``hints``: phrases the trainee is likely to say on this turn (key phrases,
        expected categories' lexicon entries). Engines that can use them do."""
        ...

    def close(self) -> None: ...


def check_language(recognizer: Recognizer, language: str) -> None:
    if language not in recognizer.languages:
        supported = ", ".join(recognizer.languages)
        raise RecognizerError(
            f"ASR engine {recognizer.name} does not handle language {language!r} "
            f"(it handles: {supported})"
        )
