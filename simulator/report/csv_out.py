"""The CSV report: one row per session, UTF-8 with a byte-order mark so Excel opens
Japanese names and titles correctly, CRLF line ends as spreadsheets expect."""

from __future__ import annotations

import csv
import io

from simulator.report.data import ReportData
from simulator.safe_text import visible

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and full-width
FIXED = ("date", "trainee", "scenario_id", "scenario_title", "language", "outcome", "total")


def render_csv(data: ReportData) -> str:
    dimensions = data.dimension_names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*FIXED, "passed", *dimensions, "session_id"])
    for row in data.rows:
        writer.writerow(
            [
                row.started_at.isoformat(),
                _cell(row.trainee),
                _cell(row.scenario_id),
                _cell(row.scenario_title),
                _cell(row.language or ""),
                _cell(row.outcome or ""),
                _number(row.total),
                "" if row.passed is None else ("yes" if row.passed else "no"),
                *(_number(row.dimensions.get(d)) for d in dimensions),
                _cell(row.session_id),
            ]
        )
    return BOM + out.getvalue()


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _cell(text: str) -> str:
    """Text a spreadsheet would run as a formula (=, +, -, @, also after leading
    spaces) is kept as text; control characters are shown, not passed on."""
    shown = visible(text)
    return f"'{shown}" if shown.lstrip()[:1] in FORMULA_STARTS else shown
