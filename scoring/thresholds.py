"""Every number DESIGN.md §7 scores against, with its default. Rubric YAML (and a
scenario's ``guide.thresholds``) may override any of them by name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

# Target speech-rate bands per caller type: (mora/s for ja, words/min for en).
RATE_BANDS: dict[str, dict[str, tuple[float, float]]] = {
    "angry": {"ja": (5.0, 6.5), "en": (110.0, 140.0)},
    "logical": {"ja": (6.0, 7.5), "en": (120.0, 150.0)},
    "unreasonable": {"ja": (5.5, 7.0), "en": (115.0, 145.0)},
}


@dataclass(frozen=True)
class Thresholds:
    interruption_lead: float = 0.2  # starts more than this before the caller's end …
    interruption_overlap: float = 0.5  # … and overlaps at least this long
    backchannel_max: float = 1.0  # an aizuchi-only overlap shorter than this is a backchannel
    gap_rushed: float = 0.2  # response gap labels: rushed < 0.2 ≤ good < 1.5 ≤ hesitant < 3
    gap_hesitant: float = 1.5
    gap_dead_air: float = 3.0
    silence: float = 3.0  # both parties silent at least this long, outside a hold
    early_window: float = 60.0  # empathy or apology expected within this many seconds
    talk_ratio_max: float = 0.45
    faster_than_caller: float = 0.10  # the trainee may be at most 10 % faster
    fillers_per_min_max: float = 10.0
    monotone_run: int = 3  # the same aizuchi this many times in a row is monotone
    hold_short: float = 30.0  # 「少々」
    hold_long: float = 60.0  # past a minute, offer a call back
    min_rate_time: float = 1.0  # utterances with less voiced time are too short to rate
    rate_band_ja: tuple[float, float] | None = None  # None: by caller type
    rate_band_en: tuple[float, float] | None = None

    def rate_band(self, language: str, caller_type: str | None) -> tuple[float, float]:
        override = self.rate_band_ja if language == "ja" else self.rate_band_en
        if override is not None:
            return override
        return RATE_BANDS.get(caller_type or "angry", RATE_BANDS["angry"])[language]


def apply_overrides(base: Thresholds, overrides: Mapping[str, Any], where: str) -> Thresholds:
    """``base`` with the named fields replaced; unknown names or bad values raise ValueError."""
    known = {f.name: f for f in fields(Thresholds)}
    changes: dict[str, Any] = {}
    for name, value in overrides.items():
        if name not in known:
            raise ValueError(f"{where}: unknown threshold {name!r}")
        if name.startswith("rate_band"):
            if value is not None and (
                not isinstance(value, list | tuple)
                or len(value) != 2
                or not all(isinstance(v, int | float) for v in value)
            ):
                raise ValueError(f"{where}: {name} must be [low, high]")
            changes[name] = None if value is None else (float(value[0]), float(value[1]))
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(f"{where}: threshold {name} must be a number")
        else:
            changes[name] = int(value) if name == "monotone_run" else float(value)
    return replace(base, **changes)
