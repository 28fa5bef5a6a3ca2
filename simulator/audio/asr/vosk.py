"""`vosk`: offline recognition with a Vosk (Kaldi) model directory — the usual
offline choice for Japanese. The model loads once and stays loaded; each utterance
gets a fresh, cheap KaldiRecognizer.

Model directory: the ``model`` argument, else CALLCOACH_VOSK_MODEL (or
CALLCOACH_VOSK_MODEL_JA / _EN for one language), else ``<data dir>/models/vosk-<lang>``.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.audio.asr.base import Recognition, RecognizerError, check_language
from simulator.audio.types import Audio

MODEL_DOWNLOADS = {
    "ja": ("vosk-model-small-ja-0.22", "about 48 MB"),
    "en": ("vosk-model-small-en-us-0.15", "about 40 MB"),
}
MODELS_PAGE = "https://alphacephei.com/vosk/models"


def vosk_model_dir(language: str) -> Path:
    """Where the Vosk model for ``language`` is expected (it may not exist)."""
    for var in (f"CALLCOACH_VOSK_MODEL_{language.upper()}", "CALLCOACH_VOSK_MODEL"):
        if value := os.environ.get(var):
            return Path(value).expanduser()
    from simulator.paths import data_dir

    return data_dir() / "models" / f"vosk-{language}"


def install_hint(language: str) -> str:
    name, size = MODEL_DOWNLOADS.get(language, ("a Vosk model for the language", ""))
    where = vosk_model_dir(language)
    sized = f" ({size})" if size else ""
    return (
        f"download {name}{sized} from {MODELS_PAGE}, unpack it to {where} "
        "or set CALLCOACH_VOSK_MODEL to its folder; and pip install 'callcoach[vosk]'"
    )


def model_present(path: Path) -> bool:
    # Every Vosk model has an acoustic model folder "am" and a "conf" folder.
    return (path / "am").is_dir() and (path / "conf").is_dir()


class VoskRecognizer:
    name = "vosk"

    def __init__(self, language: str, model: Path | None = None) -> None:
        self.languages: tuple[str, ...] = (language,)
        self.model_dir = model or vosk_model_dir(language)
        if not model_present(self.model_dir):
            raise RecognizerError(f"no Vosk model for {language!r}: {install_hint(language)}")
        try:
            import vosk
        except ImportError:
            raise RecognizerError("vosk ASR needs: pip install 'callcoach[vosk]'") from None
        vosk.SetLogLevel(-1)
        self._vosk = vosk
        try:
            self._model: Any = vosk.Model(str(self.model_dir))
        except Exception as error:  # vosk raises a bare Exception on a bad folder
            raise RecognizerError(f"{self.model_dir}: not a usable Vosk model ({error})") from None
        self._lock = threading.Lock()

    def recognize(self, audio: Audio, language: str, hints: Sequence[str] = ()) -> Recognition:
        # Hints are not used: a grammar would force every reply into the expected words.
        check_language(self, language)
        with self._lock:
            recognizer = self._vosk.KaldiRecognizer(self._model, 16000)
            recognizer.SetWords(True)
            recognizer.AcceptWaveform(audio.resampled(16000).pcm16())
            result = json.loads(recognizer.FinalResult())
        return parse_result(result, self.name)

    def close(self) -> None:
        pass


def parse_result(result: dict[str, Any], engine: str) -> Recognition:
    text = str(result.get("text", "")).strip()
    words = result.get("result") or []
    if not text:
        return Recognition("", 0.0, engine)
    scores = [float(w.get("conf", 1.0)) for w in words]
    confidence = sum(scores) / len(scores) if scores else 1.0
    return Recognition(text, confidence, engine)
