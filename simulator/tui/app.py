"""The CallCoach Textual app: screens, shared services, one handler for worker errors."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker

from simulator.engine.session import CallSession
from simulator.i18n import t
from simulator.scenario.model import Scenario
from simulator.tui.bindings import translate_bindings
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.services import CallOptions, Services
from simulator.tui.settings import TuiSettings, load_settings, save_settings
from simulator.tui.worker_errors import report_failure

if TYPE_CHECKING:
    from simulator.tui.drill import TuiDrill


class CallCoachApp(App[int]):
    CSS_PATH = "callcoach.tcss"
    TITLE = "CallCoach"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "binding.quit", id="app.quit", show=False, priority=True),
    ]

    def __init__(
        self,
        services: Services,
        options: CallOptions | None = None,
        *,
        scenario: Scenario | None = None,
        cursor_blink: bool = True,
        drill: TuiDrill | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.settings = load_settings(services.settings_path)
        given = options or CallOptions()
        self.options = replace(given, trainee=given.trainee or self.settings.trainee)
        self.first_scenario = scenario
        self.cursor_blink = cursor_blink
        self.drill = drill  # a drill run (simulator.tui.drill): its screen comes first
        translate_bindings(self)

    def get_default_screen(self) -> Screen[None]:
        if self.drill is not None:
            from simulator.tui.screens.drill_summary import DrillScreen

            return DrillScreen(self.drill)
        return HomeScreen()

    def on_mount(self) -> None:
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))
        if self.first_scenario is not None:
            self.push_screen(BriefingScreen(self.first_scenario, self.options))

    def on_unmount(self) -> None:
        self.services.close()

    # -- navigation -------------------------------------------------------------
    @work(thread=True, group="library", exclusive=True, exit_on_error=False)
    def open_briefing(self, scenario_id: str) -> None:
        scenario = self.services.library.resolve(scenario_id)
        self.call_from_thread(self.push_screen, BriefingScreen(scenario, self.options))

    def start_call(
        self, scenario: Scenario, options: CallOptions, *, replace_screen: bool = False
    ) -> None:
        options = replace(options, trainee=self.options.trainee)
        screen: Screen[None]
        if options.input == "voice":
            from simulator.tui.screens.voice_call import VoiceCallScreen

            screen = VoiceCallScreen(scenario, options, self.services.clock_factory())
        else:
            screen = CallScreen(scenario, options, self.services.clock_factory())
        if replace_screen:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_result(self, scenario: Scenario, options: CallOptions, session: CallSession) -> None:
        self.switch_screen(ResultScreen(scenario, options, session.record, session.scorecard))

    def go_home(self) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def set_trainee(self, name: str | None) -> None:
        self.options = replace(self.options, trainee=name)
        self._keep_settings(replace(self.settings, trainee=name))

    def remember_language_filter(self, language: str) -> None:
        """The home screen's language filter, as it was left ("*": every language)."""
        self._keep_settings(replace(self.settings, language_filter=language))

    def _keep_settings(self, settings: TuiSettings) -> None:
        self.settings = settings
        try:
            save_settings(self.services.settings_path, self.settings)
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(t("error.settings", reason=reason), severity="error", markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)
