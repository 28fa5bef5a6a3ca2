"""A tiny scenario and a substring detector for engine unit tests (not product code:
the product uses scoring.detect)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from simulator.scenario.model import (
    Branch,
    Briefing,
    Caller,
    Condition,
    CutIn,
    Ending,
    HoldRules,
    KeyPhrase,
    MoodSpec,
    Scenario,
    SilenceRule,
    Turn,
)

WORDS = {
    "sorry": "apology",
    "understand": "empathy",
    "calm down": "ng_phrase",
    "guarantee": "over_promise",
    "confirm": "confirmation",
    "please hold": "hold",
    "thanks for holding": "hold",
}


@dataclass(frozen=True)
class FakeDetection:
    categories: frozenset[str]
    key_phrases: frozenset[str]
    asks_to_wait: bool = False


def substring_detector(words: Mapping[str, str]) -> Callable[..., FakeDetection]:
    """A detector that finds ``words`` (word → category) as case-folded substrings."""

    def detect(
        text: str,
        language: str,
        *,
        key_phrases: Mapping[str, Sequence[str]] = {},
        forbidden_promises: Sequence[str] = (),
        allowed_offers: Sequence[str] = (),
    ) -> FakeDetection:
        folded = text.casefold()
        categories = {cat for word, cat in words.items() if word.casefold() in folded}
        if any(p.casefold() in folded for p in forbidden_promises):
            categories.add("over_promise")
        found = {n for n, alts in key_phrases.items() if any(a.casefold() in folded for a in alts)}
        waits = "hold" in categories and "thanks" not in folded  # scoring.waiting's rule, roughly
        return FakeDetection(frozenset(categories), frozenset(found), waits)

    return detect


fake_detect = substring_detector(WORDS)


def sample_scenario(**changes: object) -> Scenario:
    turns = (
        Turn(
            id="open",
            say=("Where is my parcel?", "My parcel never came!"),
            expects=("apology",),
            branches=(
                Branch(Condition(detected=("ng_phrase",)), next="angrier", mood=30),
                Branch(
                    Condition(interrupted=True), next="angrier", mood=15, say=("Let me finish!",)
                ),
                Branch(Condition(detected_any=("apology", "empathy")), next="order", mood=-20),
            ),
            otherwise=Branch(Condition(), next="order", mood=5),
        ),
        Turn(
            id="order",
            say=("It's order 4711.",),
            key_phrases=(KeyPhrase("order", ("4711",)),),
            branches=(
                Branch(Condition(detected=("over_promise",)), next="escalate", mood=10),
                Branch(
                    Condition(said=("order",), detected=("confirmation",)), next="thanks", mood=-30
                ),
            ),
            otherwise=Branch(Condition(), next="escalate", mood=10),
        ),
        Turn(
            id="angrier",
            say=("Are you even listening?",),
            branches=(Branch(Condition(detected=("apology",)), next="order", mood=-10),),
            otherwise=Branch(Condition(), next="hang-up", mood=20),
        ),
    )
    base = {
        "id": "en-test-parcel",
        "title": "Test parcel",
        "language": "en",
        "caller": Caller(
            type="angry",
            name="Pat",
            cut_in=CutIn(after=8.0, say=("Stop. Just tell me.",), mood=5),
            silence=SilenceRule(after=5.0, say=("Hello?",), mood=10),
        ),
        "briefing": Briefing(situation="A parcel is late."),
        "turns": turns,
        "endings": {
            "thanks": Ending("thanks", "resolved", ("Thanks.",)),
            "escalate": Ending("escalate", "escalated", ("Get me your manager.",)),
            "hang-up": Ending("hang-up", "hung_up", ("Forget it.",)),
        },
        "mood": MoodSpec(start=70, hang_up=100, calm=30),
        "hold": HoldRules(patience=30.0, too_long_mood=15, too_long_say=("Finally!",)),
    }
    base.update(changes)
    return Scenario(**base)  # type: ignore[arg-type]
