"""`vosk`: offline recognition with a Vosk (Kaldi) model directory — the usual
offline choice for Japanese. The model loads once and stays loaded; each utterance
gets a fresh, cheap KaldiRecognizer.

While the trainee speaks, a stream feeds the recogniser frame by frame, so its
partial result is the live transcript and only the last bit is decoded at the end.

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
    "ja": ("vosk-model-small-ja-0.22", 48),  # download size, MB
    "en": ("vosk-model-small-en-us-0.15", 40),
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
    """What is missing for Vosk in ``language``: the model, the package, or both (only
    what is really missing here)."""
    import importlib.util

    from simulator.i18n import t

    name, megabytes = MODEL_DOWNLOADS.get(language, (t("engine.vosk.any_model"), 0))
    where = vosk_model_dir(language)
    sized = t("engine.vosk.size", mb=megabytes) if megabytes else ""
    steps = []
    if not model_present(where):
        steps.append(
            t("engine.vosk.download", name=name, size=sized, page=MODELS_PAGE, where=where)
        )
    if importlib.util.find_spec("vosk") is None:
        steps.append("pip install 'callcoach[vosk]'")
    return t("engine.vosk.and").join(steps) or t("engine.vosk.installed", language=language)


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
        stream = self.open_stream(language, hints)
        stream.feed(audio.resampled(16000).pcm16())
        return stream.finish()

    def open_stream(self, language: str, hints: Sequence[str] = ()) -> VoskStream:
        """Decode while the trainee speaks: a fresh, cheap KaldiRecognizer on the one
        loaded model (a model may serve several recognisers)."""
        check_language(self, language)
        with self._lock:
            recognizer = self._vosk.KaldiRecognizer(self._model, 16000)
        recognizer.SetWords(True)
        return VoskStream(recognizer, self.name)

    def close(self) -> None:
        pass


class VoskStream:
    """Kaldi ends a segment at each pause it hears (AcceptWaveform → True): those
    segments are kept, since Result() hands each out once and FinalResult() has only
    the last one. The listener may finish a turn on a worker while the feeding thread
    still asks for the partial result: one recogniser call at a time."""

    def __init__(self, recognizer: Any, engine: str) -> None:
        self._recognizer, self._engine = recognizer, engine
        self._segments: list[dict[str, Any]] = []
        self._open = True
        self._guard = threading.Lock()

    def feed(self, pcm16: bytes) -> None:
        with self._guard:
            if self._open and self._recognizer.AcceptWaveform(pcm16):
                self._segments.append(json.loads(self._recognizer.Result()))

    def partial(self) -> str:
        if not self._guard.acquire(blocking=False):
            return ""  # being finished: the final text is on its way
        try:
            if not self._open:
                return ""
            latest = str(json.loads(self._recognizer.PartialResult()).get("partial", ""))
        finally:
            self._guard.release()
        return " ".join(t for t in (*self._texts(), latest.strip()) if t)

    def finish(self) -> Recognition:
        with self._guard:
            if not self._open:
                return Recognition("", 0.0, self._engine)
            self._open = False
            self._segments.append(json.loads(self._recognizer.FinalResult()))
            return parse_results(self._segments, self._engine)

    def cancel(self) -> None:
        with self._guard:
            self._open = False
            self._segments.clear()

    def _texts(self) -> list[str]:
        return [t for s in self._segments if (t := str(s.get("text", "")).strip())]


def parse_result(result: dict[str, Any], engine: str) -> Recognition:
    return parse_results([result], engine)


def parse_results(results: Sequence[dict[str, Any]], engine: str) -> Recognition:
    """Vosk result objects of consecutive segments → one Recognition."""
    text = " ".join(t for r in results if (t := str(r.get("text", "")).strip()))
    if not text:
        return Recognition("", 0.0, engine)
    scores = [float(w.get("conf", 1.0)) for r in results for w in r.get("result") or []]
    confidence = sum(scores) / len(scores) if scores else 1.0
    return Recognition(text, confidence, engine)
