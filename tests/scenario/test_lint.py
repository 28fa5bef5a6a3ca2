"""Warnings for scenarios that load but probably do not do what the trainer meant
(issue 13): they are printed by `validate`, exit 0, and fail only with --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.scenario.lint import broader
from simulator.scenario.loader import validate_paths
from simulator.scenario.model import Condition
from simulator.scenario.problems import Problem

HEAD = """\
format: callcoach.scenario/1
id: en-test-lint
title: Lint
language: en
caller: {type: angry, name: Pat}
briefing: {situation: A late parcel.}
"""
ENDINGS = """\
endings:
  done: {outcome: resolved}
  gone: {outcome: hung_up}
"""
TURN = """\
turns:
  - id: open
    say: ["Where is my parcel?"]
    key_phrases: {{order: ["58213"]}}
    model_answer: "I'm sorry. Is it order 58213?"
    branches:
{branches}
    otherwise: {{next: done}}
"""


def write(tmp_path: Path, branches: str, endings: str = ENDINGS, name: str = "") -> Path:
    path = tmp_path / (name or "en-test-lint.yaml")
    path.write_text(HEAD + TURN.format(branches=branches) + endings, encoding="utf-8")
    return path


def warnings(path: Path) -> list[Problem]:
    problems = validate_paths([path])
    assert all(not p.is_error for p in problems), problems
    return problems


def messages(path: Path) -> list[str]:
    return [p.message for p in warnings(path)]


def test_a_clean_file_has_no_warnings(tmp_path: Path) -> None:
    branches = "      - when: {said: [order]}\n        next: done\n"
    assert messages(write(tmp_path, branches)) == []


def test_a_file_named_unlike_its_id(tmp_path: Path) -> None:
    branches = "      - when: {said: [order]}\n        next: done\n"
    [problem] = warnings(write(tmp_path, branches, name="late-parcel.yaml"))
    assert problem.message == (
        "the file is named 'late-parcel.yaml' but the scenario id is 'en-test-lint'"
    )
    assert problem.expected.startswith("the file saved as en-test-lint.yaml")
    assert (problem.line, problem.col) == (2, 5)


def test_no_hung_up_ending(tmp_path: Path) -> None:
    branches = "      - when: {said: [order]}\n        next: done\n"
    endings = "endings:\n  done: {outcome: resolved}\n"
    [problem] = warnings(write(tmp_path, branches, endings))
    assert problem.message.startswith("no ending with outcome hung_up")


def test_a_branch_shadowed_by_an_earlier_broader_one(tmp_path: Path) -> None:
    branches = (
        "      - when: {detected_any: [apology, empathy]}\n        next: done\n"
        "      - when: {detected: [apology], said: [order]}\n        next: boss\n"
    )
    endings = ENDINGS + "  boss: {outcome: escalated}\n"
    found = warnings(write(tmp_path, branches, endings))
    shadow = next(p for p in found if p.message.startswith("branch never taken"))
    assert shadow.message == (
        "branch never taken: branch 0 (line 13) before it holds whenever this one does"
    )
    assert shadow.line == 15
    # Its ending is named by a branch, but only by that dead one.
    assert "ending 'boss' can never be reached: only branches never taken lead to it" in [
        p.message for p in found
    ]


@pytest.mark.parametrize(
    ("first", "second", "shadows"),
    [
        (Condition(), Condition(detected=("apology",)), True),
        (Condition(detected=("apology",)), Condition(detected=("apology", "empathy")), True),
        (Condition(detected=("apology", "empathy")), Condition(detected=("apology",)), False),
        (Condition(detected_any=("apology", "empathy")), Condition(detected=("empathy",)), True),
        (
            Condition(detected_any=("apology",)),
            Condition(detected_any=("apology", "cushion")),
            False,
        ),
        (Condition(mood_at_least=50), Condition(mood_at_least=70), True),
        (Condition(mood_at_least=70), Condition(mood_at_least=50), False),
        (Condition(mood_below=60), Condition(mood_below=40, said=("order",)), True),
        (
            Condition(not_detected=("ng_phrase",)),
            Condition(not_detected=("ng_phrase", "filler")),
            True,
        ),
        (Condition(interrupted=False), Condition(), False),
        # A silent reply only meets branches that ask for silence.
        (Condition(), Condition(silent=True), False),
        (Condition(silent=True), Condition(silent=True, mood_below=50), True),
    ],
)
def test_which_conditions_are_broader(first: Condition, second: Condition, shadows: bool) -> None:
    assert broader(first, second) is shadows


def test_a_turn_reached_only_through_dead_branches(tmp_path: Path) -> None:
    path = tmp_path / "en-test-lint.yaml"
    path.write_text(
        HEAD
        + """\
turns:
  - id: open
    say: ["Hello?"]
    branches:
      - when: {}
        next: done
      - when: {detected: [apology]}
        next: second
    otherwise: {next: done}
  - id: second
    say: ["Well?"]
    otherwise: {next: done}
"""
        + ENDINGS,
        encoding="utf-8",
    )
    found = messages(path)
    assert "turn 'second' is reached only through branches never taken" in found


def test_a_key_phrase_the_model_answer_does_not_say(tmp_path: Path) -> None:
    branches = "      - when: {said: [order]}\n        next: done\n"
    path = write(tmp_path, branches)
    path.write_text(path.read_text("utf-8").replace("Is it order 58213?", "Which order?"), "utf-8")
    [problem] = warnings(path)
    assert problem.message == "key phrase 'order' is not in turn 'open''s model answer"
    assert problem.line == 10  # the key phrase's own name


def test_a_phrase_to_avoid_is_not_expected_in_the_model_answer(tmp_path: Path) -> None:
    """Named only by a branch that raises the mood: the scorer counts it against."""
    branches = "      - when: {said: [order]}\n        mood: 20\n        next: done\n"
    path = write(tmp_path, branches)
    path.write_text(path.read_text("utf-8").replace("Is it order 58213?", "Which order?"), "utf-8")
    assert messages(path) == []


def test_validate_exits_0_with_warnings_and_1_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "      - when: {said: [order]}\n        next: done\n", name="x.yaml")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.endswith("1 file OK (1 warning(s))\n")
    assert main(["validate", "--strict", str(path)]) == 1
    assert capsys.readouterr().out.endswith("0 error(s), 1 warning(s) in 1 file checked\n")
