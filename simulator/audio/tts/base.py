"""The TTS protocol and the registry of engines."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from simulator.audio import AudioError

if TYPE_CHECKING:
    from simulator.audio.prosody import Prosody
    from simulator.audio.types import Audio


class TTSError(AudioError):
    pass


class TTSEngine(Protocol):
    name: str
    languages: tuple[str, ...]
    voice: str  # the voice id this instance speaks with ("default" when there is one)

    def synthesize(self, text: str, prosody: Prosody) -> Audio: ...

    def voices(self) -> list[str]: ...

    def close(self) -> None: ...


# name → "module:factory"; the factory takes the voice id (or None for the default).
_ENGINES: dict[str, str] = {
    "openjtalk": "simulator.audio.tts.openjtalk:OpenJTalkTTS",
    "pyttsx3": "simulator.audio.tts.espeak:Pyttsx3TTS",
    "none": "simulator.audio.tts.silent:SilentTTS",
}
TTS_ENGINE_NAMES: tuple[str, ...] = tuple(_ENGINES)

_DEFAULTS = {"ja": "openjtalk", "en": "pyttsx3"}

# Hiragana, katakana, CJK ideographs and half-width katakana.
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")


def is_japanese(text: str) -> bool:
    return bool(_JAPANESE.search(text))


def default_tts_name(language: str) -> str:
    return _DEFAULTS.get(language, "none")


def create_tts(name: str, voice: str | None = None) -> TTSEngine:
    try:
        target = _ENGINES[name]
    except KeyError:
        known = ", ".join(TTS_ENGINE_NAMES)
        raise TTSError(f"unknown TTS engine {name!r}; expected one of: {known}") from None
    module_name, _, attr = target.partition(":")
    factory: Callable[[str | None], TTSEngine] = getattr(importlib.import_module(module_name), attr)
    return factory(voice)


@dataclass(frozen=True)
class TTSStatus:
    name: str
    ok: bool
    detail: str  # voices when ok, else what is wrong and how to fix it
    languages: tuple[str, ...] = ()


def probe_tts(name: str) -> TTSStatus:
    """Can this engine speak here? Used by `callcoach doctor`; never raises."""
    try:
        engine = create_tts(name)
        try:
            voices = engine.voices()
        finally:
            engine.close()
    except AudioError as error:
        return TTSStatus(name, False, str(error))
    from simulator.i18n import t

    more = t("engine.voices", count=len(voices)) if len(voices) > 6 else ""
    shown = ", ".join(voices[:6]) + more
    return TTSStatus(name, True, shown, engine.languages)
