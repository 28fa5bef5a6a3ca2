"""Text to speech: engines behind one protocol, chosen by name.

``create_tts(name)`` returns an engine; ``default_tts_name(language)`` is the
engine used when the scenario's voice names none. Engines load their library
lazily and raise AudioError (one line, with the fix) when it is missing.
"""

from __future__ import annotations

from simulator.audio.tts.base import (
    TTS_ENGINE_NAMES,
    TTSEngine,
    TTSError,
    create_tts,
    default_tts_name,
    is_japanese,
    probe_tts,
)

__all__ = [
    "TTS_ENGINE_NAMES",
    "TTSEngine",
    "TTSError",
    "create_tts",
    "default_tts_name",
    "is_japanese",
    "probe_tts",
]
