"""A score card as readable text for `callcoach score --format text`, entirely in the
interface language (labels, dimension names, gap labels; the feedback was worded in
it by the scorer). No Python reprs: lists are written out as words."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

from simulator.i18n import FAMILIES, label, t

_MARK = {"good": "✓", "info": "·", "warn": "!", "error": "✗"}


def _value(value: Any) -> str:
    return t("card.not_measured") if value is None else f"{value:g}"


def _gaps(gaps: list[dict[str, Any]] | None) -> str:
    if gaps is None:
        return t("card.not_measured")
    counts = Counter(str(gap.get("label")) for gap in gaps)
    order = ("rushed", "good", "hesitant", "dead_air")
    named = [f"{label('gap', name)} {counts[name]}" for name in order if counts[name]]
    return ", ".join(named) if named else t("card.none")


def _metrics(metrics: dict[str, Any]) -> str:
    rate = metrics.get("speech_rate") or {}
    mean = rate.get("mean")
    speed = _value(mean) + (f" {rate.get('unit')}" if mean is not None else "")
    parts = [
        t("card.interruptions", count=len(metrics.get("interruptions") or [])),
        t("card.gaps", gaps=_gaps(metrics.get("response_gaps"))),
        t("card.rate", rate=speed),
        t("card.talk_ratio", ratio=_value(metrics.get("talk_ratio"))),
        t("card.fillers", count=_value(metrics.get("fillers_per_min"))),
    ]
    return t("card.separator").join(parts)


def _padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (full-width characters take two)."""
    used = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return text + " " * max(0, width - used)


def card_text(card: dict[str, Any]) -> str:
    verdict = t("card.pass") if card.get("passed") else t("card.fail")
    total = card.get("total")
    name = str(card.get("rubric"))
    shown_name = label("caller_type", name) if name in FAMILIES["caller_type"] else name
    rubric = t("card.rubric", name=shown_name, mark=f"{card.get('pass_mark', 70):g}")
    lines = [
        str(card.get("file") or card.get("session") or ""),
        f"  {t('card.total')}: {'–' if total is None else total}/100  {verdict}  ({rubric})",
    ]
    for name, dimension in (card.get("dimensions") or {}).items():
        score = dimension.get("score")
        shown = "–" if score is None else str(score)
        title = _padded(label("dimension", name), 18)
        lines.append(f"    {title} {shown:>4}  × {dimension['weight']:g}")
    lines.append(f"  {t('card.metrics')}: {_metrics(card.get('metrics') or {})}")
    lines.append(f"  {t('card.feedback')}:")
    for item in card.get("feedback") or []:
        mark = _MARK.get(item.get("severity"), "·")
        lines.append(f"    {mark} {item['message']}")
        for extra in ("suggestion", "model_answer"):
            if item.get(extra):
                lines.append(f"        → {item[extra]}")
    if not card.get("feedback"):
        lines.append(f"    {t('card.none')}")
    return "\n".join(lines)
