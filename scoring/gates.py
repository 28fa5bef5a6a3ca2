"""Pass/fail gates: what fails a call whatever its total, as a QA sheet does.

A rubric (or a scenario's ``guide``) may set, each overriding the preset's value::

    gates:
      fail_outcomes: [hung_up, abandoned]   # the caller hung up / the trainee dropped the call
      fail_on: [over_promise]               # phrase categories that are critical errors

A session without an outcome (the call never ended) cannot pass either. The total
is left as computed: a gate changes ``passed`` and says why, it does not fake a score.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

OUTCOMES = ("resolved", "escalated", "hung_up", "abandoned")
GATE_CATEGORIES = ("over_promise", "ng_phrase")


@dataclass(frozen=True)
class Gates:
    fail_outcomes: tuple[str, ...] = ("hung_up", "abandoned")
    fail_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class FailedGate:
    gate: str  # "outcome" | "incomplete" | a category of GATE_CATEGORIES
    value: str  # the outcome, or the phrases said
    utterance: int | None  # the utterance that proves it (the last one for outcomes)

    def as_json(self) -> dict[str, Any]:
        return {"gate": self.gate, "value": self.value, "utterance": self.utterance}


def _names(raw: Any, allowed: tuple[str, ...], where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise ValueError(f"{where}: expected a list of names ({', '.join(allowed)})")
    unknown = [item for item in raw if item not in allowed]
    if unknown:
        raise ValueError(f"{where}: unknown {unknown[0]!r} (known: {', '.join(allowed)})")
    return tuple(dict.fromkeys(raw))


def apply_gate_overrides(base: Gates, raw: Any, where: str) -> Gates:
    """``base`` with the keys given in ``raw`` replaced; bad input raises ValueError."""
    if raw is None:
        return base
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: gates: expected a mapping (fail_outcomes, fail_on)")
    changes: dict[str, tuple[str, ...]] = {}
    for key, value in raw.items():
        if key == "fail_outcomes":
            changes[key] = _names(value, OUTCOMES, f"{where}: gates.fail_outcomes")
        elif key == "fail_on":
            changes[key] = _names(value, GATE_CATEGORIES, f"{where}: gates.fail_on")
        else:
            raise ValueError(f"{where}: gates: unknown key {key!r} (fail_outcomes, fail_on)")
    return replace(base, **changes)


def failed_gates(
    gates: Gates,
    outcome: str | None,
    last_utterance: int | None,
    phrases: Mapping[int, list[tuple[str, str]]],
) -> list[FailedGate]:
    """The gates this session fails. ``phrases``: trainee utterance → (category, text)."""
    failed: list[FailedGate] = []
    if outcome is None:
        failed.append(FailedGate("incomplete", "", last_utterance))
    elif outcome in gates.fail_outcomes:
        failed.append(FailedGate("outcome", outcome, last_utterance))
    for category in gates.fail_on:
        for index in sorted(phrases):
            said = [text for found, text in phrases[index] if found == category]
            if said and not (category == "over_promise" and _retracted(phrases, index)):
                failed.append(FailedGate(category, "/".join(said), index))
                break  # the first offence proves the gate; the checks list the rest
    return failed


def _retracted(phrases: Mapping[int, list[tuple[str, str]]], index: int) -> bool:
    """A later reply takes the promise back (「先ほどは誤ったことを申し上げました」,
    "I misspoke earlier"): it still costs points, but no longer fails the call."""
    return any(
        found == "retraction" for later in phrases if later > index for found, _ in phrases[later]
    )
