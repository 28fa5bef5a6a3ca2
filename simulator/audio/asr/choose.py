"""Build recognisers by name, pick one for a language (`auto`), and check what is
installed (`callcoach doctor`)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from simulator.audio.asr.base import ASR_ENGINE_NAMES, Recognizer, RecognizerError


def create_recognizer(name: str, language: str, model: str | None = None) -> Recognizer:
    """``model``: a Vosk model folder or a faster-whisper model name/folder."""
    if name == "sphinx":
        from simulator.audio.asr.sphinx import SphinxRecognizer

        return SphinxRecognizer()
    if name == "vosk":
        from simulator.audio.asr.vosk import VoskRecognizer

        return VoskRecognizer(language, Path(model) if model else None)
    if name == "faster-whisper":
        from simulator.audio.asr.whisper import FasterWhisperRecognizer

        return FasterWhisperRecognizer(model)
    if name == "google":
        from simulator.audio.asr.google import GoogleRecognizer

        return GoogleRecognizer()
    known = ", ".join((*ASR_ENGINE_NAMES, "auto"))
    raise RecognizerError(f"unknown ASR engine {name!r}; expected one of: {known}")


@dataclass(frozen=True)
class ASRStatus:
    name: str
    language: str
    ok: bool
    detail: str  # the model in use, or what to install


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def probe_asr(name: str, language: str) -> ASRStatus:
    """Could ``name`` recognise ``language`` here? Cheap: checks packages and model
    folders without loading models. Never raises."""
    from simulator.audio.asr import vosk, whisper

    if name == "sphinx":
        if language != "en":
            return ASRStatus(name, language, False, "English only")
        ok = _installed("pocketsphinx")
        return ASRStatus(
            name, language, ok, "bundled model" if ok else "pip install 'callcoach[voice]'"
        )
    if name == "vosk":
        folder = vosk.vosk_model_dir(language)
        if not _installed("vosk"):
            return ASRStatus(name, language, False, vosk.install_hint(language))
        if not vosk.model_present(folder):
            return ASRStatus(name, language, False, vosk.install_hint(language))
        return ASRStatus(name, language, True, f"model {folder}")
    if name == "faster-whisper":
        ok = _installed("faster_whisper") and _whisper_model_local(whisper.whisper_model_name())
        detail = f"model {whisper.whisper_model_name()}" if ok else whisper.install_hint()
        return ASRStatus(name, language, ok, detail)
    if name == "google":
        ok = _installed("speech_recognition")
        return ASRStatus(
            name,
            language,
            ok,
            "online; only when chosen" if ok else "pip install SpeechRecognition",
        )
    return ASRStatus(name, language, False, "unknown engine")


def _whisper_model_local(name: str) -> bool:
    if Path(name).expanduser().is_dir():
        return True
    try:
        from faster_whisper.utils import download_model

        download_model(name, local_files_only=True)
    except Exception:  # not in the local cache (or the library changed): not usable offline
        return False
    return True


# Offline engines in order of preference per language; google is never automatic.
AUTO_ORDER = {"ja": ("vosk", "faster-whisper"), "en": ("vosk", "sphinx", "faster-whisper")}


@dataclass(frozen=True)
class Choice:
    recognizer: Recognizer
    reason: str  # shown to the user: which engine and why


def choose_recognizer(language: str, name: str = "auto", model: str | None = None) -> Choice:
    if name != "auto":
        recognizer = create_recognizer(name, language, model)
        return Choice(recognizer, f"speech recognition: {name} (chosen)")
    tried: list[str] = []
    for candidate in AUTO_ORDER.get(language, ()):
        status = probe_asr(candidate, language)
        if not status.ok:
            tried.append(f"{candidate}: {status.detail}")
            continue
        try:
            recognizer = create_recognizer(candidate, language, model)
        except RecognizerError as error:
            tried.append(f"{candidate}: {error}")
            continue
        return Choice(recognizer, f"speech recognition: {candidate} ({status.detail})")
    raise RecognizerError(no_engine_message(language, tried))


def asr_problem(language: str, name: str = "auto") -> str | None:
    """Why voice input cannot work for ``language`` here, or None when it can. Cheap
    (packages and model folders only, like ``probe_asr``): the briefing asks before
    Start."""
    names = AUTO_ORDER.get(language, ()) if name == "auto" else (name,)
    statuses = [probe_asr(candidate, language) for candidate in names]
    if any(status.ok for status in statuses):
        return None
    if name != "auto" and statuses:
        return f"ASR engine {name}: {statuses[0].detail}"
    return no_engine_message(language, [f"{s.name}: {s.detail}" for s in statuses])


def no_engine_message(language: str, tried: list[str]) -> str:
    from simulator.audio.asr import vosk, whisper

    if language == "ja":
        fix = f"{vosk.install_hint('ja')}; or {whisper.install_hint()}"
    else:
        fix = f"pip install 'callcoach[voice]' (sphinx); or {vosk.install_hint(language)}"
    return f"no offline speech recogniser for {language!r} here — {fix}. Or answer in text mode."
