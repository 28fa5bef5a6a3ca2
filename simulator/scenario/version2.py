"""Format ``callcoach.scenario/2``: what it adds to version 1 and how a call fills it in.

Version 1 is version 2 without the new fields (``company``, ``avoid``,
``expected_outcome``, optional key phrases, the caller's answers to a request to wait
and ``once``) and without placeholders: a /1 file
loads unchanged, its braces stay literal text. In a /2 file the caller's lines,
endings, hints, model answers and key phrases may say ``{trainee}`` and
``{company}``; ``{{`` and ``}}`` write a literal brace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from simulator.i18n import t
from simulator.scenario.model import (
    FORMAT_V1,
    FORMAT_V2,
    Branch,
    Caller,
    CutIn,
    Ending,
    Scenario,
    Turn,
)
from simulator.scenario.problems import Problem
from simulator.scenario.spec import suggest
from simulator.scenario.yamlsafe import Document, KeyPath

PLACEHOLDERS = ("trainee", "company")
V2_KEYS = ("company", "avoid", "expected_outcome")
V2_HOLD_KEYS = ("wait_say", "wait_again_say", "wait_again_mood", "waits")
V2_TURN_KEYS = ("once", "wait_say", "waits")
# Who the caller talks to when no trainee name is set: the operator name the
# library's lines and replay files use, so a call without a name stays coherent.
DEFAULT_TRAINEE = {"ja": "佐藤", "en": "Alex"}

# Keys whose text (however deep) the caller says or the trainee is shown as an answer.
_FILLED_KEYS = frozenset(
    {
        "say",
        "too_long_say",
        "wait_say",
        "wait_again_say",
        "model_answer",
        "model_answers",
        "hint",
        "key_phrases",
    }
)
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def placeholder_errors(text: str, has_company: bool) -> list[str]:
    """What is wrong with the placeholders in one text (empty when nothing)."""
    errors = []
    for match in _TOKEN.finditer(text):
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            continue
        if name is None:
            errors.append(t("format.lone_brace", token=repr(token), text=repr(text)))
        elif name not in PLACEHOLDERS:
            hint = suggest(name, PLACEHOLDERS)
            errors.append(t("format.unknown_placeholder", placeholder=f"{{{name}}}", hint=hint))
        elif name == "company" and not has_company:
            errors.append(t("format.no_company", placeholder="{company}"))
    return errors


def _placeholders_expected() -> str:
    return t("format.placeholders", trainee="{trainee}", company="{company}", braces="{{ / }}")


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with its placeholders filled (checked beforehand by the loader)."""

    def one(match: re.Match[str]) -> str:
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            return token[0]
        return values.get(name, token) if name is not None else token

    return _TOKEN.sub(one, text)


