"""The header of a session record: who, what, how — plus the ``guide`` extension the
scorer uses for scenario-specific expectations (unknown fields are allowed by the
session contract, DESIGN.md §4)."""

from __future__ import annotations

from typing import Any

from simulator.scenario.model import Branch, Scenario, Turn


def session_header(
    scenario: Scenario,
    *,
    mode: str,
    level: int,
    seed: int | None,
    trainee: str | None,
) -> dict[str, Any]:
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
        "turns": {
            turn.id: {
                "expects": list(turn.expects),
                "key_phrases": {k.name: list(k.alternatives) for k in turn.key_phrases},
                "avoid_phrases": avoid_phrases(turn),
                "model_answer": turn.model_answer,
            }
            for turn in scenario.turns
        },
    }


def _branches(turn: Turn) -> list[Branch]:
    return [*turn.branches, *([turn.otherwise] if turn.otherwise else [])]


def avoid_phrases(turn: Turn) -> dict[str, list[str]]:
    """Key phrases that only make things worse: named (``said``/``said_any``) in
    branches that raise the mood, and never in a branch that keeps or lowers it nor
    required by a worsening branch's ``not_said``. Name → the phrase's alternatives;
    the scorer takes points for saying them and does not expect them back."""
    worse: set[str] = set()
    fine: set[str] = set()
    for branch in _branches(turn):
        named = {*branch.when.said, *branch.when.said_any}
        if branch.mood > 0:
            worse |= named
            fine |= set(branch.when.not_said)  # leaving it out makes things worse
        else:
            fine |= named
    alternatives = {phrase.name: list(phrase.alternatives) for phrase in turn.key_phrases}
    return {name: alternatives[name] for name in sorted(worse - fine) if name in alternatives}
