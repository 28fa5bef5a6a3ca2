"""After the call: outcome, score card, feedback and model answers; retry or go home
(in a drill: no retry, on to the set's next scenario). A call with a recording lists
its turns: any of them can be played back (simulator.voice.playback)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Static

from simulator.audio import AudioError
from simulator.audio.devices import without_text_mode
from simulator.i18n import t
from simulator.scenario.model import Scenario
from simulator.scenario.version2 import personalise
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain
from simulator.tui.services import CallOptions
from simulator.tui.widgets.recording_panel import RecordingPanel
from simulator.tui.widgets.saving import SaveReport
from simulator.tui.widgets.scorecard_view import ScorecardView
from simulator.tui.widgets.turn_list import TurnList
from simulator.tui.worker_errors import WorkerScreen
from simulator.voice.playback import RecordedTurn, read_turn
from simulator.voice.turn_player import PlayerOpener, TurnPlayer, speaker_opener

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp


class ResultScreen(WorkerScreen):
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
        *,
        open_player: PlayerOpener | None = None,
    ) -> None:
        super().__init__()
        self.scenario = scenario
        self.options = options
        self.record = record
        self.card = card
        # Opened at the first play only: a result without playback never opens a device.
        self.player = TurnPlayer(open_player or speaker_opener(options.output_device))
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(plain(t("result.title", title=self.scenario.title)), classes="title")
        saving = self.cc.services.saving_for(str(self.record.get("id")))
        yield SaveReport(saving, id="save-report")
        # Model answers as this trainee's call said them ({trainee} filled).
        trainee = self.record.get("trainee")
        filled = personalise(self.scenario, trainee if isinstance(trainee, str) else None)
        yield ScorecardView(filled, self.record, self.card, id="scorecard")
        # In a drill Enter keeps meaning "next scenario": the list is one Tab away.
        yield RecordingPanel(
            self.record,
            caller=self.scenario.caller.name,
            trainee=self.trainee_label(),
            focus_list=not self.options.drill,
            id="recording",
        )
        yield Footer()

    def trainee_label(self) -> str:
        """How the turn list names the trainee (a past call of someone else's: them)."""
        return t("call.you")

    def on_mount(self) -> None:
        lists = self.query(TurnList)
        focus_list = lists and not self.options.drill
        (lists.first() if focus_list else self.query_one(ScorecardView)).focus()
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

    def on_unmount(self) -> None:
        self.player.close()

    # -- playback ---------------------------------------------------------------
    def on_turn_list_play(self, message: TurnList.Play) -> None:
        recording = self.query_one(RecordingPanel).recording
        if recording is not None:  # always, with a turn list to ask
            self.play_turn(recording, message.turn)

    def on_turn_list_stop(self, message: TurnList.Stop) -> None:
        self.player.stop()

    @work(thread=True, group="playback", exclusive=True, exit_on_error=False)
    def play_turn(self, recording: Path, turn: RecordedTurn) -> None:
        """Reads the turn's span and plays it; the UI hears back through call_from_thread.
        A missing device or a broken file is a notification, never a crash."""
        try:
            line = self.player.play(read_turn(recording, turn))
        except AudioError as error:
            self.app.call_from_thread(self._cannot_play, turn, without_text_mode(str(error)))
            return
        self.app.call_from_thread(self._playing, turn)
        finished = self.player.wait(line)
        self.app.call_from_thread(self._played, turn, finished)

    def _turn_list(self) -> TurnList | None:
        """None once the screen has gone (a worker may report after it closed)."""
        lists = self.query(TurnList)
        return lists.first() if lists else None

    def _playing(self, turn: RecordedTurn) -> None:
        if (turns := self._turn_list()) is not None:
            turns.show_playing(turn.index)

    def _played(self, turn: RecordedTurn, finished: bool) -> None:
        if (turns := self._turn_list()) is not None:
            turns.show_stopped(turn.index)
        if not finished:
            self.notify(
                t("result.recording.device_lost"), severity="error", timeout=8, markup=False
            )

    def _cannot_play(self, turn: RecordedTurn, reason: str) -> None:
        if (turns := self._turn_list()) is not None:
            turns.show_stopped(turn.index)
        message = t("result.recording.cannot_play", reason=reason)
        self.notify(message, severity="error", timeout=8, markup=False)
