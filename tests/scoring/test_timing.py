"""The timing set (tests/data/timing): sessions with hand-computed overlaps, gaps,
silences and talk ratios in their ``expected`` field; results must match to 10 ms."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from scoring import score_session

TIMING = Path(__file__).parents[1] / "data" / "timing"
FILES = sorted(TIMING.glob("*.json"))
TOLERANCE = 0.01


def close(actual: Any, expected: Any, where: str) -> None:
    """Numbers within 10 ms, everything else equal; dicts compared on expected keys."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), where
        for key, value in expected.items():
            close(actual.get(key), value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (where, actual)
        for number, (a, e) in enumerate(zip(actual, expected, strict=True)):
            close(a, e, f"{where}[{number}]")
    elif isinstance(expected, float | int) and not isinstance(expected, bool):
        assert actual is not None and abs(actual - expected) <= TOLERANCE, (where, actual)
    else:
        assert actual == expected, (where, actual, expected)


def test_timing_set_exists() -> None:
    assert len(FILES) >= 3


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_timing_metrics_match_hand_computed_values(path: Path) -> None:
    record = json.loads(path.read_text(encoding="utf-8"))
    metrics = score_session(record)["metrics"]
    for name, expected in record["expected"].items():
        close(metrics[name], expected, name)
