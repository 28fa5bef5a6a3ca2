"""Renders a Japanese scenario's caller lines into the on-disk TTS cache while the
trainee reads the briefing, so that Start does not wait on loading the voice.

Loading pyopenjtalk and its voice takes ~0.5 s and the first line as long again,
which put the first caller line close to the 1 s budget after Start. The call's
own presynthesis then finds every line cached. Only openjtalk is warmed: pyttsx3
(English) renders a line in milliseconds and must stay on one thread, while
pyopenjtalk serialises its shared engine itself, so two instances may overlap.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from simulator.audio import AudioError
from simulator.scenario.model import Scenario

if TYPE_CHECKING:
    from simulator.audio.presynth import Presynthesizer


def needs_warm_up(scenario: Scenario) -> bool:
    from simulator.audio.caller_audio import tts_engine_name

    try:
        return tts_engine_name(scenario) == "openjtalk"
    except AudioError:
        return False  # the call itself reports the problem


class VoiceWarmUp:
    """``start()`` renders in a daemon thread; ``cancel()`` never blocks (Start
    pressed: the call's presynthesis carries on from the cache); ``wait()`` joins."""

    def __init__(self, scenario: Scenario, start_mood: int) -> None:
        self.scenario, self.start_mood = scenario, start_mood
        self.error: str | None = None  # why it stopped early (the call says it again)
        self.rendered = 0
        self._cancel = threading.Event()
        self._presynth: Presynthesizer | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="voice-warm-up", daemon=True)

    def start(self) -> VoiceWarmUp:
        self._thread.start()
        return self

    def cancel(self) -> None:
        with self._lock:
            self._cancel.set()
            if self._presynth is not None:
                self._presynth.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        from simulator.audio.caller_audio import prepare_call_audio

        try:
            audio = prepare_call_audio(self.scenario, asr=None, start_mood=self.start_mood)
        except AudioError as error:
            self.error = str(error)
            return
        with self._lock:
            self._presynth = audio.presynth
            if self._cancel.is_set():  # cancelled while the voice was loading
                audio.presynth.cancel()
        try:
            audio.presynth.wait()
            self.rendered = audio.presynth.progress.rendered
        finally:
            audio.close()


def start_voice_warm_up(scenario: Scenario, start_mood: int) -> VoiceWarmUp | None:
    """A running warm-up for ``scenario``, or None when its voice needs none."""
    return VoiceWarmUp(scenario, start_mood).start() if needs_warm_up(scenario) else None
