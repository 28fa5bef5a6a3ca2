"""What a caller says when asked to wait and the scenario gives no line for it
(``hold.wait_say``): short, and shorter-tempered the angrier they are. Caller lines
are in the scenario's language, not the UI's."""

from __future__ import annotations

import random

# mood below 60 / 60 and above; the second tuple for a request after the first
_LINES: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, ...]]] = {
    "ja": (
        (
            ("はい、お願いします。", "はい、待ちます。"),
            ("……早くしてくださいね。", "なるべく早くお願いしますよ。"),
        ),
        ("またですか？ こっちも暇じゃないんですけど。", "まだかかるんですか？"),
    ),
    "en": (
        (
            ("Sure, go ahead.", "Okay, I'll wait."),
            ("Fine. Make it quick.", "Okay, but be quick about it."),
        ),
        ("Again? How long is this going to take?", "Seriously? More waiting?"),
    ),
}
ANGRY_FROM = 60


def default_wait_line(language: str, mood: int, *, again: bool, rng: random.Random) -> str:
    first, second = _LINES["ja" if language == "ja" else "en"]
    variants = second if again else first[mood >= ANGRY_FROM]
    return rng.choice(variants)
