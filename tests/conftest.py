"""Suite-wide fixtures: no test ever touches the user's real directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shared_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Speech models assembled once for the whole run (the bundled Whisper model is
    145 MB), outside any test's home but never in the user's cache."""
    return tmp_path_factory.mktemp("callcoach-models")


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
    shared_models_dir: Path,
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("callcoach-home")
    monkeypatch.setenv("CALLCOACH_HOME", str(home))
    monkeypatch.setenv("CALLCOACH_MODELS_DIR", str(shared_models_dir))
    for var in (
        "CALLCOACH_DB",
        "CALLCOACH_SCENARIOS",
        "CALLCOACH_DATA_DIR",
        "CALLCOACH_CONFIG_DIR",
        "CALLCOACH_CACHE_DIR",
        "CALLCOACH_USER",
        "CALLCOACH_WHISPER_MODEL",
        "CALLCOACH_VOSK_MODEL",
    ):
        monkeypatch.delenv(var, raising=False)
    # Every command speaks the locale's language: the suite runs in English unless a
    # test chooses (--ui-lang, set_language), whatever the developer's locale.
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from simulator.i18n import set_language

    set_language("en")  # the language is process-wide: a test that chose ja must not leak
    yield home
