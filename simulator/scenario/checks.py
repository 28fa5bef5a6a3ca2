"""Checks that need the whole scenario: names that must exist, the turn graph, mood sanity.

They run on the built model; positions come from the document by the same
paths (turn ``i`` of the model is ``("turns", i)`` in the file).
"""

from __future__ import annotations

from collections.abc import Iterator

from simulator.i18n import t
from simulator.scenario.condition_checks import check_conditions
from simulator.scenario.model import Branch, Condition, Scenario, Turn
from simulator.scenario.problems import Problem
from simulator.scenario.spec import one_of, suggest
from simulator.scenario.yamlsafe import Document, KeyPath

# Categories a good reply should *not* contain: listing them under `expects` is a slip.
_BAD_CATEGORIES = ("ng_phrase", "over_promise", "filler")
_KEY_PHRASE_CONDITIONS = ("said", "said_any", "not_said")
# Plausible speaking rates: ja in mora/s, en in words/min (DOMAIN.md figures, generously).
_PACE_RANGE = {"ja": (3.0, 12.0, "check.pace.mora"), "en": (60.0, 250.0, "check.pace.words")}


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
            message = t("check.turn_twice", turn=turn.id, line=first_line[turn.id])
            yield doc.problem(path, message, t("check.turn_twice.expected"))
        else:
            first_line[turn.id] = doc.mark(path)[0]
        if turn.id in scenario.endings:
            message = t("check.turn_and_ending", turn=turn.id)
            yield doc.problem(path, message, t("check.turn_and_ending.expected"))


def _check_mood(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    mood = scenario.mood
    if mood.calm >= mood.hang_up:
        yield doc.problem(
            ("mood", "calm"),
            t("check.calm_not_below", calm=mood.calm, hang_up=mood.hang_up),
            "calm < hang_up",
        )
    if mood.start >= mood.hang_up:
        yield doc.problem(
            ("mood", "start"),
            t("check.start_hangs_up", start=mood.start),
            t("check.start_hangs_up.expected", hang_up=mood.hang_up),
        )
        return
    if mood.start <= mood.calm:
        yield doc.problem(
            ("mood", "start"),
            t("check.start_calm", start=mood.start, calm=mood.calm),
            t("check.start_calm.expected"),
            "warning",
        )
    for level, spec in sorted(scenario.levels.items()):
        if mood.start + spec.start_mood >= mood.hang_up:
            start = mood.start + spec.start_mood
            message = t("check.level_hangs_up", level=level, start=start)
            expected = t("check.level_hangs_up.expected", hang_up=mood.hang_up)
            where = ("levels", level) if ("levels", level) in doc.keys else ("mood", "start")
            yield doc.problem(where, message, expected, "warning")


def _check_pace(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    pace = scenario.caller.pace
    low, high, unit = _PACE_RANGE[scenario.language]
    if pace is not None and not low <= pace <= high:
        message = t("check.pace", pace=f"{pace:g}", language=scenario.language)
        expected = t("check.pace.expected", unit=t(unit), low=f"{low:g}", high=f"{high:g}")
        yield doc.problem(("caller", "pace"), message, expected, "warning")


def _check_turn(scenario: Scenario, turn: Turn, path: KeyPath, doc: Document) -> Iterator[Problem]:
    for index, category in enumerate(turn.expects):
        if category in _BAD_CATEGORIES:
            message = t("check.bad_expects", category=category)
            expected = t("check.bad_expects.expected")
            yield doc.problem((*path, "expects", index), message, expected, "warning")
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
        message = t("check.no_otherwise", turn=turn.id)
        yield doc.problem(path, message, t("check.no_otherwise.expected"), "warning")


def _check_key_phrase_names(turn: Turn, path: KeyPath, doc: Document) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, phrase in enumerate(turn.key_phrases):
        if phrase.name in seen:
            message = t("check.phrase_twice", phrase=phrase.name)
            expected = t("check.phrase_twice.expected")
            yield doc.problem((*path, "key_phrases", index), message, expected)
        seen.add(phrase.name)


def _check_branch(
    scenario: Scenario, turn: Turn, branch: Branch, path: KeyPath, doc: Document
) -> Iterator[Problem]:
    targets = list(dict.fromkeys([*(turn.id for turn in scenario.turns), *scenario.endings]))
    if branch.next not in targets:
        message = t("check.bad_next", next=branch.next, hint=suggest(branch.next, targets))
        yield doc.problem((*path, "next"), message, one_of([_listing(targets)]))
    names = [p.name for p in turn.key_phrases]
    for field in _KEY_PHRASE_CONDITIONS:
        for index, name in enumerate(getattr(branch.when, field)):
            if name not in names:
                where = (*path, "when", field, index)
                hint = suggest(name, names)
                message = t("check.unknown_phrase", field=field, name=name, turn=turn.id, hint=hint)
                defined = _listing(names) if names else t("check.unknown_phrase.none")
                expected = t("check.unknown_phrase.expected", defined=defined)
                yield doc.problem(where, message, expected)
    yield from _check_condition(branch.when, (*path, "when"), doc)


def _check_condition(when: Condition, path: KeyPath, doc: Document) -> Iterator[Problem]:
    low, high = when.mood_at_least, when.mood_below
    if low is not None and high is not None and low >= high:
        message = t("check.mood_never", low=low, high=high)
        yield doc.problem(path, message, "mood_at_least < mood_below", "warning")
    clash = (set(when.detected) | set(when.detected_any)) & set(when.not_detected)
    clash |= (set(when.said) | set(when.said_any)) & set(when.not_said)
    if clash:
        message = t("check.clash", names=", ".join(sorted(clash)))
        yield doc.problem(path, message, t("check.clash.expected"), "warning")


def _check_graph(scenario: Scenario, doc: Document) -> Iterator[Problem]:
    # Unknown targets are reported elsewhere; the graph only follows real ones.
    known = {turn.id for turn in scenario.turns} | set(scenario.endings)
    edges: dict[str, set[str]] = {}
    for turn in scenario.turns:
        targets = [b.next for b in _exits(turn)] + ([turn.skip_to] if turn.skip_to else [])
        edges.setdefault(turn.id, set()).update(target for target in targets if target in known)
    from_start = reachable(scenario.turns[0].id, edges)
    for index, turn in enumerate(scenario.turns):
        if turn.id not in from_start and index == _first_index(scenario, turn.id):
            message = t("check.unreached_turn", turn=turn.id)
            expected = t("check.unreached_turn.expected")
            yield doc.problem(("turns", index, "id"), message, expected)
    used = set().union(*edges.values())
    for name, ending in scenario.endings.items():
        # A hung_up ending is also used when the mood reaches hang_up, without any `next`.
        if name not in used and ending.outcome != "hung_up":
            message = t("check.unused_ending", ending=name)
            expected = t("check.unused_ending.expected")
            yield doc.problem(("endings", name), message, expected, "warning", key=True)
    endings = set(scenario.endings)
    for index, turn in enumerate(scenario.turns):
        stuck = turn.id in from_start and not reachable(turn.id, edges) & endings
        if stuck and index == _first_index(scenario, turn.id):
            message = t("check.stuck", turn=turn.id)
            yield doc.problem(("turns", index, "id"), message, t("check.stuck.expected"))


def _first_index(scenario: Scenario, turn_id: str) -> int:
    return next(i for i, turn in enumerate(scenario.turns) if turn.id == turn_id)


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
    return shown + (t("check.listing_more", count=len(names)) if len(names) > limit else "")
