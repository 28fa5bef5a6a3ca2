"""A read-back of the caller's fact is confirmation, for the caller's branches and the
score card alike (issue 10: 「…3,300円でございますね」 used to be neither)."""

from __future__ import annotations

import pytest

from scoring import detect, score_session
from scoring.readback import reads_back
from simulator.engine.conversation import Conversation, Reply
from simulator.scenario.library import ScenarioLibrary
from tests.scoring.helpers import record, utt


@pytest.mark.parametrize(
    ("reply", "caller", "language"),
    [
        ("3,300円でございますね。", "差額は3300円ですよ。", "ja"),
        ("ご注文番号は48816ですね。", "番号は、W-48816ってやつ。", "ja"),
        ("水色のワンピースでございますね。", "水色のワンピースを頼んだんです。", "ja"),
        ("So that's 44719, right?", "The order number's 44719.", "en"),
        ("Order 61-2087, correct?", "The order number is 61-2087.", "en"),
    ],
)
def test_a_fact_said_back_is_a_read_back(reply: str, caller: str, language: str) -> None:
    assert reads_back(reply, caller, language)


@pytest.mark.parametrize(
    ("reply", "caller", "language"),
    [
        ("3,300円でございます。", "差額は3300円ですよ。", "ja"),  # stated, not checked
        ("5,000円でございますね。", "差額は3300円ですよ。", "ja"),  # not the caller's fact
        ("ご注文番号を伺えますか。", "番号は48816です。", "ja"),  # a question, nothing repeated
        ("What's the order number?", "It's 44719.", "en"),
    ],
)
def test_other_questions_and_statements_are_not(reply: str, caller: str, language: str) -> None:
    assert not reads_back(reply, caller, language)


def test_the_caller_and_the_card_both_hear_the_read_back() -> None:
    scenario = ScenarioLibrary().scenario("ja-angry-broken-item")
    conversation = Conversation(scenario, detect, seed=1)
    conversation.opening()
    conversation.respond(
        Reply("お電話代わりました。リーダーの佐藤と申します。申し訳ございません。")
    )
    while conversation.turn.id != "identify":
        conversation.respond(Reply("ありがとうございます。"))
    reply = "ありがとうございます。48816の森様でございますね。"
    step = conversation.respond(Reply(reply))
    assert "confirmation" in step.categories and "order" in step.key_phrases
    assert step.mood_after - step.mood_before < 0  # the read-back branch soothes

    guide = {"turns": {"identify": {"expects": ["confirmation"]}}}
    session = record(
        [
            utt("customer", 0.0, 3.0, "番号は、W-48816ってやつ。名前は森。", turn="identify"),
            utt("trainee", 3.5, 6.0, reply, turn="identify"),
        ],
        language="ja",
        guide=guide,
    )
    card = score_session(session)
    evidence = [e for d in card["dimensions"].values() for i in d["items"] for e in i["evidence"]]
    confirm = next(e for e in evidence if e["note"] == "expected:confirmation")
    assert confirm["matched"].startswith("read-back of the caller's")
