"""What the text and the voice call screens share: the scenario, options and clock;
the transcript, mood meter and hold timer; opening the session's sinks; asking before
abandoning; drawing what the engine's CallLoop reports; the result at the end."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from simulator.clock import Clock
from simulator.engine.loop import (
    CallEnded,
    CallerWaiting,
    LineFinished,
    LineStarted,
    LoopEvent,
    MoodChanged,
)
from simulator.engine.session import CallSession
from simulator.scenario.model import Scenario
from simulator.tui.services import CallOptions
from simulator.tui.widgets.mood_meter import MoodMeter
from simulator.tui.widgets.saving import abandon_question, follow_saving
from simulator.tui.widgets.transcript import Transcript
from simulator.tui.worker_errors import WorkerScreen

if TYPE_CHECKING:
    from simulator.engine.record import SessionSink
    from simulator.tui.app import CallCoachApp


class CallScreenBase(WorkerScreen):
    def __init__(self, scenario: Scenario, options: CallOptions, clock: Clock) -> None:
        super().__init__()
        self.scenario, self.options, self.clock = scenario, options, clock
        self.session: CallSession | None = None
        self._ended = False
        self.caller_waiting = False  # asked to wait, the caller waits for the answer

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    def open_sinks(self) -> list[SessionSink]:
        """The session's sinks (worker thread); the screen's save notice follows how
        saving goes (a full disk, a store that cannot open: the call goes on)."""
        sinks, _ = self.cc.services.call_sinks()
        self.app.call_from_thread(follow_saving, self, sinks)
        return list(sinks)

    def draw(self, events: list[LoopEvent]) -> None:
        """What the call loop reported, on the screen (UI thread)."""
        for event in events:
            if isinstance(event, LineStarted):
                self.line_started(event)
            elif isinstance(event, LineFinished) and event.cut:
                self.transcript.cut_caller(event.at)
            elif isinstance(event, MoodChanged):
                self.query_one(MoodMeter).mood = event.mood
            elif isinstance(event, CallerWaiting):
                self.caller_waiting = event.waiting
            elif isinstance(event, CallEnded):
                self.call_ended(event)

    def line_started(self, event: LineStarted) -> None:
        self.transcript.queue([event.speech])

    def call_ended(self, event: CallEnded) -> None:
        """The call is over; the screen says so (the subclass decides when the result
        follows)."""

    def show_result(self) -> None:
        if self.session is not None:
            self.cc.show_result(self.scenario, self.options, self.session)

    # -- abandoning -------------------------------------------------------------
    def action_abandon(self) -> None:
        if self._ended:
            return
        if not self.can_abandon():
            self.leave_unstarted()
            return
        from simulator.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(abandon_question(self)), self._abandon_confirmed)

    def _abandon_confirmed(self, yes: bool | None) -> None:
        if yes and not self._ended:
            self.abandon_call()

    def can_abandon(self) -> bool:
        """False: the call has not started; nothing to confirm."""
        return self.session is not None

    def leave_unstarted(self) -> None:
        """Escape before the call started (the voice screen leaves)."""

    def abandon_call(self) -> None:
        raise NotImplementedError
