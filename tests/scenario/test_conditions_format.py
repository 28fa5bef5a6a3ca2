"""The new condition kinds, caller memory and per-variant model answers in the file
format: they load into the model, and bad values get file:line errors."""

from __future__ import annotations

from pathlib import Path

from simulator.scenario.loader import Problem, load_scenario_text, validate_paths
from simulator.scenario.model import Condition

HEAD = """format: callcoach.scenario/1
id: en-test-conditions
title: Conditions
language: en
caller: {type: angry, name: Pat}
briefing: {situation: A parcel is late.}
endings:
  done: {outcome: resolved}
  gone: {outcome: hung_up}
turns:
"""

GOOD_TURNS = """  - id: open
    say: ["Where is it?", "It never came!"]
    model_answers: ["I'm sorry, let me check.", "I'm so sorry it never came."]
    key_phrases: {order: ["4711"]}
    branches:
      - when:
          any: [{said: [order]}, {detected: [confirmation]}]
          not: {earlier: [interruption]}
        next: ask
      - when: {hold_over: 30, repeats: 2, after: 120, faster_than_caller: true}
        next: gone
      - when: {all: [{hold_under: 10}, {told: [no_return]}]}
        next: done
    otherwise: {next: ask}
  - id: ask
    say: ["Do I have to send it back?"]
    key_phrases: {no_return: ["no need to return"]}
    unless_told: [no_return]
    skip_to: done
    otherwise: {next: done}
"""


def test_the_new_parts_load_into_the_model() -> None:
    scenario = load_scenario_text(HEAD + GOOD_TURNS)
    first, ask = scenario.turns
    when = first.branches[0].when
    assert when.any == (Condition(said=("order",)), Condition(detected=("confirmation",)))
    assert when.not_ == Condition(earlier=("interruption",))
    timed = first.branches[1].when
    assert (timed.hold_over, timed.repeats, timed.after, timed.faster_than_caller) == (
        30,
        2,
        120,
        True,
    )
    assert first.branches[2].when.all[1].told == ("no_return",)
    assert first.answer_for("It never came!") == "I'm so sorry it never came."
    assert (ask.unless_told, ask.skip_to) == (("no_return",), "done")


BAD_SHAPES = """  - id: open
    say: ["Where is it?"]
    branches:
      - when: {hold_over: -5, repeats: many, earlier: [yelling]}
        next: done
      - when: {not: {faster_than_caller: yes please}}
        next: done
    otherwise: {next: done}
"""

BAD_NAMES = """  - id: open
    say: ["Where is it?", "It never came!"]
    model_answers: ["Only one answer"]
    key_phrases: {order: ["4711"]}
    branches:
      - when: {told: [no_retrun], any: [{said: [ordr]}]}
        next: ask
    otherwise: {next: ask}
  - id: ask
    say: ["Do I have to send it back?"]
    key_phrases: {no_return: ["no need to return"]}
    unless_told: [no_return]
    skip_to: nowhere
    branches:
      - when: {hold_over: 40, hold_under: 20}
        next: done
"""


def _problems(tmp_path: Path, turns: str) -> tuple[list[Problem], dict[str, int]]:
    path = tmp_path / "en-test-conditions.yaml"
    path.write_text(HEAD + turns, encoding="utf-8")
    lines = {text.strip(): n for n, text in enumerate((HEAD + turns).splitlines(), 1)}
    problems = validate_paths([path])
    assert all(str(p).startswith(f"{path}:") for p in problems)
    return problems, lines


def test_bad_values_are_reported_with_their_line(tmp_path: Path) -> None:
    problems, line = _problems(tmp_path, BAD_SHAPES)
    found = [(p.line, p.message) for p in problems if p.is_error]
    branch = line["- when: {hold_over: -5, repeats: many, earlier: [yelling]}"]
    assert any(n == branch and "hold_over: -5 is out of range" in m for n, m in found)
    assert any(n == branch and "repeats: got text" in m for n, m in found)
    assert any(n == branch and "'yelling' is not allowed" in m for n, m in found)
    nested = line["- when: {not: {faster_than_caller: yes please}}"]
    assert (nested, "turns[0].branches[1].when.not.faster_than_caller: got text") in found


def test_unknown_names_and_targets_are_reported_with_their_line(tmp_path: Path) -> None:
    problems, line = _problems(tmp_path, BAD_NAMES)
    found = {(p.line, p.message.split(" (did")[0]) for p in problems if p.is_error}
    told = line["- when: {told: [no_retrun], any: [{said: [ordr]}]}"]
    assert (told, "told names 'no_retrun', which any turn does not define") in found
    assert (told, "said names 'ordr', which turn 'open' does not define") in found
    answers = line['model_answers: ["Only one answer"]']
    assert (answers, "model_answers has 1 answers for 2 variants of say") in found
    assert (line["skip_to: nowhere"], "skip_to 'nowhere' is neither a turn nor an ending") in found
    warnings = [p.message for p in problems if not p.is_error]
    assert "hold_over 40 and hold_under 20 can never both hold" in warnings


def test_the_graph_shows_nested_conditions_and_skips() -> None:
    from simulator.scenario.graph import describe, edges_of

    scenario = load_scenario_text(HEAD + GOOD_TURNS)
    label = describe(scenario.turns[0].branches[0].when)
    assert label == "any: {said: order} | {detected: confirmation}; not: {earlier: interruption}"
    skips = [e for e in edges_of(scenario) if e.label.startswith("skipped")]
    assert [(e.source, e.target, e.label) for e in skips] == [
        ("ask", "done", "skipped when told: no_return")
    ]


def test_per_variant_model_answers_are_personalised_like_the_lines() -> None:
    from simulator.scenario.version2 import personalise

    text = (HEAD + GOOD_TURNS).replace("callcoach.scenario/1", "callcoach.scenario/2")
    text = text.replace(
        '"I\'m so sorry it never came."', '"I\'m {trainee}, so sorry it never came."'
    )
    first = personalise(load_scenario_text(text), "Sam").turns[0]
    assert first.answer_for("It never came!") == "I'm Sam, so sorry it never came."
