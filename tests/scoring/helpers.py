"""Small builders for session records used across the scoring tests."""

from __future__ import annotations

from typing import Any


def utt(speaker: str, start: float, end: float, text: str, turn: str = "t", **extra: Any) -> dict:
    return {"speaker": speaker, "turn": turn, "start": start, "end": end, "text": text, **extra}


def record(
    utterances: list[dict],
    *,
    language: str = "en",
    mode: str = "voice",
    caller_type: str = "angry",
    **extra: Any,
) -> dict[str, Any]:
    return {
        "format": "callcoach.session/1",
        "id": "test",
        "language": language,
        "caller_type": caller_type,
        "mode": mode,
        "utterances": utterances,
        "events": [],
        "outcome": "resolved",
        **extra,
    }
