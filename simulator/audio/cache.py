"""On-disk cache of synthesised lines, and a TTS wrapper that uses it.

Key: sha256 of (engine, voice, prosody, text). Entries are 16-bit WAV files under
``cache_dir()/tts`` written atomically, so a crash never leaves half a line and
two processes can share the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path

from simulator.audio import AudioError
from simulator.audio.prosody import Prosody
from simulator.audio.tts.base import TTSEngine
from simulator.audio.types import Audio, read_wav, write_wav


def default_cache_root() -> Path:
    from simulator.paths import cache_dir

    return cache_dir() / "tts"


def cache_key(engine: str, voice: str, prosody: Prosody, text: str) -> str:
    material = json.dumps([engine, voice, prosody.key(), text], ensure_ascii=False)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class SynthCache:
    def __init__(self, root: Path | None = None) -> None:
        self.root = root or default_cache_root()

    def path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.wav"

    def get(self, key: str) -> Audio | None:
        path = self.path(key)
        if not path.is_file():
            return None
        try:
            return read_wav(path)
        except AudioError:
            path.unlink(missing_ok=True)  # a damaged entry is rebuilt, never trusted
            return None

    def put(self, key: str, audio: Audio) -> None:
        path = self.path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        write_wav(temporary, audio)
        os.replace(temporary, path)

    def __contains__(self, key: str) -> bool:
        return self.path(key).is_file()


class CachedTTS:
    """A TTSEngine that answers from the cache and renders (once) on a miss.

    Concurrent requests for the same line wait for the one render in progress,
    so the presynthesiser and a line needed right now never render it twice.
    """

    def __init__(self, engine: TTSEngine, cache: SynthCache | None = None) -> None:
        self.engine = engine
        self.cache = cache or SynthCache()
        self.name = engine.name
        self.languages = engine.languages
        self.voice = engine.voice
        self._guard = threading.Lock()
        self._pending: dict[str, threading.Lock] = {}

    def key(self, text: str, prosody: Prosody) -> str:
        return cache_key(self.engine.name, self.engine.voice, prosody, text)

    def is_cached(self, text: str, prosody: Prosody) -> bool:
        return self.key(text, prosody) in self.cache

    def synthesize(self, text: str, prosody: Prosody) -> Audio:
        key = self.key(text, prosody)
        if (hit := self.cache.get(key)) is not None:
            return hit
        with self._guard:
            lock = self._pending.setdefault(key, threading.Lock())
        with lock:
            if (hit := self.cache.get(key)) is not None:
                return hit
            audio = self.engine.synthesize(text, prosody)
            self.cache.put(key, audio)
        with self._guard:
            self._pending.pop(key, None)
        return audio

    def voices(self) -> list[str]:
        return self.engine.voices()

    def close(self) -> None:
        self.engine.close()
