"""What the engine and the TUI call to give a call its audio.

``prepare_call_audio`` picks the voice, starts presynthesis and (for voice input)
picks the recogniser; ``open_duplex`` opens the speaker and the microphone once
for the whole call and starts listening. Everything raises AudioError with the fix
and the text-mode fallback when something is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.audio.asr.base import Recognizer
from simulator.audio.cache import CachedTTS
from simulator.audio.listener import Listener, Transcribed, speculation_delay
from simulator.audio.presynth import Presynthesizer
from simulator.audio.prosody import prosody_for
from simulator.audio.tts.base import TTSError, create_tts, default_tts_name
from simulator.audio.types import Audio
from simulator.audio.vad import VadConfig, VadEvent
from simulator.clock import Clock
from simulator.scenario.model import Scenario

if TYPE_CHECKING:
    from simulator.audio.capture import Microphone
    from simulator.audio.player import Player


def tts_engine_name(scenario: Scenario, override: str | None = None) -> str:
    name = override or scenario.caller.voice.engine or default_tts_name(scenario.language)
    if name == "pyttsx3" and scenario.language == "ja":
        raise TTSError(
            f"{scenario.id}: the pyttsx3 voice (espeak-ng) cannot read Japanese; "
            "use the openjtalk engine"
        )
    return name


@dataclass
class CallAudio:
    scenario: Scenario
    tts: CachedTTS
    presynth: Presynthesizer
    recognizer: Recognizer | None = None
    asr_reason: str = ""  # "speech recognition: sphinx (bundled model)" — show it

    def line(self, text: str, mood: int) -> Audio:
        """The caller's line at ``mood``: from the cache when presynthesis got there."""
        return self.tts.synthesize(text, prosody_for(mood, self.scenario.caller.voice))

    def close(self) -> None:
        self.presynth.cancel()
        self.presynth.wait(timeout=10)
        self.tts.close()
        if self.recognizer is not None:
            self.recognizer.close()


def prepare_call_audio(
    scenario: Scenario,
    *,
    tts: str | None = None,
    asr: str | None = "auto",
    asr_model: str | None = None,
    start_mood: int | None = None,
) -> CallAudio:
    """``asr=None``: no recognition (text mode with a spoken caller)."""
    name = tts_engine_name(scenario, tts)
    engine = CachedTTS(create_tts(name, scenario.caller.voice.name))
    presynth = Presynthesizer(scenario, engine, start_mood).start()
    audio = CallAudio(scenario, engine, presynth)
    if asr is not None:
        from simulator.audio.asr.choose import choose_recognizer

        try:
            choice = choose_recognizer(scenario.language, asr, asr_model)
        except BaseException:
            audio.close()
            raise
        audio.recognizer, audio.asr_reason = choice.recognizer, choice.reason
    return audio


@dataclass
class Duplex:
    player: Player
    microphone: Microphone
    listener: Listener

    def close(self) -> None:
        self.listener.stop()
        self.microphone.close()
        self.player.close()
        self.listener.join(timeout=5)


def open_duplex(
    clock: Clock,
    on_event: Callable[[VadEvent | Transcribed], None],
    recognizer: Recognizer | None,
    language: str,
    hints: Callable[[], Sequence[str]] = list,
    input_device: int | str | None = None,
    output_device: int | str | None = None,
    vad: VadConfig | None = None,
) -> Duplex:
    """Speaker and microphone, open for the whole call; listening starts at once.
    ``hints()`` is asked at each speech start for the current turn's phrases."""
    from simulator.audio.asr.stream import open_stream
    from simulator.audio.capture import Microphone
    from simulator.audio.player import Player

    player = Player(clock, output_device).start()
    try:
        microphone = Microphone(clock, input_device).start()
    except BaseException:
        player.close()
        raise
    transcribe = None
    if recognizer is not None:
        transcribe = lambda: open_stream(recognizer, language, hints())  # noqa: E731
    delay = speculation_delay(recognizer)
    listener = Listener(
        microphone, on_event, player.level_at, vad, transcribe=transcribe, speculate_after=delay
    )
    return Duplex(player, microphone, listener.start())
