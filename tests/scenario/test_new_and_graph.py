"""`callcoach new` drafts that validate cleanly and can be won, and `callcoach graph`
as a terminal tree and as a self-contained HTML page (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.scenario.graph import graph_html, tree_text
from simulator.scenario.loader import load_scenario, load_scenario_text, validate_paths
from tests.library.bundled import model_answer_call
from tests.scenario.conftest import EXAMPLE

KINDS = [(lang, caller) for lang in ("ja", "en") for caller in ("angry", "logical", "unreasonable")]


@pytest.mark.parametrize(("lang", "caller"), KINDS)
def test_a_new_draft_validates_cleanly_and_its_model_answers_win(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str, caller: str
) -> None:
    scenario_id = f"{lang}-{caller}-late-gift"
    assert main(["new", scenario_id, "--out", str(tmp_path)]) == 0  # type from the id
    path = tmp_path / f"{scenario_id}.yaml"
    assert str(path) in capsys.readouterr().out
    assert validate_paths([path]) == []  # no error, no warning
    scenario = load_scenario(path)
    assert (scenario.language, scenario.caller.type) == (lang, caller)
    assert (scenario.caller.cut_in is not None) is (caller != "logical")
    text = path.read_text(encoding="utf-8")
    assert text.count("TODO") >= 4 and "#" in text  # commented, with blanks to fill
    for level in (1, 2, 3):
        assert model_answer_call(scenario, level=level).outcome == "resolved"


def test_flags_win_over_the_id_and_nothing_is_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.yaml"
    assert main(["new", "late-gift", "--lang", "en", "--caller", "logical",
                 "--out", str(target)]) == 0  # fmt: skip
    scenario = load_scenario(target)
    assert (scenario.id, scenario.language, scenario.caller.type) == ("late-gift", "en", "logical")
    before = target.read_bytes()
    assert main(["new", "late-gift", "--out", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == before
    assert main(["new", "Late Gift"]) == 2
    assert "is not a valid scenario id" in capsys.readouterr().err


def test_the_terminal_tree_shows_every_turn_and_ending() -> None:
    scenario = load_scenario(EXAMPLE)
    tree = tree_text(scenario)
    lines = tree.splitlines()
    assert lines[0] == "en-example-wrong-colour — Example: the sofa cover came in the wrong colour"
    assert lines[1].startswith('open  "I ordered a navy cover')
    for turn in scenario.turns[1:]:
        assert any(line.lstrip("│ ├└─").startswith(f"{turn.id}  ") for line in lines), turn.id
    for name, ending in scenario.endings.items():
        assert f"■ {name} ({ending.outcome})" in tree
    assert "[detected_any: apology, empathy; interrupted: false] mood -15 → details" in tree


def test_the_tree_marks_branches_never_taken(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "      - when: {mood_at_least: 90}",
        "      - when: {mood_at_least: 90, detected: [apology]}",
    )
    text = text.replace(
        "      - when: {detected_any: [apology, empathy], interrupted: false}",
        "      - when: {detected_any: [apology, empathy]}",
    )
    tree = tree_text(load_scenario_text(text))
    assert "→ ■ hang-up (hung_up)  (never taken: an earlier branch always catches it)" in tree


def test_the_html_page_is_self_contained_and_escapes_the_authors_text(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script>'
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('title: "Example: the sofa cover came in the wrong colour"',
                        f"title: '{hostile}'")  # fmt: skip
    text = text.replace(
        '"Fine. What are you going to do about it?"', "'<img src=x onerror=1> & co'"
    )
    page = graph_html(load_scenario_text(text))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=1&gt; &amp; co" in page
    assert "<svg" in page and page.count("<rect") == 7  # 4 turns + 3 endings
    assert re.findall(r"<[^>]*\b(?:src|href)\s*=", page) == []  # nothing loaded from anywhere
    assert set(re.findall(r"https?://[^\"' ]+", page)) == {"http://www.w3.org/2000/svg"}


def test_graph_command_writes_html_and_resolves_ids_and_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "g.html"
    assert main(["graph", "ja-angry-broken-item", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "届いた食器セットが割れていた" in page
    capsys.readouterr()
    assert main(["graph", str(EXAMPLE)]) == 0
    assert capsys.readouterr().out.startswith("en-example-wrong-colour — ")
    assert main(["graph", "no-such-scenario"]) == 1
    assert "unknown scenario 'no-such-scenario'" in capsys.readouterr().err


def test_the_graph_shows_what_the_caller_says_when_asked_to_wait() -> None:
    from dataclasses import replace

    from tests.library.bundled import load

    scenario = load("ja-angry-late-delivery")
    lines = tree_text(scenario).splitlines()
    check = next(i for i, line in enumerate(lines) if line.lstrip("│ ").startswith("check  「"))
    assert lines[check + 1].endswith("⏸ asked to wait: 「わかった。早くしてよ。」")
    assert "<i>⏸ asked to wait: 「わかった。早くしてよ。」</i>" in graph_html(scenario)
    first = replace(scenario.turns[0], waits=0)
    never = replace(scenario, turns=(first, *scenario.turns[1:]))
    assert tree_text(never).splitlines()[2].startswith("⏸ will not wait")
