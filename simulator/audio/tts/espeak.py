"""`pyttsx3`: the system voices (espeak-ng on Linux, SAPI5 on Windows, the macOS
voices), used for English. espeak-ng cannot read kanji, so Japanese text is refused.

pyttsx3 is not thread-safe: the engine lives in ONE dedicated worker thread and
every call goes through it. Lines are rendered to a temporary WAV file with
``save_to_file``, never spoken directly, so playback stays on our own stream.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from simulator.audio.prosody import Prosody
from simulator.audio.tts.base import TTSError, is_japanese
from simulator.audio.types import Audio, normalized, read_wav

BASE_WPM = 175  # espeak-ng's own default rate
BASE_PITCH = 50  # espeak-ng pitch scale 0-100
RENDER_TIMEOUT = 30.0  # seconds; a line takes milliseconds, so this only catches a hang
PITCH_PER_SEMITONE = 8  # espeak's pitch scale is roughly this many steps per semitone


class Pyttsx3TTS:
    name = "pyttsx3"
    languages: tuple[str, ...] = ("en",)

    def __init__(self, voice: str | None = None) -> None:
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyttsx3")
        self._engine: Any = None
        self._espeak = False
        # The espeak driver's runAndWait can return before its synthesis thread has
        # written the file; it announces "finished-utterance" only after writing it.
        self._written = threading.Event()
        self._scratch = Path(tempfile.mkdtemp(prefix="callcoach-tts-"))
        try:
            self.voice = self._worker.submit(self._init_engine, voice).result()
        except BaseException:
            self.close()
            raise

    # --- runs on the worker thread only ---------------------------------------
    def _init_engine(self, voice: str | None) -> str:
        try:
            import pyttsx3
        except ImportError:
            raise TTSError("pyttsx3 TTS needs: pip install pyttsx3") from None
        try:
            engine = pyttsx3.init()
        except (OSError, RuntimeError) as error:
            raise TTSError(
                f"pyttsx3 found no speech synthesiser ({error}); "
                "on Debian/Ubuntu: apt-get install espeak-ng"
            ) from None
        self._espeak = _silence_driver(engine)
        engine.connect("finished-utterance", lambda **_: self._written.set())
        if voice:
            ids = {v.id for v in engine.getProperty("voices")}
            if voice not in ids:
                raise TTSError(f"pyttsx3 has no voice {voice!r}; see `callcoach doctor`")
            engine.setProperty("voice", voice)
        self._engine = engine
        return voice or str(engine.getProperty("voice") or "default")

    def _render(self, text: str, prosody: Prosody, target: str) -> None:
        engine = self._engine
        wpm = round(BASE_WPM * prosody.rate)
        pitch = max(0, min(100, round(BASE_PITCH + PITCH_PER_SEMITONE * prosody.pitch)))
        if self._espeak:
            # pyttsx3 2.99's espeak driver loses queued rate changes after the first
            # line; espeak's own embedded commands (ctrl-A value letter) always apply.
            text = f"\x01{wpm}S\x01{pitch}P {text}"
        else:
            engine.setProperty("rate", wpm)
        self._written.clear()
        engine.save_to_file(text, target)
        engine.runAndWait()
        if not self._written.wait(RENDER_TIMEOUT):
            raise TTSError(f"pyttsx3 did not finish rendering {text[:40]!r}")

    def _voice_ids(self) -> list[str]:
        ids = [str(v.id) for v in self._engine.getProperty("voices")]
        return sorted(
            ids, key=lambda i: "en" not in i.split("/")[-1].split("-")[0]
        )  # English first

    # --- public API, any thread -------------------------------------------------
    def synthesize(self, text: str, prosody: Prosody) -> Audio:
        if is_japanese(text):
            raise TTSError(
                "pyttsx3 (espeak-ng) cannot read Japanese text; use the openjtalk engine"
            )
        if not text.strip():
            return Audio.silence(0.0, 22050)
        handle, name = tempfile.mkstemp(suffix=".wav", dir=self._scratch)
        os.close(handle)
        target = Path(name)
        try:
            for _attempt in range(2):  # the espeak driver now and then ends before writing
                self._worker.submit(self._render, text, prosody, str(target)).result()
                if target.stat().st_size > 44:
                    return normalized(read_wav(target), prosody.volume)
            raise TTSError(f"pyttsx3 produced no audio for {text[:40]!r}")
        finally:
            target.unlink(missing_ok=True)

    def voices(self) -> list[str]:
        return self._worker.submit(self._voice_ids).result()

    def close(self) -> None:
        self._worker.shutdown(wait=True)
        with contextlib.suppress(OSError):
            self._scratch.rmdir()


def _silence_driver(engine: Any) -> bool:
    """The espeak driver prints "Audio saved to …" on stdout after every file; shadow
    its module-level print (per module, so other threads' output is untouched).
    Returns whether the driver is espeak."""
    driver = type(getattr(engine.proxy, "_driver", None)).__module__
    if "espeak" not in driver:
        return False
    import sys

    sys.modules[driver].print = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    return True
