"""The HTML report: one self-contained file (styles inline, charts as inline SVG, no
scripts, nothing fetched), readable offline and printable. Scores only — transcripts
never go into a report."""

from __future__ import annotations

from datetime import UTC, datetime

from simulator.report.data import ReportData, ReportRow, mean, shown_name
from simulator.report.safe_html import escape
from simulator.report.svg import Series, line_chart

STYLE = """
body{font-family:"Noto Sans CJK JP","Hiragino Sans","Yu Gothic",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:1em 0 0}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ddd;padding:4px 8px}
th{background:#f4f4f4;text-align:left}td.num{text-align:right}
.pass{color:#176b2c}.fail{color:#a4161a}.summary td{min-width:6em}
svg.chart{display:block;margin:1em 0;max-width:100%;height:auto}
@media print{h2{page-break-before:auto}}
"""


def render_html(data: ReportData, *, generated: datetime | None = None) -> str:
    when = (generated or datetime.now(UTC)).astimezone().strftime("%Y-%m-%d %H:%M")
    title = f"CallCoach report — {data.filter.title()}"
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="generated">Generated {escape(when)} · {len(data.rows)} sessions'
        f" · {len(data.trainees)} trainees</p>",
    ]
    if not data.rows:
        body.append('<p class="empty">No scored sessions match this report.</p>')
    else:
        body.append(_summary_table(data))
        for n, trainee in enumerate(data.trainees):
            body.append(_trainee_section(trainee, data.of(trainee), data.dimension_names, n))
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _summary_table(data: ReportData) -> str:
    rows = []
    for trainee in data.trainees:
        mine = data.of(trainee)
        totals = [r.total for r in mine]
        scored = [r for r in mine if r.passed is not None]
        passed = sum(1 for r in scored if r.passed)
        rate = f"{100 * passed / len(scored):.0f}%" if scored else "–"
        best = max((t for t in totals if t is not None), default=None)
        rows.append(
            f'<tr><td class="trainee">{escape(shown_name(trainee))}</td>'
            f'<td class="num">{len(mine)}</td>'
            f'<td class="num">{_score(mean(totals))}</td><td class="num">{_score(best)}</td>'
            f'<td class="num">{_score(mine[-1].total)}</td><td class="num">{rate}</td></tr>'
        )
    return (
        '<table class="summary"><caption>Summary</caption><tr><th>Trainee</th><th>Sessions</th>'
        "<th>Mean</th><th>Best</th><th>Latest</th><th>Passed</th></tr>" + "".join(rows) + "</table>"
    )


def _trainee_section(trainee: str, rows: list[ReportRow], dimensions: list[str], n: int) -> str:
    labels = [r.started_at.astimezone().strftime("%m-%d %H:%M") for r in rows]
    total = line_chart(
        f"{shown_name(trainee)}: total score over time",
        labels,
        [Series("total", [r.total for r in rows])],
        pass_mark=_pass_mark(rows),
        chart_id=f"total-{n}",
    )
    per_dimension = line_chart(
        f"{shown_name(trainee)}: each dimension over time",
        labels,
        [Series(d, [r.dimensions.get(d) for r in rows]) for d in dimensions],
        chart_id=f"dimensions-{n}",
    )
    table = "".join(_session_row(r) for r in reversed(rows))
    return (
        f'<section class="trainee" data-trainee="{escape(trainee)}">'
        f"<h2>{escape(shown_name(trainee))}</h2><h3>Total score over time</h3>{total}"
        f"<h3>Each dimension over time</h3>{per_dimension}"
        '<table class="sessions"><tr><th>Date</th><th>Scenario</th><th>Outcome</th>'
        f"<th>Score</th></tr>{table}</table></section>"
    )


def _session_row(row: ReportRow) -> str:
    when = row.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
    verdict = ""
    if row.passed is not None:
        verdict = (
            ' <span class="pass">pass</span>' if row.passed else ' <span class="fail">fail</span>'
        )
    return (
        f"<tr><td>{escape(when)}</td><td>{escape(row.scenario_title)}"
        f" <small>({escape(row.scenario_id)})</small></td><td>{escape(row.outcome)}</td>"
        f'<td class="num">{_score(row.total)}{verdict}</td></tr>'
    )


def _pass_mark(rows: list[ReportRow]) -> float | None:
    """The pass mark most of these sessions were scored against (None if unknown)."""
    from collections import Counter

    marks = Counter(r.pass_mark for r in rows if r.pass_mark is not None)
    return marks.most_common(1)[0][0] if marks else None


def _score(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
