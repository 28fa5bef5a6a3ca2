"""Format callcoach.scenario/2 (issue 13): /1 files load unchanged; /2 adds {trainee} and
{company} placeholders, optional key phrases, scenario avoid phrases and
expected_outcome — and every mistake in them is one `file:line:col` error."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.scenario.loader import load_scenario, load_scenario_text
from simulator.scenario.model import FORMAT_V1, FORMAT_V2
from simulator.scenario.problems import ScenarioError
from simulator.scenario.version2 import fill, personalise

V2 = """\
format: callcoach.scenario/2
id: ja-test-v2
title: 二版のシナリオ
language: ja
company: 青葉商事
expected_outcome: escalated
avoid:
  - {phrase: たぶん, cost: 30, note: 「確認いたします」と言い切りましょう。}
  - alternatives: [担当部署におつなぎします, 別の部署へ回します]
caller: {type: logical, name: 田中 一郎}
briefing: {situation: 請求額が違うという問い合わせ。}
turns:
  - id: open
    say: ["{company}さん？{trainee}さんね。{{念のため}}"]
    key_phrases:
      order: ["A-100"]
      name: {alternatives: ["{trainee}と申します"], optional: true}
    model_answer: "{company}の{trainee}と申します。ご注文番号A-100ですね。"
    otherwise: {next: handover}
endings:
  handover: {outcome: escalated, say: ["では上の方に。{trainee}さん、ありがとう。"]}
  done: {outcome: resolved}
"""


def test_a_version_1_file_loads_unchanged_with_the_v2_defaults() -> None:
    path = Path(__file__).parents[1] / "data" / "scenarios" / "good" / "minimal.yaml"
    scenario = load_scenario(path)
    assert scenario.format == FORMAT_V1
    assert (scenario.company, scenario.avoid, scenario.expected_outcome) == (None, (), "resolved")
    assert personalise(scenario, "鈴木") is scenario


def as_version_1(text: str) -> str:
    """V2 without the v2 fields: what a /1 file with the same lines looks like."""
    text = text.replace("callcoach.scenario/2", "callcoach.scenario/1")
    head, rest = text.split("caller:", 1)
    head = head.split("company:")[0]
    rest = rest.replace('{alternatives: ["{trainee}と申します"], optional: true}', '["私"]')
    return head + "caller:" + rest


def test_braces_in_a_version_1_file_stay_text() -> None:
    scenario = load_scenario_text(as_version_1(V2))
    assert scenario.turns[0].say == ("{company}さん？{trainee}さんね。{{念のため}}",)
    assert personalise(scenario, "鈴木").turns[0].say == scenario.turns[0].say


def test_the_new_fields_load() -> None:
    scenario = load_scenario_text(V2)
    assert scenario.format == FORMAT_V2
    assert scenario.company == "青葉商事"
    assert scenario.expected_outcome == "escalated"
    first, second = scenario.avoid
    assert (first.alternatives, first.cost, first.note) == (
        ("たぶん",),
        30,
        "「確認いたします」と言い切りましょう。",
    )
    assert (second.alternatives[1], second.cost, second.note) == ("別の部署へ回します", 50, "")
    order, name = scenario.turns[0].key_phrases
    assert (order.optional, name.optional, name.alternatives) == (
        False,
        True,
        ("{trainee}と申します",),
    )


def test_a_call_fills_the_trainee_and_the_company() -> None:
    filled = personalise(load_scenario_text(V2), "鈴木")
    turn = filled.turns[0]
    assert turn.say == ("青葉商事さん？鈴木さんね。{念のため}",)
    assert turn.model_answer == "青葉商事の鈴木と申します。ご注文番号A-100ですね。"
    assert turn.key_phrases[1].alternatives == ("鈴木と申します",)
    assert filled.endings["handover"].say == ("では上の方に。鈴木さん、ありがとう。",)


def test_without_a_name_the_library_operator_name_is_used() -> None:
    assert (
        personalise(load_scenario_text(V2), None)
        .turns[0]
        .say[0]
        .startswith("青葉商事さん？佐藤さん")
    )
    assert (
        personalise(load_scenario_text(V2), "  ")
        .turns[0]
        .say[0]
        .startswith("青葉商事さん？佐藤さん")
    )


def test_fill_keeps_unknown_tokens_and_writes_literal_braces() -> None:
    assert fill("{{a}} {trainee} }}", {"trainee": "Kim"}) == "{a} Kim }"


def errors_of(text: str) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "mine.yaml")
    return "\n".join(str(problem) for problem in caught.value.problems)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{trainee}さんね。",
            "{trainer}さんね。",
            "mine.yaml:14:11: unknown placeholder {trainer}",
        ),
        ("{trainer}", "{trainer}", "did you mean 'trainee'?"),
        ("{{念のため}}", "{念のため", "mine.yaml:14:11: a lone '{'"),
        ("company: 青葉商事\n", "", "mine.yaml:13:11: {company} is used but the scenario has no"),
        (
            "{trainee}と申します。",
            "{name}と申します。",
            "mine.yaml:18:19: unknown placeholder {name}",
        ),
        ("では上の方に", "{who}", "mine.yaml:21:40: unknown placeholder {who}"),
    ],
)
def test_placeholder_mistakes_are_errors_at_their_line(old: str, new: str, expected: str) -> None:
    if old == "{trainer}":
        old, new = "{trainee}さんね。", "{trainer}さんね。"
    message = errors_of(V2.replace(old, new, 1))
    assert expected in message
    assert "expected {trainee} or {company}" in message or "— {trainee} or {company}" in message


def test_new_fields_in_a_version_1_file_point_at_the_format() -> None:
    message = errors_of(V2.replace("callcoach.scenario/2", "callcoach.scenario/1"))
    assert "mine.yaml:5:1: 'company' is new in callcoach.scenario/2" in message
    assert "mine.yaml:6:1: 'expected_outcome' is new" in message
    assert "mine.yaml:7:1: 'avoid' is new" in message
    assert "key phrase 'name': options are new in callcoach.scenario/2" in message


def test_an_expected_outcome_no_ending_has_is_an_error() -> None:
    text = V2.replace("handover: {outcome: escalated", "handover: {outcome: hung_up")
    message = errors_of(text)
    assert "mine.yaml:6:19: expected_outcome 'escalated': no ending has outcome" in message


def test_an_avoid_entry_needs_a_phrase() -> None:
    message = errors_of(V2.replace("{phrase: たぶん, cost: 30,", "{cost: 30,"))
    assert "mine.yaml:8:5: avoid[0]: give 'phrase' or 'alternatives'" in message
    assert "cost" in errors_of(V2.replace("cost: 30", "cost: 0"))


def test_validate_prints_the_placeholder_error_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ja-test-v2.yaml"
    path.write_text(V2.replace("{trainee}さんね", "{traine}さんね"), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr()
    assert (
        f"{path}:14:11: unknown placeholder {{traine}} (did you mean 'trainee'?)"
        in out.err + out.out
    )
    path.write_text(V2, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
