"""Which replies ask the caller to wait on the line now (scoring.waiting), written as
trainees say them: requests, paraphrases, questions, negations, coming back from a
wait, offers to call back, and recognition noise (no punctuation, kana)."""

from __future__ import annotations

import pytest

from scoring.detect import detect

ASKS = [
    ("ja", "確認いたしますので、少々お待ちいただけますでしょうか。"),
    ("ja", "申し訳ございません、ただいまお調べいたしますので、このままお待ちください。"),
    ("ja", "在庫を確認してまいりますので、少しお待ちいただけますか"),
    ("ja", "ちょっと確認しますね、少々お待ちを"),
    ("ja", "只今確認致しますので少々お待ち下さいませ"),
    ("ja", "しょうしょうおまちください"),  # recognised as kana
    ("ja", "お待たせしました。恐れ入りますが、もう少々お待ちいただけますか。"),  # asks again
    ("ja", "保留にさせていただきます"),
    ("en", "Let me check that for you. Could you hold for a moment?"),
    ("en", "Can you bear with me while I pull up your account?"),
    ("en", "Let me check with the warehouse, I'll be right back."),
    ("en", "hang on a sec let me look"),  # no punctuation
    ("en", "Please stay on the line while I check."),
    ("en", "um just a second please"),
    ("en", "Okay, let me pull up your account."),
]
DOES_NOT_ASK = [
    ("ja", "お待たせいたしました。明日の午前中にお届けできます。"),  # back from the wait
    ("ja", "お調べして、折り返しお電話いたします。"),  # a call back instead
    ("ja", "確認のうえ、後ほどご連絡いたしますので、少々お待ちください。"),
    ("ja", "お待ちいただく必要はございません。すぐにお答えいたします。"),  # no need
    ("ja", "ご注文番号を頂戴できますか。"),  # a question, but not to wait
    ("en", "Thanks for holding, your parcel arrives tomorrow."),
    ("en", "Sorry for the wait — I've got the details now."),
    ("en", "I'll look into it and call you back this afternoon."),
    ("en", "I won't put you on hold, I can tell you right now: it ships tomorrow."),
    ("en", "There's no need to stay on the line, we'll email you."),
    ("en", "You don't have to hold, it's all sorted."),
    ("en", "Could you read me the order number?"),
    ("en", "Let me look up your order and get back to you tomorrow."),
    ("en", "Let me look into this with you now."),  # handling it, not a wait
]


@pytest.mark.parametrize(("language", "text"), ASKS)
def test_requests_to_wait(language: str, text: str) -> None:
    assert detect(text, language).asks_to_wait


@pytest.mark.parametrize(("language", "text"), DOES_NOT_ASK)
def test_not_requests_to_wait(language: str, text: str) -> None:
    assert not detect(text, language).asks_to_wait
