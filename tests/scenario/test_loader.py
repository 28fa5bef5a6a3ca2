"""Loading good files into the model, and reporting every problem of broken ones."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from simulator.scenario.loader import (
    Problem,
    ScenarioError,
    load_scenario,
    load_scenario_text,
    load_set,
    validate_paths,
)
from simulator.scenario.model import DEFAULT_LEVELS, KeyPhrase, Level
from tests.scenario.conftest import BROKEN, BUNDLED, EXAMPLE, GOOD


def positions(problems: list[Problem]) -> list[tuple[int, int, str]]:
    return [(p.line, p.col, p.severity) for p in problems]


def test_example_loads_with_every_part() -> None:
    scenario = load_scenario(EXAMPLE)
    assert scenario.id == "en-example-wrong-colour"
    assert [t.id for t in scenario.turns] == ["open", "details", "offer", "worse"]
    assert set(scenario.endings) == {"thanks", "escalate", "hang-up"}
    assert scenario.endings["hang-up"].outcome == "hung_up"
    assert scenario.caller.cut_in is not None and scenario.caller.cut_in.after == 12
    details = scenario.turn("details")
    assert details.key_phrases == (KeyPhrase("order", ("58213", "five eight two one three")),)
    assert details.branches[0].when.said == ("order",)
    assert scenario.turn("open").otherwise is not None
    assert scenario.levels[3] == Level(worsen=1.4, soothe=0.7, patience=0.6, start_mood=10)
    digest = hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert scenario.source.digest == f"sha256:{digest}"
    assert scenario.source.path == EXAMPLE


def test_minimal_file_gets_the_model_defaults() -> None:
    scenario = load_scenario(GOOD / "minimal.yaml")
    assert scenario.difficulty == 2 and scenario.tags == ()
    assert scenario.mood.start == 70 and scenario.hold.patience == 30.0
    assert scenario.levels == dict(DEFAULT_LEVELS)
    assert scenario.caller.persona == "" and scenario.caller.cut_in is None
    assert scenario.turns[0].otherwise is not None and scenario.turns[0].otherwise.next == "done"


def test_key_phrases_as_a_plain_list_are_named_by_themselves() -> None:
    turn = load_scenario(GOOD / "key-phrase-list.yaml").turns[0]
    assert turn.key_phrases == (KeyPhrase("4471", ("4471",)), KeyPhrase("voucher", ("voucher",)))


def test_text_is_kept_exactly_as_written() -> None:
    text = (
        (GOOD / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace("最小のシナリオ", "ＡＢＣ１２３　ｶﾀｶﾅ")
    )
    assert load_scenario_text(text).title == "ＡＢＣ１２３　ｶﾀｶﾅ"


@pytest.mark.parametrize("path", sorted(BUNDLED.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_bundled_file_validates_without_errors(path: Path) -> None:
    assert [str(p) for p in validate_paths([path]) if p.is_error] == []


def test_all_shape_problems_are_reported_at_once() -> None:
    problems = validate_paths([BROKEN / "many-shape-errors.yaml"])
    assert positions(problems) == [
        (3, 5, "error"),  # id pattern
        (4, 8, "error"),  # empty title
        (5, 11, "error"),  # language
        (6, 13, "error"),  # difficulty range
        (8, 9, "error"),  # caller type
        (10, 3, "error"),  # unknown key
        (11, 17, "error"),  # voice rate
        (12, 1, "error"),  # missing situation
        (15, 10, "error"),  # say not a list
        (16, 24, "error"),  # unknown category
        (17, 35, "error"),  # mood type
        (19, 19, "error"),  # outcome
    ]
    messages = [p.message for p in problems]
    assert "caller.type: 'angri' is not allowed (did you mean 'angry'?)" in messages
    assert "caller.nmae: unknown key 'nmae' (did you mean 'name'?)" in messages
    assert "briefing: missing 'situation'" in messages


def test_names_and_graph_problems_are_reported_at_once() -> None:
    everything = validate_paths([BROKEN / "graph-errors.yaml"])
    problems = [p for p in everything if p.is_error]
    found = {(p.line, p.col): p.message for p in problems}
    assert found == {
        (14, 23): "said names 'ordr', which turn 'open' does not define (did you mean 'order'?)",
        (15, 15): "next 'detials' is neither a turn nor an ending",
        (19, 9): "from turn 'loop' no path leads to an ending",
        (22, 9): "from turn 'loop-b' no path leads to an ending",
        (25, 23): "said names 'order', which turn 'loop-b' does not define",
        (28, 9): "turn 'orphan' can never be reached from the first turn",
        (31, 9): "turn id 'open' used twice (first at line 9)",
    }
    warnings = {p.message.split(":")[0] for p in everything if not p.is_error}
    assert warnings == {
        "the file is named 'graph-errors.yaml' but the scenario id is 'en-test-graph-errors'",
        "no ending with outcome hung_up",
    }


def test_mood_thresholds_and_id_clashes() -> None:
    problems = [p for p in validate_paths([BROKEN / "mood-and-format.yaml"]) if p.is_error]
    assert [p.message for p in problems] == [
        "mood.start 100 means the caller hangs up at once",
        "mood.calm 60 is not below mood.hang_up 50",
        "'open' is both a turn and an ending",
    ]


def test_warnings_do_not_stop_loading() -> None:
    path = GOOD / "warnings-only.yaml"
    problems = validate_paths([path])
    assert problems and all(p.severity == "warning" for p in problems)
    assert len(problems) == 8
    assert load_scenario(path).id == "en-test-warnings"


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("future-format.yaml", "1:9: unsupported format version 'callcoach.scenario/3'"),
        ("no-format.yaml", "1:1: no 'format' key"),
        ("syntax-error.yaml", "3:22: YAML syntax error: mapping values are not allowed"),
        ("tab-indent.yaml", "3:1: YAML syntax error: a tab character"),
    ],
)
def test_file_level_problems(name: str, fragment: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN / name)
    assert fragment in str(caught.value)


def test_problem_line_format() -> None:
    error = Problem("a.yaml", 3, 7, "next 'x' is neither a turn nor an ending", "one of a, b")
    warning = Problem("a.yaml", 1, 1, "ending 'y' is never used", "a branch", "warning")
    assert str(error) == "a.yaml:3:7: next 'x' is neither a turn nor an ending — one of a, b"
    assert str(warning) == "a.yaml:1:1: warning: ending 'y' is never used — a branch"


def test_scenario_error_shows_the_first_problem_and_a_count() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(BROKEN / "many-shape-errors.yaml")
    assert len(caught.value.problems) == 12
    assert str(caught.value).endswith("(and 11 more)")
    assert str(caught.value).startswith(f"{BROKEN / 'many-shape-errors.yaml'}:3:5: id: ")


def test_load_set_and_kind_mismatch() -> None:
    scenario_set = load_set(GOOD / "set.yaml")
    assert scenario_set.scenarios == ("ja-test-minimal", "en-test-key-phrase-list")
    assert scenario_set.drill.attempts == 2 and scenario_set.drill.time_limit == 300
    assert scenario_set.pass_mark == 75
    with pytest.raises(ScenarioError, match="this is a set file — a scenario file"):
        load_scenario(GOOD / "set.yaml")
    with pytest.raises(ScenarioError, match="this is a scenario file — a set file"):
        load_set(EXAMPLE)


def test_set_shape_problems() -> None:
    problems = validate_paths([BROKEN / "set-errors.yaml"])
    messages = [p.message for p in problems]
    assert "scenarios[2]: 'ja-test-minimal' repeated" in messages
    assert "pass_mark: 120 is out of range" in messages
    assert "drill.attempts: 0 is out of range" in messages
    assert "drill.hints: got text" in messages


def test_folder_validation_checks_set_members_across_files() -> None:
    problems = validate_paths([GOOD])  # the set names two scenarios of the same folder
    assert [p for p in problems if p.is_error] == []
    alone = [p for p in validate_paths([GOOD / "set.yaml"]) if p.is_error]
    assert [p.message for p in alone] == [
        f"scenario 'ja-test-minimal' is in {GOOD}, a folder no command searches",
        f"scenario 'en-test-key-phrase-list' is in {GOOD}, a folder no command searches",
    ]


def test_set_member_typo_gets_a_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "set.yaml"
    text = (GOOD / "set.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("[ja-test-minimal, ", "[ja-angry-late-delivry, "), "utf-8")
    problems = [p for p in validate_paths([path]) if p.is_error]
    assert problems[0].message == (
        "unknown scenario 'ja-angry-late-delivry' (did you mean 'ja-angry-late-delivery'?)"
    )


def test_duplicate_scenario_ids_across_files(tmp_path: Path) -> None:
    shutil.copy(GOOD / "minimal.yaml", tmp_path / "a.yaml")
    shutil.copy(GOOD / "minimal.yaml", tmp_path / "b.yaml")
    problems = [p for p in validate_paths([tmp_path]) if p.is_error]
    assert len(problems) == 1
    assert problems[0].path == str(tmp_path / "b.yaml") and (problems[0].line, problems[0].col) == (
        3,
        5,
    )
    assert "also used by" in problems[0].message


def test_folder_skips_other_callcoach_files_but_explicit_files_are_checked() -> None:
    replay = GOOD / "replay-beside.yaml"
    assert all(p.path != str(replay) for p in validate_paths([GOOD]))
    assert "is not a scenario or a set" in validate_paths([replay])[0].message


def test_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    problems = validate_paths([tmp_path / "nope.yaml", tmp_path])
    assert [p.message for p in problems] == ["no .yaml files in this folder", "no such file"]


def test_problems_come_back_sorted_by_file_and_position() -> None:
    problems = validate_paths([BROKEN])
    keys = [(p.path, p.line, p.col) for p in problems]
    assert keys == sorted(keys)
    assert {Path(p.path).name for p in problems} >= {"graph-errors.yaml", "set-errors.yaml"}


def test_folded_japanese_line_break_is_a_warning_at_that_line() -> None:
    text = (
        (GOOD / "minimal.yaml")
        .read_text(encoding="utf-8")
        .replace(
            "briefing: {situation: 請求額が違うという問い合わせ。}",
            "briefing:\n  situation: >-\n    請求額が違うという問い合わせ。\n"
            "    お客様は先月の明細を\n    お持ちです。\n"
            "  goal: 小皿 各5枚のように一行内の空白は作者のもの。",
        )
    )
    path_free = [p for p in validate_text(text) if "line break" in p.message]
    assert [(p.line, p.col, p.message) for p in path_free] == [
        (11, 5, "this line break inside Japanese text becomes a space")
    ]
    assert load_scenario_text(text).briefing.situation.endswith("明細を お持ちです。")


def validate_text(text: str) -> list[Problem]:
    from simulator.scenario.loader import _load_bytes

    return _load_bytes(text.encode("utf-8"), "<string>", None).problems
