"""The result of a call: outcome, score, dimensions, per-turn feedback, model answers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.i18n import label, t
from simulator.scenario.model import Scenario
from simulator.tui import plain as safe
from simulator.tui.kinsoku import KinsokuText

SEVERITY_STYLE = {"good": "green", "info": "cyan", "warn": "yellow", "error": "red"}


def _headline(outcome: str | None, card: Mapping[str, Any] | None) -> Text:
    line = Text(t("result.outcome") + " ", style="bold")
    line.append(safe.shown(label("outcome", outcome or "incomplete")), style="bold reverse")
    if card is None:
        line.append("   " + t("result.no_score"), style="dim")
        return line
    passed = bool(card.get("passed"))
    total = card.get("total")
    shown = t("result.not_measured") if total is None else total
    line.append("   " + t("result.total", total=shown), style="bold")
    line.append("  ")
    line.append(
        t("result.passed" if passed else "result.failed"),
        style="bold green" if passed else "bold red",
    )
    return line


def _dimensions(card: Mapping[str, Any]) -> Table:
    table = Table(show_edge=False, pad_edge=False, expand=False, box=None)
    table.add_column(t("result.col.dimension"), style="bold")
    table.add_column(t("result.col.score"), justify="right")
    table.add_column(t("result.col.weight"), justify="right", style="dim")
    for name, dim in (card.get("dimensions") or {}).items():
        score = dim.get("score") if isinstance(dim, Mapping) else dim
        weight = dim.get("weight") if isinstance(dim, Mapping) else None
        shown = t("result.not_measured") if score is None else str(round(score))
        weight_text = "" if weight is None else f"{weight:.0%}"
        table.add_row(safe.plain(label("dimension", name)), shown, weight_text)
    return table


def _count(value: Any) -> str:
    """How many times, or "not measured" when the metric is null (text mode)."""
    if value is None:
        return t("result.not_measured")
    return t("result.metric.times", n=len(value))


def _metrics(card: Mapping[str, Any]) -> Text:
    """One line of headline metrics; a null metric reads "not measured", never 0."""
    metrics = card.get("metrics") or {}
    talk = metrics.get("talk_ratio")
    parts = [
        t("result.metric.interruptions", value=_count(metrics.get("interruptions"))),
        t("result.metric.silences", value=_count(metrics.get("silences"))),
        t(
            "result.metric.talk",
            value=t("result.not_measured") if talk is None else f"{talk:.0%}",
        ),
    ]
    return Text(" · ".join(parts), style="dim")


class TurnNumbers:
    """Turns named as the trainee lived them: the n-th thing the caller raised in this
    call ("Turn 2"), not the scenario's internal turn ids (open, identify …)."""

    def __init__(self, record: Mapping[str, Any]) -> None:
        self.of_utterance: list[int] = []
        self.first: dict[str, int] = {}
        number, current = 0, None
        for utterance in record.get("utterances") or []:
            turn = utterance.get("turn") if isinstance(utterance, Mapping) else None
            is_caller = isinstance(utterance, Mapping) and utterance.get("speaker") == "customer"
            if is_caller and turn != current:
                number, current = number + 1, turn
                self.first.setdefault(str(turn), number)
            self.of_utterance.append(max(number, 1))

    def label(self, turn: object, utterance: object = None) -> str:
        if isinstance(utterance, int) and 0 <= utterance < len(self.of_utterance):
            return t("result.turn", n=self.of_utterance[utterance])
        number = self.first.get(str(turn)) if turn is not None else None
        return "" if number is None else t("result.turn", n=number)


def _feedback(card: Mapping[str, Any], numbers: TurnNumbers) -> list[RenderableType]:
    items = card.get("feedback") or []
    if not items:
        return []
    # A grid, so a long Japanese message wraps in its own column.
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for item in items:
        severity = str(item.get("severity", "info"))
        style = SEVERITY_STYLE.get(severity, "")
        tag = Text(f"[{safe.shown(label('severity', severity))}]", style=style)
        message = KinsokuText(safe.shown(item.get("message", "")))
        turn = numbers.label(item.get("turn"), item.get("utterance"))
        grid.add_row(tag, safe.plain(turn), message)
    return [Text(t("result.feedback"), style="bold underline"), grid, Text("")]


def _model_answers(
    scenario: Scenario, record: Mapping[str, Any], numbers: TurnNumbers
) -> list[RenderableType]:
    """The model answer of every turn the call went through, in call order: the
    caller's line as it was said, and the answer written for that variant."""
    heard: dict[str, str] = {}  # turn id → the caller's first line on it
    for utterance in record.get("utterances", []):
        turn = utterance.get("turn")
        if utterance.get("speaker") == "customer" and turn not in heard:
            heard[turn] = str(utterance.get("text") or "")
    turns = {turn.id: turn for turn in scenario.turns}
    answers = [
        (turns[v], line, turns[v].answer_for(line))
        for v, line in heard.items()
        if v in turns and turns[v].answer_for(line)
    ]
    if not answers:
        return []
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    for turn, line, answer in answers:
        said = line if line in turn.say else turn.say[0]
        grid.add_row(safe.plain(numbers.label(turn.id)), KinsokuText(safe.plain(said, "dim")))
        grid.add_row("→", KinsokuText(safe.plain(answer or "", "green")))
    parts: list[RenderableType] = [Text(t("result.model_answers"), style="bold underline"), grid]
    return parts


def result_renderable(
    scenario: Scenario, record: Mapping[str, Any], card: Mapping[str, Any] | None
) -> Group:
    numbers = TurnNumbers(record)
    parts: list[RenderableType] = [_headline(record.get("outcome"), card), Text("")]
    if card is not None:
        parts += [_dimensions(card), _metrics(card), Text("")]
        parts += _feedback(card, numbers)
    parts += _model_answers(scenario, record, numbers)
    return Group(*parts)


class ScorecardView(VerticalScroll):
    DEFAULT_CSS = """
    ScorecardView { height: 1fr; padding: 0 1; }
    """

    def __init__(
        self,
        scenario: Scenario,
        record: Mapping[str, Any],
        card: Mapping[str, Any] | None,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._content = result_renderable(scenario, record, card)

    def compose(self) -> ComposeResult:
        yield Static(self._content)
