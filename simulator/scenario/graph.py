"""The branch graph of a scenario, for trainers to review: a terminal tree and a
self-contained HTML page with an inline SVG (no scripts, fonts or network).

Every text that comes from the scenario file is escaped before it goes into HTML.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from html import escape

from simulator.i18n import current_language, t
from simulator.scenario.lint import shadowed_branches
from simulator.scenario.model import Branch, Condition, Scenario, Turn

_OUTCOME_COLOURS = {"resolved": "#2e7d32", "escalated": "#ef6c00", "hung_up": "#c62828"}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str  # the condition, short
    mood: int
    dead: bool  # shadowed: never taken


def edges_of(scenario: Scenario) -> list[Edge]:
    edges = []
    for turn in scenario.turns:
        dead = {index for index, _ in shadowed_branches(turn)}
        for index, branch in enumerate(turn.branches):
            edges.append(_edge(turn, branch, describe(branch.when), index in dead))
        if turn.otherwise is not None:
            edges.append(_edge(turn, turn.otherwise, "otherwise", False))
        onward = turn.skip_to or (turn.otherwise.next if turn.otherwise else None)
        if turn.unless_told and onward is not None:
            label = t("graph.skipped_when_told", facts=", ".join(turn.unless_told))
            edges.append(Edge(turn.id, onward, label, 0, False))
        elif turn.once and onward is not None:
            edges.append(Edge(turn.id, onward, t("graph.skipped_when_asked"), 0, False))
    return edges


def _edge(turn: Turn, branch: Branch, label: str, dead: bool) -> Edge:
    return Edge(turn.id, branch.next, label, branch.mood, dead)


def describe(when: Condition) -> str:
    """``detected: apology; mood_below: 60`` — the parts that are set, in field order;
    nested conditions in braces (``any: {said: order} | {detected: confirmation}``)."""
    parts = []
    for item in dataclasses.fields(when):
        value = getattr(when, item.name)
        if value == item.default:
            continue
        name = item.name.rstrip("_")  # `not_` is written `not`
        if isinstance(value, Condition):
            value = "{" + describe(value) + "}"
        elif isinstance(value, tuple) and value and isinstance(value[0], Condition):
            value = " | ".join("{" + describe(inner) + "}" for inner in value)
        elif isinstance(value, tuple):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = str(value).lower()
        parts.append(f"{name}: {value}")
    return "; ".join(parts) or t("graph.always")


def _mood(change: int) -> str:
    return t("graph.mood", change=f"{change:+d}" if change else "±0")


def _first_line(turn: Turn, width: int = 40) -> str:
    text = " ".join(turn.say[0].split()) if turn.say else ""
    return text if len(text) <= width else text[: width - 1] + "…"


# -- terminal tree ---------------------------------------------------------------------
def tree_text(scenario: Scenario) -> str:
    """Each turn is drawn under the branch that reaches it first going breadth first (so
    the shortest path reads at the shallowest level); elsewhere it is only named."""
    lines = [f"{scenario.id} — {scenario.title}"]
    edges = edges_of(scenario)
    by_source: dict[str, list[Edge]] = {}
    for edge in edges:
        by_source.setdefault(edge.source, []).append(edge)
    turns = {turn.id: turn for turn in scenario.turns}
    home = _home_edges(scenario.turns[0].id, by_source)
    quote = "「{}」" if scenario.language == "ja" else '"{}"'

    def walk(turn_id: str, prefix: str) -> None:
        children = by_source.get(turn_id, [])
        for number, edge in enumerate(children):
            last = number == len(children) - 1
            lines.append(prefix + ("└─ " if last else "├─ ") + _edge_text(scenario, edge))
            inner = prefix + ("   " if last else "│  ")
            if home.get(edge.target) is edge:
                said = quote.format(_first_line(turns[edge.target]))
                lines.append(f"{inner}{edge.target}  {said}")
                lines.extend(inner + note for note in _wait_note(turns[edge.target], quote))
                walk(edge.target, inner)

    first = scenario.turns[0]
    lines.append(f"{first.id}  {quote.format(_first_line(first))}")
    lines.extend(_wait_note(first, quote))
    walk(first.id, "")
    unreached = [t.id for t in scenario.turns if t.id != first.id and t.id not in home]
    if unreached:
        lines.append(t("graph.unreached", turns=", ".join(unreached)))
    return "\n".join(lines) + "\n"


def _wait_note(turn: Turn, quote: str) -> list[str]:
    """What this turn's caller says when asked to wait, or that they will not wait."""
    if turn.waits == 0:
        return [t("graph.no_wait")]
    if turn.wait_say:
        return [t("graph.waits", line=quote.format(turn.wait_say[0]))]
    return []