def version_problems(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """v2 fields in a v1 file, and placeholder mistakes in a v2 file, at file:line."""
    if data.get("format") == FORMAT_V1:
        return [_new_in_v2(doc, (key,)) for key in V2_KEYS if key in data] + _nested_in_v1(
            doc, data
        )
    problems: list[Problem] = []
    has_company = bool(data.get("company"))
    for path, text in _filled_texts(data, (), False):
        for error in placeholder_errors(text, has_company):
            problems.append(doc.problem(path, error, _placeholders_expected()))
    return problems + _landing_problems(doc, data)


def _landing_problems(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """An expected outcome no ending has could never be reached."""
    wanted = data.get("expected_outcome")
    endings = data.get("endings") or {}
    outcomes = {e.get("outcome") for e in endings.values() if isinstance(e, dict)}
    if wanted is None or wanted in outcomes:
        return []
    message = t("format.no_landing", outcome=repr(wanted))
    expected = t("format.no_landing.expected", outcome=f"outcome: {wanted}")
    return [doc.problem(("expected_outcome",), message, expected)]


def _nested_in_v1(doc: Document, data: dict[str, Any]) -> list[Problem]:
    """Hold and turn fields, and key phrase options, that only /2 has."""
    places: list[tuple[KeyPath, Any, tuple[str, ...]]] = [
        (("hold",), data.get("hold"), V2_HOLD_KEYS)
    ]
    listed = data.get("turns")
    turns: list[Any] = listed if isinstance(listed, list) else []
    places += [(("turns", i), turn, V2_TURN_KEYS) for i, turn in enumerate(turns)]
    problems = [
        _new_in_v2(doc, (*path, key))
        for path, value, keys in places
        if isinstance(value, dict)
        for key in keys
        if key in value
    ]
    return problems + _optional_in_v1(doc, turns)


def _new_in_v2(doc: Document, path: KeyPath) -> Problem:
    message = t("format.new_key", field=repr(path[-1]), format=FORMAT_V2)
    return doc.problem(path, message, f"format: {FORMAT_V2}", key=True)


def _optional_in_v1(doc: Document, turns: list[Any]) -> list[Problem]:
    problems = []
    for index, turn in enumerate(turns):
        phrases = turn.get("key_phrases") if isinstance(turn, dict) else None
        for name, value in (phrases or {}).items() if isinstance(phrases, dict) else ():
            if isinstance(value, dict):
                path = ("turns", index, "key_phrases", name)
                message = t("format.phrase_options", phrase=name, format=FORMAT_V2)
                problems.append(doc.problem(path, message, f"format: {FORMAT_V2}"))
    return problems


def _filled_texts(value: Any, path: KeyPath, inside: bool) -> list[tuple[KeyPath, str]]:
    if isinstance(value, str):
        return [(path, value)] if inside else []
    found: list[tuple[KeyPath, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _filled_texts(item, (*path, key), inside or key in _FILLED_KEYS)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _filled_texts(item, (*path, index), inside)
    return found


# -- filling a scenario for one call -----------------------------------------------------


def personalise(scenario: Scenario, trainee: str | None) -> Scenario:
    """The scenario as this trainee's call says it: placeholders filled everywhere the
    caller speaks or an answer is shown, so the engine, the session's guide (what the
    scorer reads) and the result screen all see the same text. /1 files are returned
    as they are."""
    if scenario.format == FORMAT_V1:
        return scenario
    name = (trainee or "").strip() or DEFAULT_TRAINEE[scenario.language]
    values = {"trainee": name, "company": scenario.company or ""}

    def texts(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(fill(item, values) for item in items)

    def maybe(text: str | None) -> str | None:
        return None if text is None else fill(text, values)

    return _filled(scenario, texts, maybe)


Texts = Callable[[tuple[str, ...]], tuple[str, ...]]


def _filled(scenario: Scenario, texts: Texts, maybe: Callable[[Any], Any]) -> Scenario:
    def cut_in(rule: CutIn | None) -> CutIn | None:
        return None if rule is None else replace(rule, say=texts(rule.say))

    def branch(item: Branch | None) -> Branch | None:
        return None if item is None else replace(item, say=texts(item.say))

    def turn(item: Turn) -> Turn:
        return replace(
            item,
            say=texts(item.say),
            model_answer=maybe(item.model_answer),
            model_answers=texts(item.model_answers),
            hint=maybe(item.hint),
            key_phrases=tuple(
                replace(k, alternatives=texts(k.alternatives)) for k in item.key_phrases
            ),
            branches=tuple(b for b in map(branch, item.branches) if b is not None),
            otherwise=branch(item.otherwise),
            cut_in=cut_in(item.cut_in),
            wait_say=texts(item.wait_say),
        )

    caller: Caller = scenario.caller
    caller = replace(
        caller,
        cut_in=cut_in(caller.cut_in),
        silence=replace(caller.silence, say=texts(caller.silence.say)),
    )
    endings: dict[str, Ending] = {
        key: replace(ending, say=texts(ending.say)) for key, ending in scenario.endings.items()
    }
    return replace(
        scenario,
        caller=caller,
        turns=tuple(turn(t) for t in scenario.turns),
        endings=endings,
        hold=replace(
            scenario.hold,
            too_long_say=texts(scenario.hold.too_long_say),
            wait_say=texts(scenario.hold.wait_say),
            wait_again_say=texts(scenario.hold.wait_again_say),
        ),
    )
