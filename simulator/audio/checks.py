"""What `callcoach doctor` checks on the audio side. Each check returns lines of
(ok, what, detail-or-fix) and never raises."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from simulator.audio import AudioError
from simulator.i18n import t


@dataclass(frozen=True)
class Check:
    ok: bool
    what: str
    detail: str  # what was found, or the exact fix
    optional: bool = False  # a missing optional piece is a note, not a problem


def device_checks() -> list[Check]:
    from simulator.audio.devices import import_sounddevice, list_devices

    try:
        import_sounddevice()
        devices = list_devices()
    except AudioError as error:
        return [Check(False, t("doctor.devices"), str(error))]
    checks = []
    for kind, label in (("input", t("doctor.microphone")), ("output", t("doctor.speaker"))):
        usable = [d for d in devices if (d.inputs if kind == "input" else d.outputs) > 0]
        default = [d for d in usable if (d.default_input if kind == "input" else d.default_output)]
        if not usable:
            checks.append(Check(False, label, t("doctor.device.none")))
        else:
            chosen = (default or usable)[0]
            more = len(usable) - 1
            others = t("doctor.device.more", count=more) if more else ""
            checks.append(Check(True, label, f"{chosen.name}{others}"))
    checks.append(Check(True, t("doctor.headset"), t("doctor.headset.advice")))
    return checks


def vad_check() -> Check:
    found = importlib.util.find_spec("webrtcvad") is not None
    fix = "pip install 'callcoach[voice]' (webrtcvad-wheels)"
    return Check(found, t("doctor.vad"), t("doctor.installed") if found else fix)


def tts_checks() -> list[Check]:
    from simulator.audio.tts import TTS_ENGINE_NAMES, probe_tts

    fixes = {
        "openjtalk": "pip install pyopenjtalk-plus",
        "pyttsx3": "pip install 'callcoach[voice]'; apt-get install espeak-ng",
    }
    checks = []
    for name in TTS_ENGINE_NAMES:
        status = probe_tts(name)
        langs = "/".join(status.languages)
        detail = (
            f"{langs}: {status.detail}" if status.ok else f"{status.detail} — {fixes.get(name, '')}"
        )
        checks.append(Check(status.ok, f"TTS {name}", detail))
    return checks


def asr_checks(languages: tuple[str, ...] = ("ja", "en")) -> list[Check]:
    from simulator.audio.asr import ASR_ENGINE_NAMES, probe_asr
    from simulator.audio.asr.choose import AUTO_ORDER, no_engine_message

    checks = []
    for language in languages:
        ok: set[str] = set()
        for name in ASR_ENGINE_NAMES:
            if name == "sphinx" and language != "en":
                continue
            status = probe_asr(name, language)
            if status.ok:
                ok.add(name)
            checks.append(
                Check(status.ok, f"ASR {name} [{language}]", status.detail, optional=True)
            )
        best = next((name for name in AUTO_ORDER.get(language, ()) if name in ok), None)
        if best:
            uses = t("doctor.asr.auto.uses", engine=best)
            checks.append(Check(True, f"ASR auto [{language}]", uses))
        else:
            checks.append(Check(False, f"ASR auto [{language}]", no_engine_message(language, [])))
    return checks


def whisper_model_check() -> Check:
    """The Whisper model ``auto`` would use: where, how big, which languages, and —
    for the bundled one — whether it re-hashes to the pinned sha256 (assembled here
    first if it never was)."""
    from simulator.audio.asr import whisper, whisper_model

    what = t("doctor.whisper")
    if importlib.util.find_spec("faster_whisper") is None:
        return Check(False, what, whisper.install_hint(), optional=True)
    source = whisper.describe_source()
    if source is None:
        chosen = whisper.configured_model()
        detail = (
            t("doctor.whisper.not_found", chosen=chosen)
            if chosen
            else t("doctor.whisper.none", hint=whisper.install_hint())
        )
        return Check(False, what, detail, optional=True)
    from pathlib import Path

    try:
        if source.bundled:
            whisper_model.ensure_bundled_model()
        folder = Path(source.location)
        if not folder.is_dir():
            return Check(True, what, t("doctor.whisper.cached", label=source.label))
        found = whisper_model.check_model(folder, bundled=source.bundled)
    except (AudioError, OSError) as error:
        return Check(False, what, str(error))
    size = f"{found.size / 1e6:.0f} MB"
    languages = "/".join(found.languages)
    ok = found.verified is not False
    detail = _model_state(found.verified, found.detail)
    return Check(ok, what, f"{source.label}: {folder}, {size}, {languages}, {detail}")


def _model_state(verified: bool | None, detail: str) -> str:
    """The re-hash's verdict in the interface language (a mismatch says how to fix it)."""
    if verified is None:
        return t("doctor.whisper.own")
    return t("doctor.whisper.verified") if verified else detail


def audio_checks() -> list[tuple[str, list[Check]]]:
    return [
        (t("doctor.section.devices"), [*device_checks(), vad_check()]),
        (t("doctor.section.tts"), tts_checks()),
        (t("doctor.section.asr"), [*asr_checks(), whisper_model_check()]),
    ]
