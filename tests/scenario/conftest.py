"""Shared paths for the scenario loader tests."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "scenarios"
GOOD = DATA / "good"
BROKEN = DATA / "broken"
HOSTILE = DATA / "hostile"
BUNDLED = REPO / "scenarios"
EXAMPLE = BUNDLED / "en-example-wrong-colour.yaml"
