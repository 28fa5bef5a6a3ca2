"""Why voice mode cannot start, in the interface's language. Audio errors carry a
``reason`` for the problems a trainee meets (no device, no recogniser, no audio
library); anything else is shown as the error says it."""

from __future__ import annotations

from simulator.audio import AudioError
from simulator.i18n import t

REASONS = {
    "no_sounddevice": "voice.problem.no_sounddevice",
    "no_portaudio": "voice.problem.no_portaudio",
    "no_recogniser": "voice.problem.no_recogniser",
}
MISSING = {
    ("input",): "voice.problem.missing_input",
    ("output",): "voice.problem.missing_output",
}


def voice_problem_text(error: AudioError) -> str:
    if error.reason == "missing":
        missing = tuple(getattr(error, "missing", ()))
        return t(MISSING.get(missing, "voice.problem.missing_both"))
    if error.reason in REASONS:
        return t(REASONS[error.reason])
    return str(error)
