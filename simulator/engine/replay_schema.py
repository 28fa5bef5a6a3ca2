"""The JSON Schema (draft 2020-12) of replay files, ``callcoach.replay/1``
(DESIGN.md §4): what ``load_replay`` accepts, for editors and other tools.
``callcoach schema replay`` prints it; ``scenarios/schema/replay.schema.json`` ships it."""

from __future__ import annotations

import json
from typing import Any

from simulator.engine.replay import REPLAY_FORMAT
from simulator.scenario.fields import SCHEMA_BASE

_HOUR = 3600  # the loader refuses times over an hour: they are meant as seconds
_START = {
    "type": "number",
    "minimum": -_HOUR,
    "maximum": _HOUR,
    "default": 0.4,
    "description": "seconds after the caller's line ended; negative = over the caller",
}
_ONLY = ("text", "wav", "hold")


def _reply(kind: str, properties: dict[str, Any], description: str) -> dict[str, Any]:
    others = [name for name in _ONLY if name != kind]
    return {
        "description": description,
        "type": "object",
        "required": [kind],
        "properties": properties,
        "not": {"anyOf": [{"required": [name]} for name in others]},
    }


def replay_schema() -> dict[str, Any]:
    text = _reply(
        "text",
        {
            "text": {"type": "string", "description": "what the trainee says"},
            "start": _START,
            "duration": {
                "type": "number",
                "minimum": 0.05,
                "maximum": _HOUR,
                "description": "seconds (default: a normal speaking rate for the text)",
            },
        },
        "a typed reply",
    )
    wav = _reply(
        "wav",
        {
            "wav": {
                "type": "string",
                "minLength": 1,
                "description": "a WAV file, relative to the replay file; goes through VAD and ASR",
            },
            "start": _START,
        },
        "a spoken reply",
    )
    hold = _reply(
        "hold",
        {"hold": {"type": "number", "minimum": 0, "maximum": _HOUR, "description": "seconds"}},
        "put the caller on hold",
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/replay-1.json",
        "title": "CallCoach replay file",
        "description": (
            f"Trainee replies played against a scenario ({REPLAY_FORMAT}). When the replies "
            "run out the trainee is silent and the call plays out."
        ),
        "type": "object",
        "required": ["replies"],
        "properties": {
            "format": {"const": REPLAY_FORMAT, "default": REPLAY_FORMAT},
            "seed": {"type": "integer", "description": "fixes the caller's line variants"},
            "replies": {
                "type": "array",
                "description": "one per trainee turn, in order",
                "items": {"oneOf": [text, wav, hold]},
            },
        },
    }


def replay_schema_text() -> str:
    return json.dumps(replay_schema(), ensure_ascii=False, indent=2) + "\n"
