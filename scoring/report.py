"""Score cards as CSV rows (one per session). The readable text report is worded in
the interface language, so it lives with the CLI (simulator/cli/score_text.py)."""

from __future__ import annotations

from typing import Any, Protocol


class RowWriter(Protocol):
    def writerow(self, row: list[Any], /) -> Any: ...


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
