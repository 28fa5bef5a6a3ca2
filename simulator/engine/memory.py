"""What the caller keeps track of beyond one reply, read off the scenario: the facts
its turns remember (``told``/``unless_told``) and how a turn takes a request to wait."""

from __future__ import annotations

from simulator.scenario.model import Condition, Scenario, Turn


def expects_the_request(turn: Turn) -> bool:
    """A turn that ``expects: [hold]`` without saying how its caller waits (``wait_say``,
    ``waits``) takes the request as its reply: its branches lead to the caller's
    「はい、お願いします」 as the next turn, the way version 1 scenarios write a hold."""
    return "hold" in turn.expects and not turn.wait_say and turn.waits is None


def names_category(when: Condition, category: str) -> bool:
    """Whether a condition asks for ``category`` (``detected``/``detected_any``, nested)."""
    if category in when.detected or category in when.detected_any:
        return True
    return any(names_category(inner, category) for inner in (*when.any, *when.all))


def memory_phrases(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    """Key phrases (merged over turns) that some ``told``/``unless_told`` names."""
    names: set[str] = set()
    for turn in scenario.turns:
        names.update(turn.unless_told)
        for branch in (*turn.branches, *((turn.otherwise,) if turn.otherwise else ())):
            names.update(told_names(branch.when))
    merged: dict[str, tuple[str, ...]] = {}
    for turn in scenario.turns:
        for phrase in turn.key_phrases:
            if phrase.name in names:
                known = merged.get(phrase.name, ())
                merged[phrase.name] = tuple(dict.fromkeys((*known, *phrase.alternatives)))
    return merged


def told_names(when: Condition) -> set[str]:
    """Every name under ``told`` in a condition, its combinators included."""
    names = set(when.told)
    for inner in (*when.any, *when.all, *((when.not_,) if when.not_ else ())):
        names |= told_names(inner)
    return names
