"""Small scenarios built directly from the model dataclasses (independent of the loader)."""

from __future__ import annotations

from simulator.scenario.model import (
    Branch,
    Briefing,
    Caller,
    Condition,
    CutIn,
    Ending,
    MoodSpec,
    Scenario,
    SilenceRule,
    Turn,
)


def tiny_scenario(language: str = "ja") -> Scenario:
    ja = language == "ja"
    return Scenario(
        id=f"{language}-tiny",
        title="tiny",
        language="ja" if ja else "en",
        caller=Caller(
            type="angry",
            name="山田" if ja else "Smith",
            cut_in=CutIn(
                after=8.0, say=("ちょっと聞いてますか。" if ja else "Are you listening?",)
            ),
            silence=SilenceRule(say=("もしもし?" if ja else "Hello?",)),
        ),
        briefing=Briefing(situation="late delivery"),
        turns=(
            Turn(
                id="open",
                say=("まだ届かないんですけど。", "荷物が届きません。")
                if ja
                else ("It never came.",),
                expects=("apology",),
                branches=(
                    Branch(
                        when=Condition(detected=("apology",)),
                        next="resolved",
                        mood=-30,
                        say=("まあ、いいです。" if ja else "Fine.",),
                    ),
                ),
                otherwise=Branch(when=Condition(), next="angry", mood=20),
            ),
        ),
        endings={
            "resolved": Ending("resolved", "resolved", ("お願いします。" if ja else "Thanks.",)),
            "angry": Ending("angry", "hung_up", ("もういいです。" if ja else "Forget it.",)),
        },
        mood=MoodSpec(start=70, hang_up=100, calm=30),
    )