def _home_edges(start: str, by_source: dict[str, list[Edge]]) -> dict[str, Edge]:
    """Turn id → the live edge that first reaches it, breadth first from ``start``."""
    home: dict[str, Edge] = {}
    seen, queue = {start}, [start]
    while queue:
        current = queue.pop(0)
        for edge in by_source.get(current, []):
            if edge.dead or edge.target in seen or edge.target not in by_source:
                continue
            seen.add(edge.target)
            home[edge.target] = edge
            queue.append(edge.target)
    return home


def _edge_text(scenario: Scenario, edge: Edge) -> str:
    target = edge.target
    if target in scenario.endings:
        target = f"■ {target} ({scenario.endings[target].outcome})"
    text = f"[{edge.label}] {_mood(edge.mood)} → {target}"
    return text + (t("graph.never_taken.tree") if edge.dead else "")


# -- HTML with an inline SVG -----------------------------------------------------------
_NODE_W, _NODE_H, _COL, _ROW, _PAD = 190, 46, 300, 86, 30


def _layers(scenario: Scenario, edges: list[Edge]) -> dict[str, int]:
    """Column of each node: its distance from the first turn (unreached ones last)."""
    depth = {scenario.turns[0].id: 0}
    todo = [scenario.turns[0].id]
    while todo:
        current = todo.pop(0)
        for edge in edges:
            if edge.source == current and edge.target not in depth:
                depth[edge.target] = depth[current] + 1
                todo.append(edge.target)
    last = max(depth.values(), default=0) + 1
    for name in [*(turn.id for turn in scenario.turns), *scenario.endings]:
        depth.setdefault(name, last)
    return depth


def _positions(scenario: Scenario, edges: list[Edge]) -> dict[str, tuple[int, int]]:
    depth = _layers(scenario, edges)
    rows: dict[int, int] = {}
    places = {}
    for name in [*(turn.id for turn in scenario.turns), *scenario.endings]:
        column = depth[name]
        row = rows[column] = rows.get(column, -1) + 1
        places[name] = (_PAD + column * _COL, _PAD + row * _ROW)
    return places


def graph_html(scenario: Scenario) -> str:
    edges = edges_of(scenario)
    places = _positions(scenario, edges)
    width = max(x for x, _ in places.values()) + _NODE_W + _PAD
    height = max(y for _, y in places.values()) + _NODE_H + _PAD + 60  # room for loops
    svg = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(t("graph.aria"))}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#555"/></marker></defs>',
    ]
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for edge in edges:
        if edge.target in places:
            pairs.setdefault((edge.source, edge.target), []).append(edge)
    svg += [_edge_svg(group, places) for group in pairs.values()]
    svg += [_node_svg(scenario, name, place) for name, place in places.items()]
    svg.append("</svg>")
    title = escape(f"{scenario.id} — {scenario.title}")
    return _PAGE.format(
        lang=current_language(),
        title=title,
        legend=escape(t("graph.legend")),
        svg="\n".join(svg),
        turns=escape(t("graph.turns")),
        headings="".join(f"<th>{escape(t(key))}</th>" for key in _HEADINGS),
        table=_table(scenario),
    )


