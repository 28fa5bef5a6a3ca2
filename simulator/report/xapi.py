"""xAPI (Experience API 1.0.3) statements for an LMS / learning record store: one per
finished session — actor (the trainee), verb passed / failed (or completed when the
call was not scored), object (the scenario as an activity), result, timestamp.

Statement ids are derived from the session id (UUID v5), so sending the same export
twice does not create duplicates in the LRS.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {
    "passed": {"id": ADL + "passed", "display": {"en-US": "passed", "ja-JP": "合格した"}},
    "failed": {"id": ADL + "failed", "display": {"en-US": "failed", "ja-JP": "不合格だった"}},
    "completed": {"id": ADL + "completed", "display": {"en-US": "completed", "ja-JP": "完了した"}},
}
ACTIVITY_TYPE = "http://adlnet.gov/expapi/activities/simulation"
DEFAULT_HOME = "https://callcoach.invalid"  # reserved: never resolves; set your own
NAMESPACE = uuid.UUID("6f1b9e1e-8a0c-5b7a-9d4e-63616c6c636f")


def statement(
    record: dict[str, Any], scorecard: dict[str, Any] | None, home: str = DEFAULT_HOME
) -> dict[str, Any] | None:
    """The statement for one session record, None for a call that never finished."""
    if not record.get("outcome"):
        return None
    trainee = str(record.get("trainee") or "anonymous")
    scenario = record.get("scenario") or {}
    scenario_id = str(scenario.get("id") or "unknown")
    total = _number((scorecard or {}).get("total"))
    passed = (scorecard or {}).get("passed")
    verb = (
        "completed"
        if total is None or not isinstance(passed, bool)
        else ("passed" if passed else "failed")
    )
    result: dict[str, Any] = {
        "completion": True,
        "extensions": {f"{home}/outcome": record["outcome"]},
    }
    if total is not None:
        result["score"] = {"scaled": round(total / 100, 4), "raw": total, "min": 0, "max": 100}
    if isinstance(passed, bool):
        result["success"] = passed
    if duration := _duration(record):
        result["duration"] = duration
    language = "ja-JP" if record.get("language") == "ja" else "en-US"
    return {
        "id": str(uuid.uuid5(NAMESPACE, str(record.get("id")))),
        "actor": {
            "objectType": "Agent",
            "name": trainee,
            "account": {"homePage": home, "name": trainee},
        },
        "verb": VERBS[verb],
        "object": {
            "objectType": "Activity",
            "id": f"{home}/scenario/{quote(scenario_id, safe='')}",
            "definition": {
                "type": ACTIVITY_TYPE,
                "name": {language: str(scenario.get("title") or scenario_id)},
            },
        },
        "result": result,
        "timestamp": str(record.get("started_at")),
        "context": {"language": language, "platform": "CallCoach"},
    }


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _duration(record: dict[str, Any]) -> str | None:
    """ISO 8601 duration of the call: from 0 to its last utterance or event."""
    ends = [u.get("end", 0) for u in record.get("utterances") or []]
    ends += [e.get("t", 0) for e in record.get("events") or []]
    seconds = max((float(t) for t in ends if isinstance(t, int | float)), default=0.0)
    return f"PT{seconds:.2f}S" if seconds > 0 else None
