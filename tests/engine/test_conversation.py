"""Branching, mood and levels of the pure conversation state machine."""

from __future__ import annotations

from simulator.engine.conversation import MAX_SILENT_REPLIES, Conversation, Reply
from tests.engine.fakes import fake_detect, sample_scenario


def conversation(level: int = 2, seed: int = 1) -> Conversation:
    return Conversation(sample_scenario(), fake_detect, level=level, seed=seed)


def test_apology_calms_and_moves_on() -> None:
    call = conversation()
    call.opening()
    step = call.respond(Reply("I'm so sorry about that."))
    assert (step.mood_before, step.mood_after) == (70, 50)
    assert call.turn.id == "order"
    assert [line.text for line in step.lines] == ["It's order 4711."]


def test_ng_phrase_makes_it_worse() -> None:
    call = conversation()
    step = call.respond(Reply("Please calm down."))
    assert step.mood_after == 100
    assert step.ended == "hung_up"
    assert step.lines[-1].text == "Forget it."


def test_interrupting_triggers_the_reaction_line_first() -> None:
    call = conversation()
    step = call.respond(Reply("Well, the thing is", interrupted=True))
    assert [line.text for line in step.lines] == ["Let me finish!", "Are you even listening?"]
    assert call.turn.id == "angrier"


def test_key_phrase_and_confirmation_resolve_the_call() -> None:
    call = conversation()
    call.respond(Reply("I'm sorry."))
    step = call.respond(Reply("Let me confirm: order 4711."))
    assert step.ended == "resolved"
    assert call.ended == "resolved"


def test_missing_key_phrase_takes_the_fallback() -> None:
    call = conversation()
    call.respond(Reply("I'm sorry."))
    step = call.respond(Reply("Let me confirm your order."))
    assert step.ended == "escalated"


def test_over_promise_is_detected_from_policy() -> None:
    scenario = sample_scenario()
    call = Conversation(scenario, fake_detect, level=2)
    call.respond(Reply("sorry"))
    step = call.respond(Reply("I guarantee it arrives today"))
    assert "over_promise" in step.categories
    assert step.ended == "escalated"


def test_levels_scale_mood_changes() -> None:
    easy, hard = conversation(level=1), conversation(level=3)
    assert (easy.mood, hard.mood) == (60, 80)
    easy_step = easy.respond(Reply("sorry"))
    hard_step = hard.respond(Reply("sorry"))
    assert easy_step.mood_before - easy_step.mood_after == 26  # -20 × 1.3
    assert hard_step.mood_before - hard_step.mood_after == 14  # -20 × 0.7
    assert easy.cut_in_after() == 12.0 and hard.cut_in_after() == 8.0 * 0.6


def test_seed_fixes_line_variants() -> None:
    openings = {
        Conversation(sample_scenario(), fake_detect, seed=s).opening().text for s in range(20)
    }
    assert openings == {"Where is my parcel?", "My parcel never came!"}
    first = [Conversation(sample_scenario(), fake_detect, seed=7).opening().text for _ in range(5)]
    assert len(set(first)) == 1


def test_silence_raises_mood_then_the_caller_hangs_up() -> None:
    call = conversation()
    moods = []
    for _ in range(MAX_SILENT_REPLIES):
        step = call.respond(Reply(silent=True))
        moods.append(step.mood_after)
        if step.ended:
            break
    assert moods[:2] == [80, 90]
    assert call.ended == "hung_up"


def test_cut_in_applies_its_mood_change() -> None:
    call = conversation()
    cut = call.cut_in()
    assert cut is not None
    line, change = cut
    assert line.cut_in and line.text == "Stop. Just tell me." and change == 5
    assert call.mood == 75


def test_hold_too_long_upsets_the_caller() -> None:
    call = conversation()
    step = call.held_too_long()
    assert step.mood_after == 85
    assert [line.text for line in step.lines] == ["Finally!"]
