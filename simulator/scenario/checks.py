"""Checks that need the whole scenario: names that must exist, the turn graph, mood sanity.

They run on the built model; positions come from the document by the same
paths (turn ``i`` of the model is ``("turns", i)`` in the file).
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.scenario.condition_checks import check_conditions
from simulator.scenario.model import Branch, Condition, Scenario, Turn
from simulator.scenario.problems import Problem
from simulator.scenario.spec import suggest
from simulator.scenario.yamlsafe import Document, KeyPath

# Categories a good reply should *not* contain: listing them under `expects` is a slip.
_BAD_CATEGORIES = ("ng_phrase", "over_promise", "filler")
_KEY_PHRASE_CONDITIONS = ("said", "said_any", "not_said")
# Plausible speaking rates: ja in mora/s, en in words/min (DOMAIN.md figures, generously).
_PACE_RANGE = {"ja": (3.0, 12.0, "mora/s"), "en": (60.0, 250.0, "words/min")}


def check_scenario(scenario: Scenario, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_ids(scenario, doc)
    problems += _check_mood(scenario, doc)
    problems += _check_pace(scenario, doc)
    for index, turn in enumerate(scenario.turns):
        problems += _check_turn(scenario, turn, ("turns", index), doc)
    problems += check_conditions(scenario, doc)
    problems += _check_graph(scenario, doc)
    return problems


def _check_ids(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    first_line: dict[str, int] = {}
    for index, turn in enumerate(scenario.turns):
        path = ("turns", index, "id")
        if turn.id in first_line:
            message = f"turn id {turn.id!r} used twice (first at line {first_line[turn.id]})"
            yield doc.problem(path, message, "a unique turn id")
        else:
            first_line[turn.id] = doc.mark(path)[0]
        if turn.id in scenario.endings:
            message = f"{turn.id!r} is both a turn and an ending"
            yield doc.problem(path, message, "different ids for turns and endings")


def _check_mood(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    mood = scenario.mood
    if mood.calm >= mood.hang_up:
        yield doc.problem(
            ("mood", "calm"),
            f"mood.calm {mood.calm} is not below mood.hang_up {mood.hang_up}",
            "calm < hang_up",
        )
    if mood.start >= mood.hang_up:
        yield doc.problem(
            ("mood", "start"),
            f"mood.start {mood.start} means the caller hangs up at once",
            f"a start below hang_up ({mood.hang_up})",
        )
        return
    if mood.start <= mood.calm:
        yield doc.problem(
            ("mood", "start"),
            f"mood.start {mood.start} is already calm (calm = {mood.calm})",
            "a start above calm",
            "warning",
        )
    for level, spec in sorted(scenario.levels.items()):
        if mood.start + spec.start_mood >= mood.hang_up:
            start = mood.start + spec.start_mood
            message = f"at level {level} the caller starts at mood {start} and hangs up at once"
            where = ("levels", level) if ("levels", level) in doc.keys else ("mood", "start")
            yield doc.problem(where, message, f"start + start_mood below {mood.hang_up}", "warning")


def _check_pace(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    pace = scenario.caller.pace
    low, high, unit = _PACE_RANGE[scenario.language]
    if pace is not None and not low <= pace <= high:
        message = f"caller.pace {pace:g} is unusual for language {scenario.language}"
        yield doc.problem(("caller", "pace"), message, f"{unit}, about {low:g}–{high:g}", "warning")


def _check_turn(scenario: Scenario, turn: Turn, path: KeyPath, doc: Document) -> Iterator[Problem]:
    for index, category in enumerate(turn.expects):
        if category in _BAD_CATEGORIES:
            message = f"expects {category!r}, which a good reply should not contain"
            yield doc.problem(
                (*path, "expects", index), message, "categories of a good reply", "warning"
            )
    yield from _check_key_phrase_names(turn, path, doc)
    always_from: int | None = None
    for index, branch in enumerate(turn.branches):
        branch_path = (*path, "branches", index)
        # Branches never taken (after an empty or a broader `when`) are lint's warnings.
        if _is_empty(branch.when) and always_from is None:
            always_from = index
        yield from _check_branch(scenario, turn, branch, branch_path, doc)
    if turn.otherwise is not None:
        yield from _check_branch(scenario, turn, turn.otherwise, (*path, "otherwise"), doc)
    elif always_from is None:
        message = f"turn {turn.id!r} has no 'otherwise': with no match the caller repeats the line"
        yield doc.problem(path, message, "an 'otherwise' branch", "warning")


def _check_key_phrase_names(turn: Turn, path: KeyPath, doc: Document) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, phrase in enumerate(turn.key_phrases):
        if phrase.name in seen:
            message = f"key phrase {phrase.name!r} listed twice"
            yield doc.problem((*path, "key_phrases", index), message, "each key phrase once")
        seen.add(phrase.name)


def _check_branch(
    scenario: Scenario, turn: Turn, branch: Branch, path: KeyPath, doc: Document
) -> Iterator[Problem]:
    targets = list(dict.fromkeys([*(t.id for t in scenario.turns), *scenario.endings]))
    if branch.next not in targets:
        message = (
            f"next {branch.next!r} is neither a turn nor an ending{suggest(branch.next, targets)}"
        )
        yield doc.problem((*path, "next"), message, "one of " + _listing(targets))
    names = [p.name for p in turn.key_phrases]
    for field in _KEY_PHRASE_CONDITIONS:
        for index, name in enumerate(getattr(branch.when, field)):
            if name not in names:
                where = (*path, "when", field, index)
                hint = suggest(name, names)
                message = f"{field} names {name!r}, which turn {turn.id!r} does not define{hint}"
                defined = _listing(names) if names else "none defined on this turn"
                yield doc.problem(
                    where, message, f"a name under this turn's key_phrases ({defined})"
                )
    yield from _check_condition(branch.when, (*path, "when"), doc)


def _check_condition(when: Condition, path: KeyPath, doc: Document) -> Iterator[Problem]:
    low, high = when.mood_at_least, when.mood_below
    if low is not None and high is not None and low >= high:
        message = f"mood_at_least {low} and mood_below {high} can never both hold"
        yield doc.problem(path, message, "mood_at_least < mood_below", "warning")
    clash = (set(when.detected) | set(when.detected_any)) & set(when.not_detected)
    clash |= (set(when.said) | set(when.said_any)) & set(when.not_said)
    if clash:
        message = f"{', '.join(sorted(clash))} both required and excluded: the branch never holds"
        yield doc.problem(path, message, "a condition that can hold", "warning")


def _check_graph(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    # Unknown targets are reported elsewhere; the graph only follows real ones.
    known = {t.id for t in scenario.turns} | set(scenario.endings)
    edges: dict[str, set[str]] = {}
    for turn in scenario.turns:
        targets = [b.next for b in _exits(turn)] + ([turn.skip_to] if turn.skip_to else [])
        edges.setdefault(turn.id, set()).update(t for t in targets if t in known)
    from_start = reachable(scenario.turns[0].id, edges)
    for index, turn in enumerate(scenario.turns):
        if turn.id not in from_start and index == _first_index(scenario, turn.id):
            message = f"turn {turn.id!r} can never be reached from the first turn"
            yield doc.problem(("turns", index, "id"), message, "a branch whose next leads here")
    used = set().union(*edges.values())
    for name, ending in scenario.endings.items():
        # A hung_up ending is also used when the mood reaches hang_up, without any `next`.
        if name not in used and ending.outcome != "hung_up":
            message = f"ending {name!r} is never used"
            yield doc.problem(
                ("endings", name), message, "a branch whose next names it", "warning", key=True
            )
    endings = set(scenario.endings)
    for index, turn in enumerate(scenario.turns):
        stuck = turn.id in from_start and not reachable(turn.id, edges) & endings
        if stuck and index == _first_index(scenario, turn.id):
            message = f"from turn {turn.id!r} no path leads to an ending"
            yield doc.problem(
                ("turns", index, "id"), message, "some branch chain that ends the call"
            )


def _first_index(scenario: Scenario, turn_id: str) -> int:
    return next(i for i, t in enumerate(scenario.turns) if t.id == turn_id)


def _exits(turn: Turn) -> list[Branch]:
    return [*turn.branches, *([turn.otherwise] if turn.otherwise else [])]


def reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    """Every node ``edges`` lead to from ``start`` (start included)."""
    seen, todo = {start}, [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _is_empty(when: Condition) -> bool:
    return when == Condition()


def _listing(names: list[str], limit: int = 8) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" … ({len(names)} in all)" if len(names) > limit else "")
