"""The guide's per-turn ``avoid_phrases``: key phrases that only appear in branches that
make the caller angrier, with their alternatives, for the scorer."""

from __future__ import annotations

from dataclasses import replace

from simulator.engine.session_header import avoid_phrases, scenario_guide
from simulator.scenario.model import Branch, Condition, KeyPhrase, Turn
from tests.engine.fakes import sample_scenario


def _turn(*branches: Branch, otherwise: Branch | None = None) -> Turn:
    return Turn(
        id="finding",
        say=("So what happened?",),
        key_phrases=(
            KeyPhrase("pending", ("pending hold", "authorisation")),
            KeyPhrase("refund", ("refund",)),
            KeyPhrase("policy", ("our policy",)),
            KeyPhrase("sorry", ("sorry",)),
        ),
        branches=branches,
        otherwise=otherwise,
    )


def test_a_phrase_only_in_worsening_branches_is_to_avoid() -> None:
    turn = _turn(
        Branch(Condition(said=("pending",)), next="angrier", mood=20),
        Branch(Condition(said_any=("policy", "pending")), next="angrier", mood=10),
        Branch(Condition(said=("refund",)), next="thanks", mood=-20),
        otherwise=Branch(Condition(), next="angrier", mood=5),
    )
    assert avoid_phrases(turn) == {
        "pending": ["pending hold", "authorisation"],
        "policy": ["our policy"],
    }


def test_a_phrase_also_in_a_calming_or_neutral_branch_is_not_to_avoid() -> None:
    turn = _turn(
        Branch(Condition(said=("refund",)), next="angrier", mood=10),
        Branch(Condition(said=("refund",), detected=("apology",)), next="thanks", mood=0),
        Branch(Condition(said=("policy",)), next="angrier", mood=10),
        otherwise=Branch(Condition(said_any=("policy",)), next="thanks", mood=-5),
    )
    assert avoid_phrases(turn) == {}


def test_a_phrase_whose_absence_makes_things_worse_is_not_to_avoid() -> None:
    turn = _turn(
        Branch(Condition(said=("sorry",)), next="angrier", mood=10),
        Branch(Condition(not_said=("sorry",)), next="angrier", mood=15),
    )
    assert avoid_phrases(turn) == {}


def test_an_undefined_name_is_left_out() -> None:
    turn = _turn(Branch(Condition(said=("nothing_like_it",)), next="angrier", mood=10))
    assert avoid_phrases(turn) == {}


def test_the_guide_lists_avoid_phrases_per_turn() -> None:
    scenario = sample_scenario()
    worse = _turn(Branch(Condition(said=("pending",)), next="escalate", mood=10))
    scenario = replace(scenario, turns=(*scenario.turns, worse))
    turns = scenario_guide(scenario)["turns"]
    assert turns["finding"]["avoid_phrases"] == {"pending": ["pending hold", "authorisation"]}
    assert turns["order"]["avoid_phrases"] == {}  # "order" is said in a calming branch
    assert turns["order"]["key_phrases"] == {"order": ["4711"]}
