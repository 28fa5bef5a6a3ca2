"""Warnings for scenarios that load but probably do not do what the trainer meant.

They never fail a load (``callcoach validate`` prints them and exits 0 unless
``--strict``): a file whose name is not its id, no ``hung_up`` ending, a branch
shadowed by an earlier, broader one, endings and turns only dead branches lead to,
and key phrases that no model answer says.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

from simulator.i18n import t
from simulator.scenario.checks import reachable
from simulator.scenario.model import Branch, Condition, Scenario, ScenarioSet, Turn
from simulator.scenario.problems import Problem
from simulator.scenario.yamlsafe import Document, KeyPath

# Condition fields this module knows how to compare; any other field set on an earlier
# branch makes it "not provably broader" (new condition kinds stay silent, not wrong).
_SET_ALL = ("detected", "said")
_SET_ANY = ("detected_any", "said_any")
_SET_NONE = ("not_detected", "not_said")
_EXACT = ("interrupted", "silent")
_KNOWN = {*_SET_ALL, *_SET_ANY, *_SET_NONE, *_EXACT, "mood_at_least", "mood_below"}


def lint_file_name(
    value: Scenario | ScenarioSet, doc: Document, path: Path | None
) -> list[Problem]:
    if path is None:
        return []
    stem = path.name.rsplit(".", 1)[0]
    if stem == value.id:
        return []
    key = "lint.file_name.scenario" if isinstance(value, Scenario) else "lint.file_name.set"
    message = t(key, name=path.name, id=value.id)
    expected = t("lint.file_name.expected", file=f"{value.id}{path.suffix}")
    return [doc.problem(("id",), message, expected, "warning")]


def lint_scenario(scenario: Scenario, doc: Document) -> list[Problem]:
    problems = list(_missing_hang_up(scenario, doc))
    dead: set[tuple[int, int]] = set()
    for index, turn in enumerate(scenario.turns):
        for shadowed, by in shadowed_branches(turn):
            dead.add((index, shadowed))
            problems.append(_shadow_problem(turn, index, shadowed, by, doc))
    problems += _dead_targets(scenario, dead, doc)
    return problems


def _missing_hang_up(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    if any(ending.outcome == "hung_up" for ending in scenario.endings.values()):
        return
    message = t("lint.no_hang_up", outcome="hung_up", mood=scenario.mood.hang_up)
    example = "hang-up: {outcome: hung_up, say: [...]}"
    expected = t("lint.no_hang_up.expected", example=example)
    yield doc.problem(("endings",), message, expected, "warning", key=True)


# -- shadowed branches -----------------------------------------------------------------
def shadowed_branches(turn: Turn) -> list[tuple[int, int]]:
    """(index, index of the earlier branch that always takes its replies) pairs."""
    found = []
    for later, branch in enumerate(turn.branches):
        earlier = next(
            (i for i in range(later) if broader(turn.branches[i].when, branch.when)), None
        )
        if earlier is not None:
            found.append((later, earlier))
    return found


def broader(first: Condition, second: Condition) -> bool:
    """True when every reply that meets ``second`` also meets ``first`` (so a branch
    with ``second`` after one with ``first`` is never taken). Conservative: False
    whenever ``first`` uses a condition this check does not understand."""
    for item in dataclasses.fields(first):
        if item.name not in _KNOWN and getattr(first, item.name) != item.default:
            return False
    if second.silent and not first.silent:
        return False  # silence is matched only against branches that ask for it
    return all(
        (
            all(set(getattr(first, f)) <= set(getattr(second, f)) for f in _SET_ALL),
            all(_any_implied(first, second, f) for f in _SET_ANY),
            all(set(getattr(first, f)) <= set(getattr(second, f)) for f in _SET_NONE),
            all(getattr(first, f) in (None, getattr(second, f)) for f in _EXACT),
            _at_least(first.mood_at_least, second.mood_at_least),
            _below(first.mood_below, second.mood_below),
        )
    )


def _any_implied(first: Condition, second: Condition, name: str) -> bool:
    wanted = set(getattr(first, name))
    if not wanted:
        return True
    every = set(getattr(second, name.removesuffix("_any")))
    some = set(getattr(second, name))
    return bool(wanted & every) or (bool(some) and some <= wanted)


def _at_least(first: int | None, second: int | None) -> bool:
    return first is None or (second is not None and second >= first)


def _below(first: int | None, second: int | None) -> bool:
    return first is None or (second is not None and second <= first)


def _shadow_problem(turn: Turn, index: int, shadowed: int, by: int, doc: Document) -> Problem:
    path = ("turns", index, "branches", shadowed)
    line = doc.mark(("turns", index, "branches", by))[0]
    earlier = turn.branches[by].when
    key = "lint.shadowed.always" if earlier == Condition() else "lint.shadowed.broader"
    message = t(key, branch=by, line=line)
    return doc.problem(path, message, t("lint.shadowed.expected"), "warning")


# -- endings and turns only dead branches lead to ---------------------------------------
def _dead_targets(
    scenario: Scenario, dead: set[tuple[int, int]], doc: Document
) -> Iterator[Problem]:
    """Endings (and turns) some branch names, but only a branch that is never taken or
    sits in a turn the call never reaches. Names no branch uses are reported by
    ``checks`` already."""
    all_edges = _edges(scenario, set())
    live_edges = _edges(scenario, dead)
    reach_all = reachable(scenario.turns[0].id, all_edges)
    reach_live = reachable(scenario.turns[0].id, live_edges)
    named = set().union(*all_edges.values()) if all_edges else set()
    mood_end = next((e.id for e in scenario.endings.values() if e.outcome == "hung_up"), None)
    for name in scenario.endings:
        if name in named and name not in reach_live and name != mood_end:
            message = t("lint.dead_ending", ending=name)
            expected = t("lint.dead_ending.expected")
            yield doc.problem(("endings", name), message, expected, "warning", key=True)
    for index, turn in enumerate(scenario.turns):
        if turn.id in reach_all and turn.id not in reach_live:
            message = t("lint.dead_turn", turn=turn.id)
            expected = t("lint.dead_turn.expected")
            yield doc.problem(("turns", index, "id"), message, expected, "warning")


def _edges(scenario: Scenario, dead: set[tuple[int, int]]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for index, turn in enumerate(scenario.turns):
        live = [b for i, b in enumerate(turn.branches) if (index, i) not in dead]
        exits: list[Branch] = [*live, *([turn.otherwise] if turn.otherwise else [])]
        edges.setdefault(turn.id, set()).update(b.next for b in exits)
    return edges


# -- key phrases no model answer says (validate only: it runs the phrase detector) ------
def unmet_key_phrases(scenario: Scenario, document: Callable[[], Document]) -> list[Problem]:
    """Key phrases a turn expects back that its model answer does not say, found with
    the same detection the scorer and the library test use. Phrases to avoid (named
    only by branches that make things worse) are not expected back."""
    from scoring import detect
    from simulator.scenario.avoid import avoid_phrases
    from simulator.scenario.version2 import personalise

    scenario = personalise(scenario, None)  # the model answer as a call says it
    problems = []
    doc: Document | None = None
    for index, turn in enumerate(scenario.turns):
        if not turn.model_answer or not turn.key_phrases:
            continue
        said = detect(
            turn.model_answer,
            scenario.language,
            key_phrases={k.name: k.alternatives for k in turn.key_phrases},
            allowed_offers=scenario.policy.may_offer,
        ).key_phrases
        for number, phrase in enumerate(turn.key_phrases):
            if phrase.name in said or phrase.optional or phrase.name in avoid_phrases(turn):
                continue
            doc = doc or document()  # positions only when there is something to report
            message = t("lint.unmet_key_phrase", phrase=phrase.name, turn=turn.id)
            expected = t("lint.unmet_key_phrase.expected")
            where: KeyPath = ("turns", index, "key_phrases", phrase.name)
            if where not in doc.keys:
                where = ("turns", index, "key_phrases", number)
            problems.append(doc.problem(where, message, expected, "warning", key=True))
    return problems
