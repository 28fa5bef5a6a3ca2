"""Small helpers for benchmark figures."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(fn: Callable[[], object], repeat: int = 20, warmup: int = 1) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return {
        "p50": statistics.median(samples),
        "p95": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
        "min": samples[0],
    }


def row(label: str, figures: dict[str, float], budget: str = "") -> None:
    ms = "  ".join(f"{k} {v * 1000:8.1f} ms" for k, v in figures.items())
    print(f"{label:<44} {ms}  {budget}", flush=True)
