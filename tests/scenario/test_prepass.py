"""The Japanese-aware pre-pass (issue 13): full-width colons, spaces and quotes are
reported at their exact line:column with what to type instead — not several lines
later as a generic YAML error — and the same characters inside text are left alone."""

from __future__ import annotations

import pytest

from simulator.scenario.loader import load_scenario_text
from simulator.scenario.problems import Problem, ScenarioError
from tests.scenario.conftest import EXAMPLE, GOOD

MINIMAL = (GOOD / "minimal.yaml").read_text(encoding="utf-8")


def problems_of(text: str) -> list[Problem]:
    from simulator.scenario.loader import _load_bytes

    return [p for p in _load_bytes(text.encode("utf-8"), "x.yaml", None).problems if p.is_error]


def only_problem(text: str) -> Problem:
    [problem] = problems_of(text)
    return problem


def with_briefing(block: str) -> str:
    return MINIMAL.replace("briefing: {situation: 請求額が違うという問い合わせ。}", block)


def test_a_full_width_colon_after_a_key_is_pointed_at() -> None:
    text = with_briefing("briefing:\n  situation: 請求額の件。\n  goal：明細を確認する。")
    problem = only_problem(text)
    assert (problem.line, problem.col) == (9, 7)
    assert problem.message == "a full-width colon '：' after 'goal'"
    assert problem.expected == "a half-width colon and a space: 'goal: '"


def test_a_full_width_colon_before_a_block_scalar() -> None:
    text = with_briefing("briefing:\n  situation：>-\n    請求額の件。")
    assert (only_problem(text).line, only_problem(text).col) == (8, 12)


def test_a_full_width_space_in_the_indentation() -> None:
    text = with_briefing("briefing:\n\u3000 situation: 請求額の件。")
    problem = only_problem(text)
    assert (problem.line, problem.col) == (8, 1)
    assert "full-width space (U+3000) in the indentation" in problem.message
    assert "half-width spaces" in problem.expected


@pytest.mark.parametrize(
    ("block", "where", "fragment"),
    [
        (
            "briefing:\n  situation:\u3000請求額の件。",
            (8, 13),
            "a full-width space after 'situation:'",
        ),
        ("briefing:\n  situation: a\n  history:\n  -\u3000一件目", (10, 4), "after '-'"),
    ],
)
def test_full_width_spaces_after_markers(block: str, where: tuple[int, int], fragment: str) -> None:
    problem = only_problem(with_briefing(block))
    assert (problem.line, problem.col) == where and fragment in problem.message


@pytest.mark.parametrize(
    ("line", "col", "straight"),
    [
        ("briefing: {situation: “請求額の件”}", 23, '"'),
        ("briefing:\n  situation: ＂請求額の件＂", 14, '"'),
        ("briefing:\n  situation: x\n  history: [‘一件目’, ‘二件目’]", 13, "'"),
        ("briefing:\n  situation: x\n  history:\n    - “一件目、二件目”", 7, '"'),
    ],
)
def test_curly_and_full_width_quotes_where_yaml_expects_a_quote(
    line: str, col: int, straight: str
) -> None:
    problem = only_problem(with_briefing(line))
    assert problem.col == col
    assert "where YAML expects a quote" in problem.message
    assert f"a straight half-width {straight}" in problem.expected


def test_a_double_quote_inside_quoted_text_gets_a_real_fix() -> None:
    text = with_briefing('briefing:\n  situation: x\n  contacts: ["電話で"割れた"と連絡"]')
    problem = only_problem(text)
    assert (problem.line, problem.col) == (9, 18)
    assert problem.message == 'this " ends the quoted text early'
    assert "quote the whole text with '…' instead" in problem.expected
    assert '\\"' in problem.expected and "valid YAML syntax" not in problem.expected


def test_a_single_quote_inside_single_quoted_text() -> None:
    problem = only_problem(with_briefing("briefing:\n  situation: 'It's broken'"))
    assert problem.message == "this ' ends the quoted text early"
    assert "''" in problem.expected


def test_a_list_line_with_a_colon_is_told_to_be_quoted() -> None:
    text = with_briefing("briefing:\n  situation: x\n  contacts:\n    - 注意: 明日は手配できない。")
    problem = only_problem(text)
    assert problem.message.startswith("briefing.contacts[0]: got a mapping — the ': ' in")
    assert problem.expected == "put the line in quotes: '注意: 明日は手配できない。'"


@pytest.mark.parametrize(
    "block",
    [
        # The same characters as text, where they are the author's words.
        "briefing:\n  situation: 注意：明細は“先月分”です。\n  history:\n    - NG：たぶん",
        'briefing:\n  situation: 届いた"食器セット"が割れていた',
        "briefing:\n  situation: >-\n    goal：は本文。\n    \u3000字下げも本文。“引用”も。",
        "briefing:\n  situation: |\n    - 注意：\n    　 history: 本文",
        'briefing:\n  situation: "お客様は\n    “至急”と言った"',
        "briefing:\n  situation: 'It''s \"fine\"'",
        'briefing: {situation: "a \\"quoted\\" word", history: ["x", \'y\']}',
    ],
)
def test_text_that_merely_contains_the_characters_loads(block: str) -> None:
    assert load_scenario_text(with_briefing(block)).id == "ja-test-minimal"


def test_the_error_names_the_slip_not_a_later_line() -> None:
    """Without the pre-pass YAML blamed a later line with 'could not find expected ':''."""
    text = with_briefing("briefing：\n  situation: 請求額の件。")
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, "x.yaml")
    assert str(caught.value).startswith("x.yaml:7:9: a full-width colon '：' after 'briefing'")


def test_the_bundled_example_passes_the_pre_pass() -> None:
    from simulator.scenario.prepass import prepass_problems

    assert prepass_problems(EXAMPLE.read_text(encoding="utf-8"), "example") == []


def test_a_quote_left_open_is_pointed_at_where_it_opens() -> None:
    problem = only_problem(with_briefing('briefing:\n  situation: "請求額の件。\n  goal: x'))
    assert (problem.line, problem.col) == (8, 14)
    assert problem.message == ('the " here is not closed on its line; the text runs on to line 12')


def test_a_yaml_error_on_a_line_with_quotes_gets_the_quoting_hint() -> None:
    problem = only_problem(with_briefing('briefing: {situation: "請求額の件。" "x"}'))
    assert problem.message.startswith("YAML syntax error")
    assert "text with \" inside goes in '…'" in problem.expected
