"""The header of a session record: who, what, how — plus the ``guide`` extension the
scorer uses for scenario-specific expectations (unknown fields are allowed by the
session contract, DESIGN.md §4)."""

from __future__ import annotations

from typing import Any

from simulator.scenario.avoid import avoid_phrases
from simulator.scenario.model import Scenario, Turn


def session_header(
    scenario: Scenario,
    *,
    mode: str,
    level: int,
    seed: int | None,
    trainee: str | None,
) -> dict[str, Any]:
    """``scenario`` is already filled for this trainee (``version2.personalise``)."""
    return {
        "scenario": {
            "id": scenario.id,
            "title": scenario.title,
            "digest": scenario.source.digest,
        },
        "language": scenario.language,
        "caller_type": scenario.caller.type,
        "mode": mode,
        "trainee": trainee,
        "level": level,
        "seed": seed,
        "guide": scenario_guide(scenario),
    }


def scenario_guide(scenario: Scenario) -> dict[str, Any]:
    return {
        "rubric": scenario.rubric or scenario.caller.type,
        "pass_mark": scenario.pass_mark,
        "forbidden_promises": list(scenario.policy.must_not_promise),
        "allowed_offers": list(scenario.policy.may_offer),
        "expected_outcome": scenario.expected_outcome,
        "avoid": [
            {"alternatives": list(a.alternatives), "cost": a.cost, "note": a.note}
            for a in scenario.avoid
        ],
        "turns": {
            turn.id: {
                "expects": list(turn.expects),
                "key_phrases": {k.name: list(k.alternatives) for k in turn.key_phrases},
                "optional_key_phrases": [k.name for k in turn.key_phrases if k.optional],
                "avoid_phrases": avoid_phrases(turn),
                "model_answer": turn.model_answer,
            }
            | _per_variant(turn)
            for turn in scenario.turns
        },
    }


def _per_variant(turn: Turn) -> dict[str, Any]:
    """``model_answers``: the caller's line → the model answer written for it (the score
    card quotes the one for the variant actually said)."""
    if not turn.model_answers:
        return {}
    return {"model_answers": dict(zip(turn.say, turn.model_answers, strict=False))}
