"""A set validated on its own (issue 13): a typo is matched against the trainer's own
folder, not an unrelated bundled scenario; a member that sits in the folder but is
not searched gets the flag that makes commands find it."""

from __future__ import annotations

from pathlib import Path

from simulator.scenario.loader import validate_paths
from tests.scenario.conftest import GOOD

SET = """\
format: callcoach.set/1
id: week
title: 第1週
scenarios: [ja-angry-broken-glas, ja-angry-late-delivery]
"""


def test_a_typo_is_matched_against_the_trainers_own_folder(tmp_path: Path) -> None:
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    mine = text.replace("id: ja-test-minimal", "id: ja-angry-broken-glass")
    (tmp_path / "ja-angry-broken-glass.yaml").write_text(mine, encoding="utf-8")
    (tmp_path / "sets").mkdir()
    (tmp_path / "sets" / "week.yaml").write_text(SET, encoding="utf-8")
    [problem] = [p for p in validate_paths([tmp_path / "sets" / "week.yaml"]) if p.is_error]
    # Before: "(did you mean 'ja-angry-broken-item'?)", a bundled scenario.
    assert problem.message == (
        "unknown scenario 'ja-angry-broken-glas' (did you mean 'ja-angry-broken-glass'?)"
    )
    assert (problem.line, problem.col) == (4, 13)
