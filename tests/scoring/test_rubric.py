"""Rubric presets, overrides, the evidence rule and the 100-point contest sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import PRESETS, RubricError, score_session
from scoring.rubric import preset
from tests.scoring.helpers import record, utt

GOOD_CALL = record(
    [
        utt("customer", 0.0, 4.0, "注文した商品がまだ届かないんですけど。", turn="open"),
        utt(
            "trainee",
            4.5,
            10.5,
            "お電話代わりました、リーダーの佐藤と申します。大変申し訳ございません。",
            turn="open",
        ),
        utt("customer", 11.0, 14.0, "昨日届くはずだったんですよ。", turn="open"),
        utt("trainee", 14.5, 17.5, "さようでございますか。お気持ちお察しいたします。", turn="open"),
        utt("customer", 18.0, 20.0, "番号は58213です。", turn="details"),
        utt(
            "trainee",
            20.6,
            27.0,
            "念のため復唱いたします。ご注文番号58213でお間違いないでしょうか。",
            turn="details",
        ),
        utt("customer", 27.5, 29.0, "はい、そうです。", turn="details"),
        utt(
            "trainee",
            29.5,
            36.0,
            "恐れ入りますが、明日のお届けはお約束いたしかねます。最短の日程でお送りいたします。",
            turn="offer",
        ),
        utt("customer", 36.5, 38.0, "わかりました。", turn="offer"),
        utt(
            "trainee", 38.5, 44.0, "お電話ありがとうございました。佐藤が承りました。", turn="offer"
        ),
    ],
    language="ja",
    guide={
        "rubric": "angry",
        "pass_mark": 70,
        "forbidden_promises": ["全額返金"],
        "turns": {
            "open": {"expects": ["apology", "empathy"]},
            "details": {"expects": ["confirmation"], "key_phrases": {"order": ["58213"]}},
            "offer": {"expects": ["cushion"], "model_answer": "恐れ入りますが、…"},
        },
    },
)


@pytest.mark.parametrize("name", PRESETS)
def test_presets_load_with_pass_mark_70(name: str) -> None:
    rubric = preset(name)
    assert rubric.pass_mark == 70
    assert rubric.dimensions


def test_jp_contest_is_the_100_point_sheet() -> None:
    weights = {d.name: d.weight for d in preset("jp-contest").dimensions}
    assert weights == {
        "first_impression": 0.15,
        "basic_skills": 0.20,
        "communication": 0.20,
        "information": 0.20,
        "last_impression": 0.15,
        "satisfaction": 0.10,
    }
    assert sum(weights.values()) == pytest.approx(1.0)


def test_every_earned_or_lost_point_cites_an_utterance() -> None:
    for name in PRESETS:
        card = score_session(GOOD_CALL, rubric=name)
        for dimension in card["dimensions"].values():
            for item in dimension["items"]:
                if item["earned"] is None:
                    assert item["evidence"] == []
                    continue
                if item["earned"] > 0 or item["earned"] < item["points"]:
                    assert item["evidence"], (name, item)
                for evidence in item["evidence"]:
                    utterance = GOOD_CALL["utterances"][evidence["utterance"]]
                    assert evidence["text"] == utterance["text"]


def test_a_good_call_passes_and_a_bad_one_fails() -> None:
    good = score_session(GOOD_CALL)
    assert good["rubric"] == "angry" and good["passed"], good["total"]
    bad = record(
        [
            utt("customer", 0.0, 4.0, "注文した商品がまだ届かないんですけど。", turn="open"),
            utt("trainee", 1.0, 6.0, "でも、規則ですので無理です。", turn="open"),
            utt("customer", 6.5, 8.0, "は？", turn="open"),
            utt("trainee", 12.0, 15.0, "えーと、あのー、必ず全額返金します。", turn="open"),
        ],
        language="ja",
    )
    card = score_session(bad)
    assert not card["passed"] and card["total"] < good["total"]


def test_rubric_file_extends_a_preset(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(
        "extends: angry\nname: team\npass_mark: 99\nthresholds: {talk_ratio_max: 0.1}\n"
    )
    card = score_session(GOOD_CALL, rubric=path)
    assert card["rubric"] == "team" and card["pass_mark"] == 99 and not card["passed"]
    listening = card["dimensions"]["listening"]["items"]
    assert next(i for i in listening if i["check"] == "talk_ratio")["earned"] < 30


def test_rubric_as_mapping_with_own_dimensions() -> None:
    rubric = {
        "name": "only-empathy",
        "dimensions": {"empathy": {"weight": 1, "items": {"early_empathy": 1}}},
    }
    card = score_session(GOOD_CALL, rubric=rubric)
    assert card["total"] == 100 and list(card["dimensions"]) == ["empathy"]


def test_guide_overrides_pass_mark_and_thresholds() -> None:
    strict = {
        **GOOD_CALL,
        "guide": {**GOOD_CALL["guide"], "pass_mark": 100, "thresholds": {"silence": 1.0}},
    }
    card = score_session(strict)
    assert card["pass_mark"] == 100 and not card["passed"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("dimensions: {a: {weight: 1, items: {nope: 1}}}", "unknown check 'nope'"),
        ("dimensions: {a: {weight: -1, items: {aizuchi: 1}}}", "weight"),
        ("extends: angry\nthresholds: {bogus: 1}", "unknown threshold 'bogus'"),
        ("extends: angry\nthresholds: {rate_band_ja: [5]}", "rate_band_ja must be [low, high]"),
        ("extends: angry\npass_mark: high", "pass_mark"),
        ("dimensions: [\n", "invalid YAML"),
        ("extends: nope", "unknown rubric 'nope'"),
    ],
)
def test_bad_rubric_files_give_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(RubricError) as caught:
        score_session(GOOD_CALL, rubric=path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_unknown_preset_name() -> None:
    with pytest.raises(RubricError, match="unknown rubric 'harsh'"):
        score_session(GOOD_CALL, rubric="harsh")
