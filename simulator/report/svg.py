"""Line charts as inline SVG: scores (0–100) over the sessions in time order. No
scripts, no fonts or files from outside — the report must open offline."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.report.safe_html import escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 130, 24, 36
# Colour-blind-safe palette (Okabe–Ito).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per x position; None = not measured


def line_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    pass_mark: float | None = None,
    chart_id: str = "chart",
) -> str:
    """An SVG with one polyline per series over ``labels`` (x positions in order)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = max(1, len(labels))

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (count - 1) if count > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - max(0.0, min(100.0, v)) / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart"'
        f' viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        *_grid(y, plot_w),
        *_x_labels(labels, x),
    ]
    if pass_mark is not None:
        parts.append(
            f'<line class="pass-mark" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(pass_mark):.1f}"'
            f' y2="{y(pass_mark):.1f}" stroke="#999" stroke-dasharray="4 3"/>'
        )
    for n, line in enumerate(series):
        parts += _series(line, COLOURS[n % len(COLOURS)], x, y, n)
    parts.append("</svg>")
    return "".join(parts)


def _grid(y: Callable[[float], float], plot_w: int) -> list[str]:
    out = []
    for v in (0, 25, 50, 75, 100):
        yy = y(v)
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#e5e5e5"/>'
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11">{v}</text>'
        )
    return out


def _x_labels(labels: Sequence[str], x: Callable[[int], float]) -> list[str]:
    if not labels:
        return []
    step = max(1, len(labels) // 6)  # at most ~7 labels, or they overlap
    shown = sorted({*range(0, len(labels), step), len(labels) - 1})
    return [
        f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle"'
        f' font-size="10">{escape(labels[i])}</text>'
        for i in shown
    ]


def _series(
    line: Series, colour: str, x: Callable[[int], float], y: Callable[[float], float], n: int
) -> list[str]:
    points = [(x(i), y(v), v) for i, v in enumerate(line.values) if v is not None]
    out = []
    if len(points) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in points)
        out.append(
            f'<polyline class="series" data-series="{escape(line.name)}" fill="none"'
            f' stroke="{colour}" stroke-width="2" points="{path}"/>'
        )
    for px, py, v in points:
        out.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}">'
            f"<title>{escape(line.name)}: {v:g}</title></circle>"
        )
    legend_y = TOP + 14 * n
    out.append(
        f'<rect x="{WIDTH - RIGHT + 10}" y="{legend_y}" width="10" height="10" fill="{colour}"/>'
        f'<text class="legend" x="{WIDTH - RIGHT + 24}" y="{legend_y + 9}"'
        f' font-size="11">{escape(line.name)}</text>'
    )
    return out
