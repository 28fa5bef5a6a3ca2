"""Speech rate: morae as pyopenjtalk counts them, voiced time, bands, pace vs caller,
and "not measured" (null) in text mode."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import pytest
import yaml

from scoring import reading, score_session
from tests.scoring.helpers import record, utt

SENTENCES = [
    "大変申し訳ございません、お気持ちお察しいたします。",
    "念のため復唱いたします。ご注文番号は58213でお間違いないでしょうか。",
    "しょうしょうお待ちください。",
    "チェックのお手続きは、ファイルをご確認のうえ、キャンセルしてください。",
    "ショッピングカートに入れた商品がきゅうに消えてしまったんです。",
    "十一月二十日の午前中にお届けいたします。",
    "ご不便をおかけしました。担当の佐藤と申します。",
    "ありがとうございました。",
]


def pyopenjtalk_morae(text: str) -> int:
    """The reference: pyopenjtalk's own front end with its default settings."""
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # inside pyopenjtalk
        import pyopenjtalk

        return sum(int(f["mora_size"]) for f in pyopenjtalk.run_frontend(text))


def _labelled_japanese() -> list[str]:
    folder = Path(__file__).parents[1] / "data" / "labelled"
    texts = []
    for name in ("ja_clean.yaml", "ja_noisy.yaml", "ja_asr_errors.yaml"):
        texts += [item["text"] for item in yaml.safe_load((folder / name).read_text("utf-8"))]
    return texts


def _japanese_strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [text for value in node.values() for text in _japanese_strings(value)]
    if isinstance(node, list):
        return [text for value in node for text in _japanese_strings(value)]
    is_japanese = isinstance(node, str) and any("\u3040" <= c <= "\u9fff" for c in node)
    return [node] if is_japanese and isinstance(node, str) else []


def test_mora_counts_of_every_japanese_line_in_the_library_equal_pyopenjtalk() -> None:
    # Caller lines and replies alike; among them 「注文番号？702154。」, where pyopenjtalk
    # reads the number digit by digit because of the sentence before it.
    root = Path(__file__).parents[2]
    files = [*root.glob("scenarios/ja/*.yaml"), *root.glob("tests/library/replays/ja-*/*.yaml")]
    texts = {t for f in files for t in _japanese_strings(yaml.safe_load(f.read_text("utf-8")))}
    assert len(texts) > 1000
    assert "そうだよ。…注文番号？702154。石井だ。" in texts
    different = [t for t in texts if reading.morae(t) != pyopenjtalk_morae(reading.prepare(t))]
    assert not different


@pytest.mark.parametrize("text", SENTENCES)
def test_mora_count_equals_pyopenjtalk(text: str) -> None:
    assert reading.morae(text) == pyopenjtalk_morae(text)


def test_mora_counts_of_every_labelled_utterance_equal_pyopenjtalk() -> None:
    texts = _labelled_japanese()
    assert len(texts) > 300
    different = [t for t in texts if reading.morae(t) != pyopenjtalk_morae(reading.prepare(t))]
    assert not different


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("きょう", 2),
        ("がっこう", 4),
        ("コーヒー", 4),
        ("しんぶん", 4),
        ("チェック", 3),
        ("ファイル", 3),
    ],
)
def test_small_kana_join_long_vowel_sokuon_and_n_count(text: str, count: int) -> None:
    assert reading.morae(text) == count


def _ja_session(seconds: float, caller_seconds: float = 2.0, mode: str = "voice", **extra) -> dict:
    text = "大変申し訳ございません。"  # たいへん・もうしわけ・ございません: 15 morae
    assert reading.morae(text) == 15
    return record(
        [
            utt("customer", 0.0, caller_seconds, "ちょっと、どうなってるんですか。"),
            utt("trainee", caller_seconds + 0.5, caller_seconds + 0.5 + seconds, text, **extra),
        ],
        language="ja",
        mode=mode,
    )


def test_japanese_rate_is_morae_per_voiced_second() -> None:
    card = score_session(_ja_session(3.0, voiced=[[2.5, 3.5], [4.0, 5.5]]))
    rate = card["metrics"]["speech_rate"]
    assert rate["unit"] == "mora/s"
    assert rate["per_utterance"] == [{"index": 1, "rate": 6.0}]  # 15 morae / 2.5 s voiced
    assert rate["mean"] == 6.0


def test_without_voiced_spans_the_duration_is_used() -> None:
    rate = score_session(_ja_session(3.0))["metrics"]["speech_rate"]
    assert rate["per_utterance"] == [{"index": 1, "rate": 5.0}]


def _rate_item(card: dict) -> dict:
    items = card["dimensions"]["pacing"]["items"]
    return next(i for i in items if i["check"] == "speech_rate")


@pytest.mark.parametrize(
    ("seconds", "in_band"),
    [(15 / 5.0, True), (15 / 6.5, True), (15 / 4.9, False), (15 / 6.6, False)],
)
def test_angry_band_5_0_to_6_5_is_inclusive(seconds: float, in_band: bool) -> None:
    item = _rate_item(score_session(_ja_session(seconds)))
    assert [e["effect"] for e in item["evidence"]] == ["+" if in_band else "-"]


def test_rate_bands_follow_the_caller_type() -> None:
    session = _ja_session(15 / 7.2)  # 7.2 mora/s: too fast for angry, fine for logical
    assert score_session(session)["metrics"]["speech_rate"]["band"] == [5.0, 6.5]
    logical = score_session({**session, "caller_type": "logical"}, rubric="logical")
    assert logical["metrics"]["speech_rate"]["band"] == [6.0, 7.5]
    assert _rate_item(logical)["evidence"][0]["effect"] == "+"


def test_english_words_per_minute() -> None:
    session = record(
        [
            utt("customer", 0.0, 4.0, "one two three four five six seven eight nine ten"),
            utt("trainee", 4.5, 9.5, "I am so sorry about the wrong colour of your cover"),
        ]
    )
    rate = score_session(session)["metrics"]["speech_rate"]
    assert rate["unit"] == "wpm"
    assert rate["per_utterance"] == [{"index": 1, "rate": 132.0}]  # 11 words in 5 s
    assert rate["caller_mean"] == 150.0


def _pace_effect(trainee_rate: float) -> str:
    caller_morae = reading.morae("ちょっと、どうなってるんですか。")
    session = _ja_session(15 / trainee_rate, caller_seconds=caller_morae / 6.0)
    card = score_session(session)
    assert card["metrics"]["speech_rate"]["caller_mean"] == pytest.approx(6.0, abs=0.01)
    pace = next(i for i in card["dimensions"]["pacing"]["items"] if i["check"] == "pace_vs_caller")
    return str(pace["evidence"][0]["effect"])


@pytest.mark.parametrize(("rate", "effect"), [(6.0, "+"), (6.6, "+"), (6.7, "-")])
def test_never_more_than_ten_percent_faster_than_the_caller(rate: float, effect: str) -> None:
    assert _pace_effect(rate) == effect  # the caller speaks 6.0 mora/s; 6.6 is exactly +10 %


def test_text_mode_has_no_audio_metrics() -> None:
    metrics = score_session(_ja_session(3.0, mode="text"))["metrics"]
    for name in ("speech_rate", "response_gaps", "silences", "talk_ratio", "fillers_per_min"):
        assert metrics[name] is None, name
    assert metrics["phrases"]  # phrases are still detected


def test_replay_mode_timings_are_scored() -> None:
    metrics = score_session(_ja_session(3.0, mode="replay"))["metrics"]
    assert metrics["speech_rate"]["mean"] == 5.0
    assert metrics["response_gaps"][0]["label"] == "good"
