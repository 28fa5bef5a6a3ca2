"""Speech recognition: engines behind one protocol, chosen by name or by `auto`.

``create_recognizer(name)`` builds one engine (models load once and stay loaded);
``choose_recognizer(language, "auto")`` picks the best engine available for the
language and says which, or raises AudioError naming exactly what to install.
"""

from __future__ import annotations

from simulator.audio.asr.base import (
    ASR_ENGINE_NAMES,
    Recognition,
    Recognizer,
    RecognizerError,
)
from simulator.audio.asr.choose import (
    ASRStatus,
    Choice,
    asr_problem,
    choose_recognizer,
    create_recognizer,
    probe_asr,
)

__all__ = [
    "ASR_ENGINE_NAMES",
    "ASRStatus",
    "Choice",
    "Recognition",
    "Recognizer",
    "RecognizerError",
    "asr_problem",
    "choose_recognizer",
    "create_recognizer",
    "probe_asr",
]
