"""Rubrics as YAML (``scoring/rubrics/<name>.yaml`` presets or a trainer's file).

```yaml
format: callcoach.rubric/1
name: my-team
extends: angry            # optional: start from a preset, override below
pass_mark: 75
thresholds: {talk_ratio_max: 0.4, rate_band_ja: [5.0, 6.0]}
gates: {fail_outcomes: [hung_up, abandoned], fail_on: [over_promise]}  # see scoring.gates
dimensions:               # replaces the preset's dimensions when given
  listening: {weight: 0.4, items: {no_interruptions: 50, aizuchi: 50}}
```
Item names are checks from scoring.checks; points are relative within a dimension.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from scoring import checks_talk  # noqa: F401  (registers its checks)
from scoring.checks import CHECKS
from scoring.gates import Gates, apply_gate_overrides
from scoring.thresholds import Thresholds, apply_overrides

PRESETS = ("angry", "logical", "unreasonable", "jp-contest")
DEFAULT_PASS_MARK = 70


class RubricError(ValueError):
    """A rubric cannot be used; ``str()`` is one line naming the file and field."""


@dataclass(frozen=True)
class Dimension:
    name: str
    weight: float
    items: tuple[tuple[str, float], ...]  # (check name, points)


@dataclass(frozen=True)
class Rubric:
    name: str
    pass_mark: float
    thresholds: Thresholds
    dimensions: tuple[Dimension, ...]
    gates: Gates = field(default_factory=Gates)


def _dimensions(raw: Any, where: str) -> tuple[Dimension, ...]:
    if not isinstance(raw, Mapping) or not raw:
        raise RubricError(f"{where}: dimensions: expected a mapping of name → {{weight, items}}")
    dimensions = []
    for name, spec in raw.items():
        here = f"{where}: dimensions.{name}"
        if not isinstance(spec, Mapping) or not isinstance(spec.get("items"), Mapping):
            raise RubricError(f"{here}: expected {{weight: number, items: {{check: points}}}}")
        weight = spec.get("weight", 1.0)
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight < 0:
            raise RubricError(f"{here}.weight: expected a number ≥ 0")
        items = []
        for check, points in spec["items"].items():
            if check not in CHECKS:
                known = ", ".join(sorted(CHECKS))
                raise RubricError(f"{here}.items: unknown check {check!r} (known: {known})")
            if isinstance(points, bool) or not isinstance(points, int | float) or points <= 0:
                raise RubricError(f"{here}.items.{check}: expected points > 0")
            items.append((str(check), float(points)))
        dimensions.append(Dimension(str(name), float(weight), tuple(items)))
    return tuple(dimensions)


def parse_rubric(data: Any, where: str, *, depth: int = 0) -> Rubric:
    if not isinstance(data, Mapping):
        raise RubricError(f"{where}: expected a mapping (a callcoach.rubric/1 document)")
    if data.get("format", "callcoach.rubric/1") != "callcoach.rubric/1":
        raise RubricError(f"{where}: format: expected 'callcoach.rubric/1'")
    base: Rubric | None = None
    if data.get("extends") is not None:
        if depth > 3:
            raise RubricError(f"{where}: extends: too deeply nested")
        base = preset(str(data["extends"]))
    name = str(data.get("name") or (base.name if base else "custom"))
    pass_mark = data.get("pass_mark", base.pass_mark if base else DEFAULT_PASS_MARK)
    if isinstance(pass_mark, bool) or not isinstance(pass_mark, int | float):
        raise RubricError(f"{where}: pass_mark: expected a number 0–100")
    thresholds = base.thresholds if base else Thresholds()
    overrides = data.get("thresholds") or {}
    if not isinstance(overrides, Mapping):
        raise RubricError(f"{where}: thresholds: expected a mapping")
    try:
        thresholds = apply_overrides(thresholds, overrides, where)
    except ValueError as error:
        raise RubricError(str(error)) from None
    try:
        gates = apply_gate_overrides(base.gates if base else Gates(), data.get("gates"), where)
    except ValueError as error:
        raise RubricError(str(error)) from None
    if "dimensions" in data or base is None:
        dimensions = _dimensions(data.get("dimensions"), where)
    else:
        dimensions = base.dimensions
    return Rubric(name, float(pass_mark), thresholds, dimensions, gates)


@cache
def preset(name: str) -> Rubric:
    import yaml  # loaded on first use: `callcoach --help` needs no YAML

    if name not in PRESETS:
        raise RubricError(f"unknown rubric {name!r}; presets: {', '.join(PRESETS)}")
    text = resources.files("scoring").joinpath("rubrics", f"{name}.yaml").read_text("utf-8")
    return parse_rubric(yaml.safe_load(text), f"scoring/rubrics/{name}.yaml", depth=1)


def load_rubric_file(path: Path) -> Rubric:
    import yaml  # loaded on first use: `callcoach --help` needs no YAML

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise RubricError(f"{path}: cannot read rubric: {error.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise RubricError(f"{place}: invalid YAML: {getattr(error, 'problem', error)}") from None
    return parse_rubric(data, str(path))


def resolve_rubric(spec: str | Path | Mapping[str, Any] | None, default: str) -> Rubric:
    """A preset name, a YAML file path, an already-decoded mapping, or None (→ default)."""
    if spec is None:
        return preset(default if default in PRESETS else "angry")
    if isinstance(spec, Mapping):
        return parse_rubric(spec, "rubric")
    if isinstance(spec, str) and spec in PRESETS:
        return preset(spec)
    path = Path(spec)
    if path.suffix in (".yaml", ".yml", ".json") or path.exists():
        return load_rubric_file(path)
    raise RubricError(
        f"unknown rubric {str(spec)!r}; presets: {', '.join(PRESETS)}, or a YAML file"
    )


def with_guide(rubric: Rubric, guide: Mapping[str, Any]) -> Rubric:
    """Per-scenario overrides carried in the record's ``guide``: pass mark, thresholds, gates."""
    changed = rubric
    if isinstance(guide.get("pass_mark"), int | float) and not isinstance(guide["pass_mark"], bool):
        changed = replace(changed, pass_mark=float(guide["pass_mark"]))
    if isinstance(guide.get("thresholds"), Mapping):
        try:
            thresholds = apply_overrides(changed.thresholds, guide["thresholds"], "guide")
        except ValueError as error:
            raise RubricError(str(error)) from None
        changed = replace(changed, thresholds=thresholds)
    if guide.get("gates") is not None:
        try:
            gates = apply_gate_overrides(changed.gates, guide["gates"], "guide")
        except ValueError as error:
            raise RubricError(str(error)) from None
        changed = replace(changed, gates=gates)
    return changed
