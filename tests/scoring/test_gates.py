"""Gates: a hung-up, dropped or unfinished call fails whatever its total; over-promising
is a critical error that costs resolution and politeness (and fails strict presets)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from scoring import PRESETS, RubricError, score_session
from scoring.rubric import preset
from tests.scoring.test_rubric import GOOD_CALL


def _with(outcome: str | None = "resolved", **changes: Any) -> dict[str, Any]:
    session = copy.deepcopy(GOOD_CALL)
    session["outcome"] = outcome
    session.update(changes)
    return session


def _item(card: dict[str, Any], dimension: str, check: str) -> dict[str, Any]:
    items = card["dimensions"][dimension]["items"]
    return next(item for item in items if item["check"] == check)


def _promise_call(language: str = "ja") -> dict[str, Any]:
    session = _with()
    session["utterances"][7]["text"] = "絶対に明日お届けします。全額返金いたします。"
    return session


def test_the_good_call_passes_when_resolved() -> None:
    card = score_session(_with("resolved"))
    assert card["passed"] and card["gates"] == []
    assert card["total"] >= 80


@pytest.mark.parametrize("outcome", ["hung_up", "abandoned"])
def test_a_hung_up_or_abandoned_call_fails_but_keeps_its_total(outcome: str) -> None:
    resolved = score_session(_with("resolved"))
    card = score_session(_with(outcome))
    assert card["total"] >= card["pass_mark"]  # the score is what was earned …
    assert card["total"] <= resolved["total"]  # only the outcome item differs
    assert not card["passed"]  # … but the verdict is fail
    assert card["gates"] == [{"gate": "outcome", "value": outcome, "utterance": 9}]
    first = card["feedback"][0]
    assert first["severity"] == "error" and first["gate"] == "outcome"
    assert first["utterance"] == 9 and first["turn"] == "offer"
    assert "不合格" in first["message"] and str(card["total"]) in first["message"]


def test_gate_feedback_is_in_the_session_language() -> None:
    session = _with("hung_up", language="en")
    for utterance in session["utterances"]:
        utterance["text"] = (
            "I'm so sorry, I understand." if utterance["speaker"] == "trainee" else "Hm."
        )
    card = score_session(session)
    assert card["feedback"][0]["message"].startswith("The caller hung up.")


def test_a_japanese_forbidden_promise_in_an_english_session_is_ignored() -> None:
    session = _with(language="en")
    session["utterances"][7]["text"] = "We will give you a full refund."
    card = score_session(session)  # the guide forbids 全額返金: nothing to match in English
    assert card["total"] is not None


def test_an_escalated_call_may_pass() -> None:
    card = score_session(_with("escalated"))
    assert card["passed"] and card["gates"] == []


def test_a_call_without_an_outcome_cannot_pass() -> None:
    card = score_session(_with(None))
    assert card["total"] is not None and card["total"] >= card["pass_mark"]
    assert not card["passed"]
    assert card["gates"][0]["gate"] == "incomplete"
    assert "合格にはなりません" in card["feedback"][0]["message"]


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_fails_hang_ups_and_dropped_calls(name: str) -> None:
    assert set(preset(name).gates.fail_outcomes) == {"hung_up", "abandoned"}


def test_over_promising_is_a_critical_error_in_resolution_and_politeness() -> None:
    card = score_session(_promise_call(), rubric="angry")
    promise = _item(card, "resolution", "no_over_promise")
    assert promise["earned"] == 0
    assert promise["evidence"][0]["utterance"] == 7
    ng = _item(card, "politeness", "no_ng_phrases")
    assert ng["earned"] == ng["points"] / 2  # one offending utterance costs half
    assert any(e["note"].startswith("over_promise:") for e in ng["evidence"])
    assert card["dimensions"]["politeness"]["score"] < 80


def test_ng_phrases_cost_politeness_clearly() -> None:
    session = _with()
    session["utterances"][3]["text"] = "でも、それは規則ですので。"
    session["utterances"][7]["text"] = "ですから、できません。"
    card = score_session(session, rubric="angry")
    assert _item(card, "politeness", "no_ng_phrases")["earned"] == 0


@pytest.mark.parametrize("name", ["angry", "logical", "unreasonable", "jp-contest"])
def test_every_preset_fails_over_promising(name: str) -> None:
    """Issue 10: an over-promise fails angry and logical calls too, not only the strict
    presets (「全額すぐに返金します。必ずお約束いたします。」 used to pass at 80)."""
    card = score_session(_promise_call(), rubric=name)
    assert "over_promise" in [g["gate"] for g in card["gates"]]
    assert not card["passed"]
    assert "重大なミス" in card["feedback"][0]["message"]


def test_jp_contest_fails_over_promising() -> None:
    card = score_session(_promise_call(), rubric="jp-contest")
    gate = next(g for g in card["gates"] if g["gate"] == "over_promise")
    assert gate["utterance"] == 7 and "絶対に" in gate["value"]
    assert not card["passed"]


def test_gates_are_overridable_in_a_rubric_file(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text("extends: angry\ngates: {fail_on: []}\n", "utf-8")
    rubric = preset("angry")
    card = score_session(_promise_call(), rubric=str(path))
    assert card["gates"] == []  # a team may choose to coach over-promises, not fail them
    assert rubric.gates.fail_on == ("over_promise",)  # the preset itself is untouched


def test_a_rubric_may_let_hang_ups_pass() -> None:
    data = {"extends": "angry", "gates": {"fail_outcomes": []}}
    card = score_session(_with("hung_up"), rubric=data)
    assert card["passed"] and card["gates"] == []


def test_the_scenario_guide_can_add_gates() -> None:
    session = _promise_call()
    session["guide"]["gates"] = {"fail_on": ["over_promise"]}
    card = score_session(session)
    assert not card["passed"]


@pytest.mark.parametrize(
    ("gates", "message"),
    [
        ({"fail_outcomes": ["hungup"]}, "gates.fail_outcomes: unknown 'hungup'"),
        ({"fail_on": "over_promise"}, "gates.fail_on: expected a list"),
        ({"fail_when": []}, "gates: unknown key 'fail_when'"),
        ([], "gates: expected a mapping"),
    ],
)
def test_bad_gates_are_one_line_errors(gates: Any, message: str) -> None:
    with pytest.raises(RubricError, match=message) as caught:
        score_session(_with(), rubric={"extends": "angry", "gates": gates})
    assert "\n" not in str(caught.value)


def test_a_few_fillers_a_minute_cost_points_and_each_is_cited() -> None:
    """Issue 10: えーと/あの at a handful a minute used to earn full marks with
    "no_filler" evidence and never cite the utterances that had them."""
    clean = _item(score_session(_with()), "politeness", "fillers")
    session = _with()
    trainee = [i for i, u in enumerate(session["utterances"]) if u["speaker"] == "trainee"]
    for index in trainee[:2]:
        session["utterances"][index]["text"] = (
            "えーと、あの、" + session["utterances"][index]["text"]
        )
    card = score_session(session)
    item = _item(card, "politeness", "fillers")
    assert card["metrics"]["fillers_per_min"] < 10  # under the old "too many" line
    assert item["earned"] < clean["earned"] == item["points"]
    cited = {e["utterance"] for e in item["evidence"] if e["effect"] == "-"}
    assert cited == set(trainee[:2])
    assert not [e for e in item["evidence"] if e["effect"] == "+"]


def test_an_early_apology_is_praised_as_an_apology_not_as_empathy() -> None:
    """Issue 10: 「最初の応答で共感・お詫びを伝えられています」 praised the same reply
    the card faulted for missing empathy. Early empathy accepts an apology (DESIGN §7);
    the praise now says which it was."""
    session = _with()
    for utterance in session["utterances"]:
        if utterance["speaker"] == "trainee" and utterance["turn"] == "open":
            utterance["text"] = "大変申し訳ございません。"
    card = score_session(session)
    opening = [f for f in card["feedback"] if f["turn"] == "open"]
    praise = [f["message"] for f in opening if f["severity"] == "good"]
    faults = [f["message"] for f in opening if f["severity"] != "good"]
    assert any("お詫びを伝えられています" in m for m in praise)
    assert not any("共感" in m for m in praise)
    assert any("共感" in m for m in faults)


def test_every_phrase_point_says_how_it_was_recognised() -> None:
    card = score_session(_with())
    evidence = [e for d in card["dimensions"].values() for i in d["items"] for e in i["evidence"]]
    by_note = {e["note"]: e.get("matched", "") for e in evidence}
    assert by_note["apology"] == "lexicon 「申し訳ございません」"
    assert by_note["expected:empathy"].startswith("lexicon 「お気持ち")
    assert by_note["key:order"] == "key phrase 「58213」"
    assert "matched" not in next(e for e in evidence if e["note"] == "no_silence")


def test_a_retracted_over_promise_costs_points_but_does_not_fail_the_call() -> None:
    """Issue 10: an *unretracted* over-promise fails the call; taking it back in a later
    reply (as the kasuhara scenario's gave-in turn teaches) lifts the gate."""
    session = _promise_call()
    trainee = [i for i, u in enumerate(session["utterances"]) if u["speaker"] == "trainee"]
    assert trainee[-1] > 7
    session["utterances"][trainee[-1]]["text"] = (
        "先ほどは誤ったことを申し上げ、申し訳ございません。お約束はいたしかねます。"
    )
    card = score_session(session, rubric="angry")
    assert "over_promise" not in [g["gate"] for g in card["gates"]]
    unretracted = score_session(_promise_call(), rubric="angry")
    assert "over_promise" in [g["gate"] for g in unretracted["gates"]]
