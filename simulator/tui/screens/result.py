"""After the call: outcome, score card, feedback and model answers; retry or go home
(in a drill: no retry, on to the set's next scenario)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from simulator.i18n import t
from simulator.scenario.model import Scenario
from simulator.tui.bindings import translate_bindings
from simulator.tui.services import CallOptions
from simulator.tui.widgets.scorecard_view import ScorecardView

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp


class ResultScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "retry", "binding.retry", id="result.retry"),
        Binding("n,enter", "next", "binding.next_scenario", id="result.next"),
        Binding("escape,h", "home", "binding.home", id="result.home"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        options: CallOptions,
        record: Mapping[str, Any],
        card: Mapping[str, Any] | None,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.options = options
        self.record = record
        self.card = card
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(t("result.title", title=self.scenario.title), classes="title")
        yield ScorecardView(self.scenario, self.record, self.card, id="scorecard")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ScorecardView).focus()
        if self.options.drill and self.cc.drill is not None:
            self.cc.drill.record(self.scenario.id, self.record, self.card)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A drill has no retry; its next step is the set's next scenario."""
        if action == "retry":
            return not self.options.drill
        if action == "next":
            return self.options.drill
        return True

    def action_retry(self) -> None:
        if not self.options.drill:
            self.cc.start_call(self.scenario, self.options, replace_screen=True)

    def action_next(self) -> None:
        """The next scenario's briefing over the drill screen, or (after the last one)
        the drill screen itself, which then shows the summary."""
        from simulator.tui.screens.briefing import BriefingScreen

        drill = self.cc.drill
        if not self.options.drill or drill is None:
            return
        self.cc.go_home()
        following = drill.next_scenario()
        if following is not None:
            self.app.push_screen(BriefingScreen(following, self.options))

    def action_home(self) -> None:
        self.cc.go_home()
