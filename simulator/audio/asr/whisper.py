"""`faster-whisper`: offline recognition with a CTranslate2 Whisper model. The
language is forced (no detection), the hints become the initial prompt, and the
model is loaded once and kept.

Model: the ``model`` argument, else CALLCOACH_WHISPER_MODEL — a folder with a
converted model, or a model name ("small", "medium" …) already in the local
Hugging Face cache. Nothing is downloaded unless CALLCOACH_WHISPER_DOWNLOAD=1.
"""

from __future__ import annotations

import math
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.audio.asr.base import Recognition, RecognizerError, check_language
from simulator.audio.types import Audio

DEFAULT_MODEL = "small"
INSTALL = "pip install 'callcoach[whisper]'"


def whisper_model_name() -> str:
    return os.environ.get("CALLCOACH_WHISPER_MODEL", DEFAULT_MODEL)


def install_hint() -> str:
    return (
        f"{INSTALL} and put a faster-whisper model (e.g. Systran/faster-whisper-small, "
        "about 480 MB) in a folder named by CALLCOACH_WHISPER_MODEL"
    )


class FasterWhisperRecognizer:
    name = "faster-whisper"
    languages: tuple[str, ...] = ("ja", "en")

    def __init__(self, model: str | None = None, device: str = "cpu") -> None:
        self.model_name = model or whisper_model_name()
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise RecognizerError(f"faster-whisper ASR needs: {install_hint()}") from None
        download = os.environ.get("CALLCOACH_WHISPER_DOWNLOAD") == "1"
        local = Path(self.model_name).expanduser()
        source = str(local) if local.is_dir() else self.model_name
        try:
            self._model: Any = WhisperModel(
                source,
                device=device,
                compute_type="int8",
                cpu_threads=max(1, (os.cpu_count() or 2)),
                local_files_only=not download and not local.is_dir(),
            )
        except Exception as error:  # missing files surface as various library errors
            raise RecognizerError(
                f"faster-whisper model {self.model_name!r} is not available here "
                f"({type(error).__name__}); {install_hint()}"
            ) from None
        self._lock = threading.Lock()

    def recognize(self, audio: Audio, language: str, hints: Sequence[str] = ()) -> Recognition:
        check_language(self, language)
        samples = audio.resampled(16000).samples
        prompt = " ".join(hints[:20]) or None
        with self._lock:
            segments, _info = self._model.transcribe(
                samples,
                language=language,
                initial_prompt=prompt,
                beam_size=1,
                vad_filter=False,
                condition_on_previous_text=False,
            )
            parts = list(segments)
        text = "".join(p.text for p in parts).strip()
        if not text:
            return Recognition("", 0.0, self.name)
        mean_logprob = sum(p.avg_logprob for p in parts) / len(parts)
        return Recognition(text, max(0.0, min(1.0, math.exp(mean_logprob))), self.name)

    def close(self) -> None:
        pass
