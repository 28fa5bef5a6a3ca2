"""Score cards as a readable text report and as CSV rows (one per session)."""

from __future__ import annotations

from typing import Any, Protocol

_LABELS = {
    "ja": {
        "total": "合計",
        "passed": "合格",
        "failed": "不合格",
        "rubric": "評価基準",
        "feedback": "フィードバック",
        "metrics": "指標",
        "none": "（なし）",
    },
    "en": {
        "total": "Total",
        "passed": "PASS",
        "failed": "FAIL",
        "rubric": "rubric",
        "feedback": "Feedback",
        "metrics": "Metrics",
        "none": "(none)",
    },
}
_MARK = {"good": "✓", "info": "·", "warn": "!", "error": "✗"}


class RowWriter(Protocol):
    def writerow(self, row: list[Any], /) -> Any: ...


def _fmt(value: Any) -> str:
    return "–" if value is None else str(value)


def text_report(card: dict[str, Any]) -> str:
    labels = _LABELS.get(card.get("language") or "en", _LABELS["en"])
    verdict = labels["passed"] if card["passed"] else labels["failed"]
    title = card.get("file") or card.get("session") or ""
    lines = [
        f"{title}",
        f"  {labels['total']}: {_fmt(card['total'])}/100  {verdict}  "
        f"({labels['rubric']}: {card['rubric']}, pass {card.get('pass_mark', 70):g})",
    ]
    for name, dimension in card["dimensions"].items():
        lines.append(f"    {name:<18} {_fmt(dimension['score']):>4}  × {dimension['weight']:g}")
    metrics = card["metrics"]
    rate = metrics.get("speech_rate") or {}
    gaps = metrics.get("response_gaps")
    lines.append(
        f"  {labels['metrics']}: interruptions {len(metrics['interruptions'])}, "
        f"gaps {_fmt(None if gaps is None else [g['label'] for g in gaps])}, "
        f"rate {_fmt(rate.get('mean'))} {rate.get('unit', '')}, "
        f"talk ratio {_fmt(metrics.get('talk_ratio'))}, "
        f"fillers/min {_fmt(metrics.get('fillers_per_min'))}"
    )
    lines.append(f"  {labels['feedback']}:")
    for item in card["feedback"] or []:
        mark = _MARK.get(item["severity"], "·")
        lines.append(f"    {mark} [{item.get('turn') or '-'}] {item['message']}")
        for extra in ("suggestion", "model_answer"):
            if item.get(extra):
                lines.append(f"        → {item[extra]}")
    if not card["feedback"]:
        lines.append(f"    {labels['none']}")
    return "\n".join(lines)


def write_csv(cards: list[dict[str, Any]], writer: RowWriter) -> None:
    """Header plus one row per card; dimension columns are the union, in first-seen order."""
    dimensions: list[str] = []
    for card in cards:
        for name in card["dimensions"]:
            if name not in dimensions:
                dimensions.append(name)
    writer.writerow(
        [
            "file",
            "session",
            "scenario",
            "language",
            "mode",
            "rubric",
            "total",
            "passed",
            *dimensions,
            "interruptions",
            "dead_air",
            "speech_rate",
            "rate_unit",
            "talk_ratio",
            "fillers_per_min",
        ]
    )
    for card in cards:
        metrics = card["metrics"]
        gaps = metrics.get("response_gaps")
        rate = metrics.get("speech_rate") or {}
        interruptions = [i for i in metrics["interruptions"] if i["kind"] == "interruption"]
        writer.writerow(
            [
                card.get("file", ""),
                card.get("session") or "",
                card.get("scenario") or "",
                card.get("language"),
                card.get("mode"),
                card["rubric"],
                _blank(card["total"]),
                card["passed"],
                *[_blank(card["dimensions"].get(d, {}).get("score")) for d in dimensions],
                len(interruptions),
                "" if gaps is None else sum(1 for g in gaps if g["label"] == "dead_air"),
                _blank(rate.get("mean")),
                rate.get("unit", ""),
                _blank(metrics.get("talk_ratio")),
                _blank(metrics.get("fillers_per_min")),
            ]
        )


def _blank(value: Any) -> Any:
    return "" if value is None else value
