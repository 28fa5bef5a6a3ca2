"""Suite-wide fixtures: no test ever touches the user's real directories."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("callcoach-home")
    monkeypatch.setenv("CALLCOACH_HOME", str(home))
    for var in (
        "CALLCOACH_DB",
        "CALLCOACH_SCENARIOS",
        "CALLCOACH_DATA_DIR",
        "CALLCOACH_CONFIG_DIR",
        "CALLCOACH_CACHE_DIR",
        "CALLCOACH_USER",
    ):
        monkeypatch.delenv(var, raising=False)
    yield home
