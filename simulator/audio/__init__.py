"""Audio: the caller's voice (TTS, cache, playback) and the trainee's (capture, VAD, ASR).

Everything here is behind small protocols so the engine and the TUI depend on
names, not libraries: ``TTSEngine`` (simulator.audio.tts), ``Recognizer``
(simulator.audio.asr), ``FrameSource`` (simulator.audio.frames). Heavy
libraries (numpy, sounddevice, pyopenjtalk, pocketsphinx …) are imported
lazily by the modules that need them; importing this package is free.
"""

from __future__ import annotations

from simulator.errors import CallCoachError


class AudioError(CallCoachError):
    """An audio problem the user can fix (missing engine, model or device)."""

    # What is wrong, for the interface to say in its own language (simulator.i18n
    # ``voice.problem.<reason>``); "" when only the English message says it.
    reason: str = ""
