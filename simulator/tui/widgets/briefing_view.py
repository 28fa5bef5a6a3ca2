"""The briefing: who is calling, what happened, the history and the policy."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.i18n import label, t
from simulator.scenario.model import Scenario
from simulator.tui.kinsoku import KinsokuText
from simulator.tui.plain import plain

# A space between two Japanese characters: left by YAML line folding (`>`), not meant.
_FOLDED_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) +(?=[\u3000-\u9fff\uff00-\uffef])")


def unwrap(text: str, language: str) -> str:
    """Joins the hard line breaks of a YAML block (Japanese has no spaces between words);
    blank lines stay paragraph breaks."""
    joiner = "" if language == "ja" else " "
    paragraphs = [p.strip() for p in text.split("\n\n")]
    joined = "\n".join(joiner.join(line.strip() for line in p.splitlines()) for p in paragraphs)
    return _FOLDED_SPACE.sub("", joined) if language == "ja" else joined


def _section(title: str, lines: Sequence[str], *, bullet: str = "・") -> list[RenderableType]:
    if not lines:
        return []
    heading = Text(title, style="bold underline")
    return [heading, *(KinsokuText(plain(f"{bullet}{line}")) for line in lines), Text("")]


def briefing_renderable(scenario: Scenario) -> Group:
    caller, brief, policy = scenario.caller, scenario.briefing, scenario.policy
    lang = scenario.language
    who = plain(t("briefing.caller_line", name=caller.name), "bold")
    who.append(f"  [{label('caller_type', caller.type)}]", style="bold magenta")
    parts: list[RenderableType] = [who]
    if caller.persona:
        parts.append(KinsokuText(plain(unwrap(caller.persona, lang), "italic")))
    parts.append(Text(""))
    parts += _section(t("briefing.situation"), [unwrap(brief.situation, lang)], bullet="")
    parts += _section(t("briefing.history"), brief.history)
    parts += _section(t("briefing.contacts"), brief.contacts)
    parts += _section(t("briefing.handled_by"), [brief.handled_by] if brief.handled_by else [])
    goal = [unwrap(brief.goal, lang)] if brief.goal else []
    parts += _section(t("briefing.goal"), goal, bullet="")
    parts += _section(t("briefing.may_offer"), policy.may_offer, bullet="○ ")
    parts += _section(t("briefing.must_not_promise"), policy.must_not_promise, bullet="✕ ")
    parts += _section(t("briefing.notes"), policy.notes)
    return Group(*parts)


class BriefingView(VerticalScroll):
    DEFAULT_CSS = """
    BriefingView { height: 1fr; padding: 0 1; }
    """

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        yield Static(briefing_renderable(self.scenario))
