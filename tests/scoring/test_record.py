"""Malformed and partial session records: one clear line naming the field, never a
traceback; missing optional fields are fine."""

from __future__ import annotations

import pytest

from scoring import SessionError, score_session
from tests.scoring.helpers import record, utt


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ([], "expected a JSON object"),
        ({"format": "other/1", "language": "ja", "utterances": []}, "format: expected"),
        ({"language": "fr", "utterances": []}, "language: expected 'ja' or 'en'"),
        ({"language": "ja"}, "utterances: expected a list"),
        (
            {"language": "ja", "utterances": [{"speaker": "bot", "start": 0}]},
            "utterances[0].speaker",
        ),
        (
            {"language": "ja", "utterances": [{"speaker": "trainee", "start": "1.0"}]},
            "utterances[0].start",
        ),
        (
            {"language": "ja", "utterances": [{"speaker": "trainee", "start": 2, "end": 1}]},
            "end 1.0 is before start 2.0",
        ),
        (
            {"language": "ja", "utterances": [{"speaker": "trainee", "start": 0, "voiced": [[0]]}]},
            "utterances[0].voiced[0]",
        ),
        ({"language": "ja", "utterances": ["hello"]}, "utterances[0]: expected an object"),
        ({"language": "ja", "utterances": [], "events": [{"t": 1}]}, "events[0]"),
        ({"language": "ja", "utterances": [], "mode": "video"}, "mode: expected"),
        (
            {"language": "en", "utterances": [{"speaker": "trainee", "start": float("nan")}]},
            "start",
        ),
    ],
)
def test_malformed_records_raise_one_line_errors(broken: object, message: str) -> None:
    with pytest.raises(SessionError) as caught:
        score_session(broken)  # type: ignore[arg-type]
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_minimal_record_scores() -> None:
    card = score_session({"language": "en", "utterances": []})
    assert card["format"] == "callcoach.scorecard/1"
    assert card["total"] is None and card["passed"] is False
    assert card["metrics"]["interruptions"] == []


def test_partial_record_without_optional_fields() -> None:
    partial = {
        "language": "ja",
        "utterances": [
            {"speaker": "customer", "start": 0.0, "end": 3.0, "text": "届きません。"},
            {"speaker": "trainee", "start": 3.5, "end": 6.0, "text": "申し訳ございません。"},
            {"speaker": "trainee", "start": 7.0},  # incomplete: cut off mid-call
        ],
    }
    card = score_session(partial)
    assert card["rubric"] == "angry"  # no caller type: the default preset
    assert card["metrics"]["phrases"] == [
        {"category": "apology", "utterance": 1, "text": "申し訳ございません"}
    ]


def test_unknown_fields_are_ignored() -> None:
    session = record([utt("trainee", 0.0, 1.0, "Sorry.", extra={"x": 1})], future_field=[1, 2])
    assert score_session(session)["metrics"]["phrases"][0]["category"] == "apology"
