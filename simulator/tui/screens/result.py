"""After the call: outcome, score card, feedback and model answers; retry or go home."""

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

    def action_retry(self) -> None:
        self.cc.start_call(self.scenario, self.options, replace_screen=True)

    def action_home(self) -> None:
        self.cc.go_home()
