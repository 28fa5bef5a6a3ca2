"""Checks for the caller's memory and the richer conditions: names that must exist
(``told``, ``unless_told``, ``asked``, key phrases inside ``any``/``all``/``not``), where a skipped
turn goes, per-variant model answers and hold bounds that can never both hold."""

from __future__ import annotations

from collections.abc import Iterator

from simulator.i18n import t
from simulator.scenario.model import Branch, Condition, Scenario, Turn
from simulator.scenario.problems import Problem
from simulator.scenario.spec import suggest
from simulator.scenario.yamlsafe import Document, KeyPath

_TURN_PHRASES = ("said", "said_any", "not_said")


def check_conditions(scenario: Scenario, doc: Document) -> list[Problem]:
    known = sorted({p.name for turn in scenario.turns for p in turn.key_phrases})
    problems: list[Problem] = []
    for index, turn in enumerate(scenario.turns):
        path: KeyPath = ("turns", index)
        problems += _check_turn(scenario, turn, path, known, doc)
        exits: list[tuple[KeyPath, Branch]] = [
            (("branches", i), b) for i, b in enumerate(turn.branches)
        ]
        if turn.otherwise is not None:
            exits.append((("otherwise",), turn.otherwise))
        for where, branch in exits:
            when_path = (*path, *where, "when")
            problems += _check_when(branch.when, when_path, turn, known, doc, nested=False)
            problems += _asked_turns(branch.when, when_path, scenario, doc)
    return problems


def _asked_turns(
    when: Condition, path: KeyPath, scenario: Scenario, doc: Document
) -> Iterator[Problem]:
    """``asked`` names turns (nested conditions included)."""
    turn_ids = [turn.id for turn in scenario.turns]
    for index, name in enumerate(when.asked):
        if name not in turn_ids:
            message = t("cond.asked_not_turn", name=name, hint=suggest(name, turn_ids))
            yield doc.problem((*path, "asked", index), message, t("cond.asked_not_turn.expected"))
    for field in ("any", "all"):
        for index, inner in enumerate(getattr(when, field)):
            yield from _asked_turns(inner, (*path, field, index), scenario, doc)
    if when.not_ is not None:
        yield from _asked_turns(when.not_, (*path, "not"), scenario, doc)


def _check_turn(
    scenario: Scenario, turn: Turn, path: KeyPath, known: list[str], doc: Document
) -> Iterator[Problem]:
    yield from _names(turn.unless_told, (*path, "unless_told"), "unless_told", known, doc)
    targets = [*(turn.id for turn in scenario.turns), *scenario.endings]
    if turn.skip_to is not None and turn.skip_to not in targets:
        message = t("cond.bad_skip_to", target=turn.skip_to, hint=suggest(turn.skip_to, targets))
        yield doc.problem((*path, "skip_to"), message)
    skipped_by = "unless_told" if turn.unless_told else "once" if turn.once else None
    if skipped_by and turn.skip_to is None and turn.otherwise is None:
        message = t("cond.nowhere_to_skip", turn=turn.id, by=skipped_by)
        yield doc.problem((*path, skipped_by), message, t("cond.nowhere_to_skip.expected"))
    if turn.skip_to is not None and not skipped_by:
        message = t("cond.never_skipped")
        expected = t("cond.never_skipped.expected", example="once: true")
        yield doc.problem((*path, "skip_to"), message, expected, "warning")
    waits = turn.waits if turn.waits is not None else scenario.hold.waits
    if turn.wait_say and waits == 0:
        message = t("cond.wait_say_unused", turn=turn.id)
        expected = t("cond.wait_say_unused.expected")
        yield doc.problem((*path, "wait_say"), message, expected, "warning")
    if turn.model_answers and len(turn.model_answers) != len(turn.say):
        message = t("cond.answers", answers=len(turn.model_answers), variants=len(turn.say))
        yield doc.problem((*path, "model_answers"), message, t("cond.answers.expected"))


def _check_when(
    when: Condition, path: KeyPath, turn: Turn, known: list[str], doc: Document, *, nested: bool
) -> Iterator[Problem]:
    if nested:  # the top level's said names are checked with the branch (checks.py)
        names = [p.name for p in turn.key_phrases]
        for field in _TURN_PHRASES:
            yield from _names(getattr(when, field), (*path, field), field, names, doc, turn.id)
    yield from _names(when.told, (*path, "told"), "told", known, doc)
    low, high = when.hold_under, when.hold_over
    if low is not None and high is not None and low <= high:
        message = t("cond.hold_never", high=f"{high:g}", low=f"{low:g}")
        yield doc.problem(path, message, "hold_over < hold_under", "warning")
    for field in ("any", "all"):
        for index, inner in enumerate(getattr(when, field)):
            yield from _check_when(inner, (*path, field, index), turn, known, doc, nested=True)
    if when.not_ is not None:
        yield from _check_when(when.not_, (*path, "not"), turn, known, doc, nested=True)


def _names(
    names: tuple[str, ...],
    path: KeyPath,
    field: str,
    known: list[str],
    doc: Document,
    turn_id: str | None = None,
) -> Iterator[Problem]:
    listing = ", ".join(known[:8]) if known else t("cond.none_defined")
    for index, name in enumerate(names):
        if name not in known:
            hint = suggest(name, known)
            if turn_id:
                message = t("check.unknown_phrase", field=field, name=name, turn=turn_id, hint=hint)
                expected = t("check.unknown_phrase.expected", defined=listing)
            else:
                message = t("cond.unknown_phrase", field=field, name=name, hint=hint)
                expected = t("cond.unknown_phrase.expected", defined=listing)
            yield doc.problem((*path, index), message, expected)
