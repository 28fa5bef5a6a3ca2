"""Shared fixtures for the audio tests: engines are expensive to start, so they
are created once per module; anything optional is skipped with the reason."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Iterator

import pytest

from simulator.audio.tts import TTSEngine, create_tts


def require_modules(*names: str) -> None:
    """Skip a test module whose voice extras are not installed — except in CI
    (CALLCOACH_CI=1), where a missing extra must fail loudly, not skip quietly."""
    missing = [n for n in names if importlib.util.find_spec(n) is None]
    if missing and not os.environ.get("CALLCOACH_CI"):
        pytest.skip(
            f"needs {', '.join(missing)}: pip install -e '.[voice]'", allow_module_level=True
        )


def espeak_available() -> bool:
    if shutil.which("espeak-ng") is None and shutil.which("espeak") is None:
        return False
    try:
        import pyttsx3  # noqa: F401
    except ImportError:
        return False
    return True


needs_espeak = pytest.mark.skipif(
    not espeak_available(), reason="espeak-ng and pyttsx3 not installed (bash .ci/audio-packages)"
)


@pytest.fixture(scope="session")
def openjtalk() -> TTSEngine:
    return create_tts("openjtalk")


@pytest.fixture(scope="session")
def espeak() -> Iterator[TTSEngine]:
    if not espeak_available():
        pytest.skip("espeak-ng and pyttsx3 not installed (bash .ci/audio-packages)")
    engine = create_tts("pyttsx3")
    yield engine
    engine.close()
