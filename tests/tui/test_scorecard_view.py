"""The result screen shows a real text-mode score card honestly: metrics that were not
measured (null) read 未計測 / "not measured", never 0; a failed gate reads as a fail.
(UI test kept with the scoring tests because it checks how scoring's nulls are shown.)"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from scoring import score_session
from simulator.i18n import current_language, set_language
from simulator.tui.widgets.scorecard_view import result_renderable
from tests.scoring.helpers import record, utt
from tests.tui.fakes import late_parcel


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


def _text_mode_card(outcome: str = "resolved") -> tuple[dict[str, Any], dict[str, Any]]:
    session = record(
        [
            utt("customer", 0.0, 3.0, "荷物が届かないんです。"),
            utt("trainee", 5.0, 9.0, "大変申し訳ございません。お調べいたします。"),
        ],
        language="ja",
        mode="text",
        outcome=outcome,
    )
    return session, score_session(session)


def _render(session: dict[str, Any], card: dict[str, Any]) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(result_renderable(late_parcel(), session, card))
    return console.export_text()


def test_text_mode_card_has_null_metrics() -> None:
    _, card = _text_mode_card()
    assert card["metrics"]["silences"] is None and card["metrics"]["talk_ratio"] is None


@pytest.mark.usefixtures("language")
def test_null_metrics_read_not_measured_in_japanese() -> None:
    set_language("ja")
    shown = _render(*_text_mode_card())
    assert "沈黙 未計測" in shown and "発話の割合 未計測" in shown
    assert "沈黙 0" not in shown
    assert "割り込み 0 回" in shown  # measured in text mode (typing over the caller)


@pytest.mark.usefixtures("language")
def test_null_metrics_read_not_measured_in_english() -> None:
    set_language("en")
    shown = _render(*_text_mode_card())
    assert "silences not measured" in shown and "you talked not measured" in shown


@pytest.mark.usefixtures("language")
def test_measured_metrics_keep_their_counts() -> None:
    set_language("ja")
    card: dict[str, Any] = {
        "total": 80,
        "passed": True,
        "dimensions": {},
        "metrics": {"interruptions": [{}], "silences": [{}, {}], "talk_ratio": 0.41},
    }
    shown = _render({"outcome": "resolved", "utterances": []}, card)
    assert "割り込み 1 回 · 沈黙 2 回 · 発話の割合 41%" in shown


@pytest.mark.usefixtures("language")
def test_a_card_without_a_total_does_not_show_none() -> None:
    set_language("en")
    card: dict[str, Any] = {"total": None, "passed": False, "dimensions": {}, "metrics": {}}
    shown = _render({"outcome": None, "utterances": []}, card)
    assert "None" not in shown and "Score not measured / 100" in shown


@pytest.mark.usefixtures("language")
def test_a_hung_up_call_shows_not_passed_and_why() -> None:
    set_language("ja")
    session, card = _text_mode_card("hung_up")
    shown = _render(session, card)
    assert "不合格" in shown and "お客様が途中で電話を切られました" in shown


@pytest.mark.usefixtures("language")
@pytest.mark.parametrize(("language", "second"), [("ja", "ターン2"), ("en", "Turn 2")])
def test_feedback_and_model_answers_name_turns_by_number_not_id(language: str, second: str) -> None:
    """Turn ids (open, order …) are the scenario author's; the trainee sees the n-th
    thing the caller raised, counted as the call went."""
    set_language(language)
    session = record(
        [
            utt("customer", 0.0, 3.0, "荷物が届かないんです。", turn="open"),
            utt("trainee", 4.0, 6.0, "申し訳ございません。", turn="open"),
            utt("customer", 7.0, 9.0, "注文番号は A-1234 です。", turn="order"),
            utt("trainee", 10.0, 12.0, "はい。", turn="order"),
        ],
        language="ja",
        outcome="resolved",
    )
    card: dict[str, Any] = {
        "total": 60,
        "passed": False,
        "dimensions": {},
        "metrics": {},
        "feedback": [
            {"turn": "open", "utterance": 1, "severity": "good", "message": "早いお詫び"},
            {"turn": "order", "utterance": 3, "severity": "warn", "message": "復唱がない"},
            {"turn": None, "utterance": None, "severity": "error", "message": "合格点に届かない"},
        ],
    }
    shown = _render(session, card)
    rows = {line.split()[-1]: line for line in shown.splitlines() if line.strip()}
    assert second in rows["復唱がない"] and "ターン1" not in rows["合格点に届かない"]
    assert "order" not in shown.replace("A-1234", "") and " open " not in f" {shown} "
    answers = shown[shown.index("模範応答" if language == "ja" else "Model answers") :]
    assert second in answers  # the order turn's model answer, numbered the same way


def test_model_answers_quote_the_variant_said_and_its_own_answer() -> None:
    from dataclasses import replace

    scenario = late_parcel()
    order = replace(
        scenario.turns[1],
        say=("注文番号はA-1234です。", "番号？えっと…A-1234。"),
        model_answers=("A-1234でお間違いないでしょうか。", "お調べいただきありがとうございます。"),
    )
    scenario = replace(scenario, turns=(scenario.turns[0], order, *scenario.turns[2:]))
    session = record(
        [
            utt("customer", 0.0, 3.0, "番号？えっと…A-1234。", turn="order"),
            utt("trainee", 4.0, 6.0, "はい。", turn="order"),
        ],
        language="ja",
        outcome="resolved",
    )
    console = Console(width=200, record=True, color_system=None)
    console.print(result_renderable(scenario, session, None))
    shown = console.export_text()
    assert "番号？えっと…A-1234。" in shown and "お調べいただきありがとうございます。" in shown
    assert "注文番号はA-1234です。" not in shown and "お間違いないでしょうか" not in shown
