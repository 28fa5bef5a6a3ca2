"""A line chart drawn in the terminal with Braille dots (2×4 dots per cell): scores
0–100 over sessions, one coloured line per series, a pass-mark rule, and both axes
labelled (what the y axis measures; the x axis numbers the calls, oldest first)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from simulator.i18n import t
from simulator.tui.plain import shown

BRAILLE_BASE = 0x2800
# Dot bit for (x % 2, y % 4) inside one Braille cell.
DOT_BITS = ((0x01, 0x02, 0x04, 0x40), (0x08, 0x10, 0x20, 0x80))
COLOURS = ("dodger_blue1", "orange1", "green3", "red3", "magenta", "cyan", "yellow", "white")
AXIS_WIDTH = 4  # "100┤"


@dataclass(frozen=True)
class ChartSeries:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Axes:
    y: str  # what the values are ("score")
    x: str  # what runs along ("calls, oldest first")


def render_chart(
    series: Sequence[ChartSeries],
    width: int,
    height: int,
    pass_mark: float | None = None,
    axes: Axes | None = None,
) -> Text:
    """``width`` × ``height`` cells of plot including the y axis; with ``axes``, the
    y axis's name above and the x axis (first and last call, its name) below; a legend
    line underneath."""
    cols, rows = max(2, width - AXIS_WIDTH), max(2, height)
    dots_x, dots_y = cols * 2, rows * 4
    cells: list[list[int]] = [[0] * cols for _ in range(rows)]
    owner: list[list[int]] = [[-1] * cols for _ in range(rows)]

    def plot(x: int, y: int, colour: int) -> None:
        if 0 <= x < dots_x and 0 <= y < dots_y:
            cells[y // 4][x // 2] |= DOT_BITS[x % 2][y % 4]
            owner[y // 4][x // 2] = colour

    def to_y(value: float) -> int:
        return round((1 - max(0.0, min(100.0, value)) / 100) * (dots_y - 1))

    if pass_mark is not None:
        for x in range(0, dots_x, 3):  # a dotted rule
            plot(x, to_y(pass_mark), len(COLOURS) - 1)
    for n, line in enumerate(series):
        points = _points(line.values, dots_x, to_y)
        for (x0, y0), (x1, y1) in pairwise(points):
            for x, y in _segment(x0, y0, x1, y1):
                plot(x, y, n % len(COLOURS))
        for x, y in points:
            plot(x, y, n % len(COLOURS))
    if axes is None:
        return _compose(cells, owner, series, rows)
    count = max((len(line.values) for line in series), default=0)
    chart = _compose(cells, owner, series, rows, _x_axis(axes.x, cols, count))
    return Text(axes.y + "\n", style="dim") + chart


def _points(
    values: Sequence[float | None], dots_x: int, to_y: Callable[[float], int]
) -> list[tuple[int, int]]:
    count = len(values)
    out = []
    for i, value in enumerate(values):
        if value is None:
            continue
        x = round(i * (dots_x - 1) / (count - 1)) if count > 1 else dots_x // 2
        out.append((x, to_y(value)))
    return out


def _segment(x0: int, y0: int, x1: int, y1: int) -> list[tuple[int, int]]:
    """The dots of a straight line (Bresenham)."""
    out = []
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    while True:
        out.append((x0, y0))
        if (x0, y0) == (x1, y1):
            return out
        double = 2 * error
        if double >= dy:
            error += dy
            x0 += sx
        if double <= dx:
            error += dx
            y0 += sy


def _x_axis(name: str, cols: int, count: int) -> Text:
    """``└────`` under the plot, then the first call's number, the axis name in the
    middle and the last call's number (widths in cells: the name may be Japanese)."""
    text = Text(" " * (AXIS_WIDTH - 1) + "└" + "─" * cols + "\n", style="dim")
    first, last = ("1", str(count)) if count > 1 else ("", "")
    room = cols - len(first) - len(last)
    if cell_len(name) > room - 2:
        name = ""  # too narrow for the name: the numbers alone
    left = (room - cell_len(name)) // 2
    line = first + " " * left + name + " " * (room - left - cell_len(name)) + last
    text.append(" " * AXIS_WIDTH + line.rstrip() + "\n", style="dim")
    return text


def _compose(
    cells: list[list[int]],
    owner: list[list[int]],
    series: Sequence[ChartSeries],
    rows: int,
    x_axis: Text | None = None,
) -> Text:
    text = Text()
    for r in range(rows):
        label = {0: "100", rows // 2: " 50", rows - 1: "  0"}.get(r, "   ")
        text.append(f"{label}┤", style="dim")
        for c, bits in enumerate(cells[r]):
            style = COLOURS[owner[r][c]] if owner[r][c] >= 0 else ""
            text.append(chr(BRAILLE_BASE + bits) if bits else " ", style=style)
        text.append("\n")
    if x_axis is not None:
        text.append_text(x_axis)
    for n, line in enumerate(series):
        text.append("  ■ ", style=COLOURS[n % len(COLOURS)])
        last = next((v for v in reversed(line.values) if v is not None), None)
        text.append(line.name + ("" if last is None else f" {last:g}"))
    return text


class ProgressChart(Static):
    """Scores over time. ``show(series, pass_mark)``; redraws to fit when resized."""

    DEFAULT_CSS = "ProgressChart { height: auto; min-height: 6; }"

    def __init__(self, title: str = "", *, rows: int = 8, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.rows = rows
        self.series: list[ChartSeries] = []
        self.pass_mark: float | None = None

    def show(self, series: Sequence[ChartSeries], pass_mark: float | None = None) -> None:
        self.series = list(series)
        self.pass_mark = pass_mark
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = max(20, self.size.width or 60)
        axes = Axes(t("progress.axis_score"), t("progress.axis_calls"))
        chart = render_chart(self.series, width, self.rows, self.pass_mark, axes)
        heading = Text(shown(self.title) + "\n", style="bold") if self.title else Text()
        self.update(heading + chart)
