"""The score card (DESIGN.md §5): ``score_session(record) -> callcoach.scorecard/1``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scoring.analysis import Facts, analyse, phrases_metric
from scoring.checks import CHECKS, Evidence, Result
from scoring.feedback import build_feedback, gate_feedback
from scoring.gates import FailedGate, failed_gates
from scoring.record import parse_session
from scoring.rubric import PRESETS, Dimension, Rubric, resolve_rubric, with_guide

SCORECARD_FORMAT = "callcoach.scorecard/1"


def _evidence_json(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [
        {"utterance": e.utterance, "text": e.text, "effect": e.effect, "note": e.note}
        | ({"matched": e.matched} if e.matched else {})
        for e in evidence
    ]


def _dimension(dimension: Dimension, results: dict[str, Result | None]) -> dict[str, Any]:
    """Score 0–100 over the items that apply; items that do not apply are listed
    with ``earned: null`` and leave the dimension's denominator."""
    items = []
    earned = possible = 0.0
    for check, points in dimension.items:
        result = results[check]
        if result is None:
            items.append({"check": check, "points": points, "earned": None, "evidence": []})
            continue
        # No evidence, no point.
        value = points * result.fraction if result.evidence else 0.0
        earned += value
        possible += points
        items.append(
            {
                "check": check,
                "points": points,
                "earned": round(value, 1),
                "evidence": _evidence_json(result.evidence),
            }
        )
    score = round(100 * earned / possible) if possible else None
    return {"score": score, "weight": dimension.weight, "items": items}


def _total(dimensions: dict[str, dict[str, Any]]) -> int | None:
    scored = [d for d in dimensions.values() if d["score"] is not None and d["weight"] > 0]
    weight = sum(d["weight"] for d in scored)
    if not weight:
        return None
    return round(sum(d["score"] * d["weight"] for d in scored) / weight)


_NOT_MEASURED = {
    "rate": "text mode: a typed reply's length is estimated from its text at a normal "
    "speaking pace, so its speech rate would only echo that pace",
    "timing": "text mode (recorded before replies were timed from the first keystroke): "
    "the times are typing, not talk",
}


def _not_measured(facts: Facts) -> dict[str, str]:
    """Why a null metric is null (a null is never a 0)."""
    reasons = {}
    if not facts.session.rate_measured:
        reasons["speech_rate"] = _NOT_MEASURED["rate"]
    if not facts.session.timed:
        for name in ("response_gaps", "silences", "talk_ratio", "fillers_per_min"):
            reasons[name] = _NOT_MEASURED["timing"]
    return reasons


def _metrics(facts: Facts) -> dict[str, Any]:
    return {
        "not_measured": _not_measured(facts),
        "interruptions": facts.interruptions,
        "overlaps": facts.overlaps,
        "caller_cut_ins": facts.cut_ins,
        "response_gaps": facts.gaps,
        "speech_rate": facts.rate,
        "silences": facts.silences,
        "talk_ratio": facts.talk_ratio,
        "fillers_per_min": facts.fillers_per_min,
        "phrases": phrases_metric(facts),
        "key_phrases": [
            {"name": name, "utterance": index, "text": hit.text}
            for index in sorted(facts.key_hits)
            for name, hit in facts.key_hits[index]
        ],
        "aizuchi": {
            "count": len(facts.found("aizuchi")),
            "distinct": len({hit.text for _, hit in facts.found("aizuchi")}),
            "monotone": facts.monotone,
        },
        "early_empathy": facts.early,
    }


def _failed_gates(facts: Facts, rubric: Rubric) -> list[FailedGate]:
    session = facts.session
    last = session.utterances[-1].index if session.utterances else None
    phrases = {i: [(h.category, h.text) for h in hits] for i, hits in facts.hits.items()}
    return failed_gates(rubric.gates, session.outcome, last, phrases)


def _default_rubric_name(record: Mapping[str, Any]) -> str:
    guide = record.get("guide")
    if isinstance(guide, Mapping) and isinstance(guide.get("rubric"), str):
        return guide["rubric"]
    return str(record.get("caller_type") or "angry")


def record_rubric(
    record: Mapping[str, Any], rubric: str | Path | Mapping[str, Any] | None = None
) -> Rubric:
    """The rubric a record is scored with (its thresholds also drive the engine's
    interruption check during the call)."""
    chosen: Rubric = resolve_rubric(rubric, _default_rubric_name(record))
    guide = record.get("guide")
    if isinstance(guide, Mapping) and (
        rubric is None or (isinstance(rubric, str) and rubric in PRESETS)
    ):
        # The scenario's pass mark and thresholds refine a preset; a trainer's own
        # rubric file or mapping is taken as written.
        chosen = with_guide(chosen, guide)
    return chosen


def score_session(
    record: Mapping[str, Any],
    *,
    rubric: str | Path | Mapping[str, Any] | None = None,
    wording: str | None = None,
) -> dict[str, Any]:
    """Score one decoded session record. Raises scoring.SessionError for a record that
    cannot be scored and scoring.RubricError for a bad rubric (one-line messages).
    ``wording`` (ja/en) words the feedback for a reader of that language (default: the
    session's language)."""
    session = parse_session(record)
    chosen = record_rubric(record, rubric)
    facts = analyse(session, chosen.thresholds)
    results = {name: check(facts) for name, check in CHECKS.items()}
    dimensions = {d.name: _dimension(d, results) for d in chosen.dimensions}
    total = _total(dimensions)
    all_evidence = [e for r in results.values() if r is not None for e in r.evidence]
    failed = _failed_gates(facts, chosen)
    return {
        "format": SCORECARD_FORMAT,
        "session": session.id,
        "scenario": session.scenario_id,
        "language": session.language,
        "mode": session.mode,
        "total": total,
        # A failed gate (hang-up, dropped call, critical error) fails the call; the
        # total stays what was earned.
        "passed": total is not None and total >= chosen.pass_mark and not failed,
        "pass_mark": chosen.pass_mark,
        "rubric": chosen.name,
        "dimensions": dimensions,
        "metrics": _metrics(facts),
        "gates": [gate.as_json() for gate in failed],
        # The reasons a call failed its gates come first: they decide the verdict.
        "feedback": gate_feedback(facts, failed, total, wording)
        + build_feedback(facts, all_evidence, wording),
    }
