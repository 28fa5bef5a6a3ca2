"""The scenario and set formats rendered as JSON Schema (draft 2020-12), as shipped in
``scenarios/schema/`` and printed by ``callcoach schema``."""

from __future__ import annotations

import json
from typing import Any

from simulator.scenario.fields import SCENARIO, SCHEMA_BASE
from simulator.scenario.set_fields import SCENARIO_SET


def json_schema(kind: str = "scenario") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``scenario`` or ``set`` files."""
    spec, name = (SCENARIO, "scenario") if kind == "scenario" else (SCENARIO_SET, "set")
    defs: dict[str, dict[str, Any]] = {}
    body = spec.json_schema(defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/{name}-1.json",
        "title": f"CallCoach {name} file",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text(kind: str = "scenario") -> str:
    """The schema as shipped in ``scenarios/schema/`` (stable key order, trailing newline)."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
