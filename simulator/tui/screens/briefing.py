"""The briefing before a call: read what happened, choose level and practice, Start."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from simulator.i18n import label, t
from simulator.scenario.model import LEVELS, Scenario
from simulator.tui.bindings import translate_bindings
from simulator.tui.services import CallOptions
from simulator.tui.widgets.briefing_view import BriefingView

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp


class BriefingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "start", "binding.start", id="briefing.start"),
        Binding("l", "level", "binding.level", id="briefing.level"),
        Binding("p", "practice", "binding.practice", id="briefing.practice"),
        Binding("escape", "app.pop_screen", "binding.back", id="briefing.back"),
    ]

    def __init__(self, scenario: Scenario, options: CallOptions) -> None:
        super().__init__()
        self.scenario = scenario
        self.options = options
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(t("briefing.title", title=self.scenario.title), classes="title")
        yield BriefingView(self.scenario, id="briefing")
        yield Static(id="options")
        yield Footer()

    def on_mount(self) -> None:
        self._show_options()
        self.query_one(BriefingView).focus()

    def _show_options(self) -> None:
        level = self.options.level or self.scenario.difficulty
        practice = t("briefing.on" if self.options.practice else "briefing.off")
        self.query_one("#options", Static).update(
            t("briefing.options", level=label("level", level), practice=practice)
        )

    def action_level(self) -> None:
        level = self.options.level or self.scenario.difficulty
        following = LEVELS[(LEVELS.index(level) + 1) % len(LEVELS)] if level in LEVELS else 2
        self.options = replace(self.options, level=following)
        self._show_options()

    def action_practice(self) -> None:
        self.options = replace(self.options, practice=not self.options.practice)
        self._show_options()

    def action_start(self) -> None:
        self.cc.start_call(self.scenario, self.options)
