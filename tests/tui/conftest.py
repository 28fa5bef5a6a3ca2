"""The TUI tests run in Japanese (the product's first language) and restore English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.i18n import set_language


@pytest.fixture(autouse=True)
def ui_in_japanese() -> Iterator[None]:
    set_language("ja")
    yield
    set_language("en")