def _edge_svg(group: list[Edge], places: dict[str, tuple[int, int]]) -> str:
    """One arrow per pair of boxes; its label lists the mood changes, its tooltip
    every branch's condition."""
    first = group[0]
    (sx, sy), (tx, ty) = places[first.source], places[first.target]
    x1, y1 = float(sx + _NODE_W), sy + _NODE_H / 2
    x2, y2 = float(tx), ty + _NODE_H / 2
    if tx <= sx:  # back or same column: loop below the boxes
        x1, y1, x2, y2 = sx + _NODE_W / 2, sy + _NODE_H, tx + _NODE_W / 2, ty + _NODE_H
        bend = max(sy, ty) + _NODE_H + 40.0
        path = f"M{x1},{y1} C{x1},{bend} {x2},{bend} {x2},{y2}"
        mx, my = (x1 + x2) / 2, bend - 8.0
    else:
        middle = (x1 + x2) / 2
        path = f"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}"
        mx, my = x1 + (x2 - x1) * 0.35, y1 + (y2 - y1) * 0.2 - 4
    live = [edge for edge in group if not edge.dead]
    dash = "" if live else ' stroke-dasharray="5,4"'
    worst = max(edge.mood for edge in live or group)
    best = min(edge.mood for edge in live or group)
    colour = "#c62828" if best > 0 else "#2e7d32" if worst < 0 else "#555"
    tip = "\n".join(
        f"{edge.label} — {_mood(edge.mood)}" + (t("graph.never_taken") if edge.dead else "")
        for edge in group
    )
    label = " ".join(f"{edge.mood:+d}" for edge in live or group)
    return (
        f"<g><title>{escape(tip)}</title>"
        f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.4"{dash} '
        f'marker-end="url(#arrow)"/>'
        f'<text x="{mx:.0f}" y="{my:.0f}" font-size="10" text-anchor="middle" fill="{colour}">'
        f"{escape(label)}</text></g>"
    )


def _node_svg(scenario: Scenario, name: str, place: tuple[int, int]) -> str:
    x, y = place
    ending = scenario.endings.get(name)
    fill = _OUTCOME_COLOURS.get(ending.outcome, "#6a1b9a") if ending else "#1565c0"
    room = 15 if scenario.language == "ja" else 28  # a kanji takes two columns
    sub = ending.outcome if ending else _first_line(scenario.turn(name), room)
    radius = 20 if ending else 6
    return (
        f'<g><rect x="{x}" y="{y}" width="{_NODE_W}" height="{_NODE_H}" rx="{radius}" '
        f'fill="{fill}" fill-opacity="0.12" stroke="{fill}"/>'
        f'<text x="{x + 10}" y="{y + 19}" font-size="13" font-weight="bold">{escape(name)}</text>'
        f'<text x="{x + 10}" y="{y + 36}" font-size="11" fill="#333">{escape(sub)}</text></g>'
    )


def _table(scenario: Scenario) -> str:
    rows = []
    for turn in scenario.turns:
        quote = "「{}」" if scenario.language == "ja" else '"{}"'
        said = "<br>".join(
            [escape(line) for line in turn.say]
            + [f"<i>{escape(note)}</i>" for note in _wait_note(turn, quote)]
        )
        exits = "<br>".join(
            escape(f"[{e.label}] {_mood(e.mood)} → {e.target}")
            + (f"<em>{escape(t('graph.never_taken'))}</em>" if e.dead else "")
            for e in edges_of(scenario)
            if e.source == turn.id
        )
        answer = escape(turn.model_answer or "")
        rows.append(
            f"<tr><td><b>{escape(turn.id)}</b></td><td>{said}</td>"
            f"<td>{exits}</td><td>{answer}</td></tr>"
        )
    return "\n".join(rows)


_HEADINGS = ("graph.col.turn", "graph.col.says", "graph.col.branches", "graph.col.answer")
_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:1.5em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;vertical-align:top;font-size:13px}}
.graph{{overflow:auto;border:1px solid #ddd}}</style></head>
<body><h1>{title}</h1>
<p>{legend}</p>
<div class="graph">
{svg}
</div>
<h2>{turns}</h2>
<table><tr>{headings}</tr>
{table}
</table></body></html>
"""
