"""Voice tests: replies spoken by espeak-ng into the test's tmp dir, recognised by the
real sphinx. Skipped (with the reason) only when espeak-ng or the voice extras are
missing — except in CI (CALLCOACH_CI=1), where that fails loudly."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.audio.conftest import require_modules


def espeak_binary() -> str:
    found = shutil.which("espeak-ng") or shutil.which("espeak")
    if found is None:
        if os.environ.get("CALLCOACH_CI"):
            raise RuntimeError("espeak-ng is missing: bash .ci/audio-packages")
        pytest.skip("espeak-ng is not installed (bash .ci/audio-packages)")
    return found


def speak_to_wav(text: str, path: Path) -> Path:
    subprocess.run([espeak_binary(), "-w", str(path), text], check=True, capture_output=True)
    return path


@pytest.fixture(scope="module")
def sphinx() -> Iterator[object]:
    require_modules("pocketsphinx", "webrtcvad", "numpy")
    from simulator.audio.asr.sphinx import SphinxRecognizer

    recognizer = SphinxRecognizer()
    yield recognizer
    recognizer.close()
