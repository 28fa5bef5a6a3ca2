"""`openjtalk`: Japanese through pyopenjtalk-plus (offline; dictionary and the
"mei" voice are bundled). Prosody maps to its ``speed`` and ``half_tone``; the
level is applied as a gain after loudness normalisation.

A voice may be the path of another ``.htsvoice`` file.
"""

from __future__ import annotations

import contextlib
import io
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from simulator.audio.prosody import Prosody
from simulator.audio.tts.base import TTSError
from simulator.audio.types import Audio, normalized

DEFAULT_VOICE = "mei"
_import_lock = threading.Lock()


def import_pyopenjtalk() -> ModuleType:
    """Import pyopenjtalk with its import-time notice (printed on stdout when
    onnxruntime is absent) kept off the terminal, where it would break the TUI."""
    with _import_lock, contextlib.redirect_stdout(io.StringIO()):
        try:
            import pyopenjtalk
        except ImportError:
            raise TTSError(
                "openjtalk TTS needs pyopenjtalk-plus: pip install pyopenjtalk-plus"
            ) from None
    return pyopenjtalk


class OpenJTalkTTS:
    name = "openjtalk"
    languages: tuple[str, ...] = ("ja",)

    def __init__(self, voice: str | None = None) -> None:
        self._jtalk = import_pyopenjtalk()
        self.voice = voice or DEFAULT_VOICE
        self._engine: Any = None  # an own HTSEngine for a custom voice file
        self._lock = threading.Lock()
        if self.voice != DEFAULT_VOICE:
            self._engine = self._load_voice(Path(self.voice))

    def _load_voice(self, path: Path) -> Any:
        if path.suffix != ".htsvoice" or not path.is_file():
            raise TTSError(f"openjtalk voice {str(path)!r}: expected 'mei' or a .htsvoice file")
        from pyopenjtalk.htsengine import HTSEngine

        return HTSEngine(str(path).encode())

    def synthesize(self, text: str, prosody: Prosody) -> Audio:
        if not text.strip():
            return Audio.silence(0.0, 48000)
        if self._engine is None:
            wave, rate = self._jtalk.tts(text, speed=prosody.rate, half_tone=prosody.pitch)
        else:
            wave, rate = self._synthesize_custom(text, prosody)
        audio = Audio((wave / 32768.0).astype("float32"), int(rate))
        return normalized(audio, prosody.volume)

    def _synthesize_custom(self, text: str, prosody: Prosody) -> tuple[Any, int]:
        labels = self._jtalk.extract_fullcontext(text)
        with self._lock:  # one HTSEngine holds its speed/tone settings: serialise use
            self._engine.set_speed(prosody.rate)
            self._engine.add_half_tone(prosody.pitch)
            return self._engine.synthesize(labels), self._engine.get_sampling_frequency()

    def voices(self) -> list[str]:
        """The voices found: the bundled "mei" and any other .htsvoice file installed
        beside it (a scenario may also name a .htsvoice file of its own)."""
        folder = Path(str(self._jtalk.__file__)).parent / "htsvoice"
        others = sorted(
            str(path)
            for path in folder.glob("*.htsvoice")
            if not path.name.startswith(("mei_", "LICENSE"))
        )
        return [f"{DEFAULT_VOICE} (bundled)", *others]

    def close(self) -> None:
        pass
