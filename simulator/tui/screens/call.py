"""The call (text mode): the caller's lines appear at speaking pace, the trainee types.

Every engine call (start, reply, silence, hold, abandon) may commit to the database, so
it runs in one exclusive thread-worker group, one step at a time, in order; the screen
changes only when the worker posts ``Stepped``. A timer reveals the caller's lines on
the session clock and watches for silence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from simulator.engine.call import CallSession, Speech
from simulator.engine.clock import Clock
from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.scenario.model import Scenario
from simulator.team.timed import TimedCallSession
from simulator.tui.bindings import translate_bindings
from simulator.tui.call_timing import CallTiming
from simulator.tui.plain import plain
from simulator.tui.services import CallOptions
from simulator.tui.widgets.hint_panel import HintPanel
from simulator.tui.widgets.hold_timer import HoldTimer
from simulator.tui.widgets.mood_meter import MoodMeter
from simulator.tui.widgets.saving import SaveNotice, abandon_question, follow_saving
from simulator.tui.widgets.transcript import Transcript
from simulator.tui.worker_errors import WorkerScreen

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp

TICK_SECONDS = 0.05
END_PAUSE = 1.5  # seconds to read the caller's last words before the result
EngineStep = Callable[[CallSession], list[Speech]]
Work = Callable[[], list[Speech]]


class CallScreen(WorkerScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2,ctrl+o", "hold", "binding.hold", id="call.hold"),
        Binding("f3,ctrl+g", "hint", "binding.hint", id="call.hint"),
        Binding("escape", "abandon", "binding.abandon", id="call.abandon"),
    ]

    class Stepped(Message):
        """The engine finished one step; ``speeches`` are the caller's next lines."""

        def __init__(self, speeches: list[Speech], at: float) -> None:
            super().__init__()
            self.speeches = speeches
            self.at = at

    def __init__(self, scenario: Scenario, options: CallOptions, clock: Clock) -> None:
        super().__init__()
        self.scenario = scenario
        self.options = options
        self.clock = clock
        self.session: CallSession | None = None
        self.timing = CallTiming()
        self.busy = False
        self._steps: deque[tuple[Work, float]] = deque()
        self._ended = False
        self._abandoned = False
        self._status = ""
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        caller, mood = self.scenario.caller, self.scenario.mood
        yield Static(plain(t("call.title", title=self.scenario.title)), classes="title")
        yield MoodMeter(calm=mood.calm, hang_up=mood.hang_up, id="mood")
        with Horizontal(id="status-row"):
            yield Static(id="status")
            yield HoldTimer(self.scenario.hold.patience, id="hold")
        yield SaveNotice(id="save-notice")
        you = self.options.trainee or t("call.you")
        yield Transcript(caller.name, you, self.scenario.language, id="transcript")
        yield HintPanel(id="hint")
        yield Input(placeholder=t("call.placeholder"), id="reply")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reply", Input).cursor_blink = self.cc.cursor_blink
        self.query_one("#reply", Input).focus()
        self.set_interval(TICK_SECONDS, self.tick)
        start = self.clock.now()
        self.timing.quiet_since = start
        self._queue_open(start)

    # -- engine steps (worker thread) ------------------------------------------
    def _queue_open(self, at: float) -> None:
        self._steps.append((partial(self._open, at), at))
        self._run_next()

    def _open(self, at: float) -> list[Speech]:
        sinks, _ = self.cc.services.call_sinks()
        self.app.call_from_thread(follow_saving, self, sinks)
        self.session = self.cc.services.session_factory(self.scenario, self.options, sinks)
        return self.session.start(at)

    def queue_step(self, step: EngineStep, at: float) -> None:
        """Runs ``step`` on the session after every step queued before it."""
        self._steps.append((partial(self._on_session, step), at))
        self._run_next()

    def _on_session(self, step: EngineStep) -> list[Speech]:
        if self.session is None:  # the opening step failed
            raise CallCoachError(t("call.no_session"))
        return step(self.session)

    def _run_next(self) -> None:
        if self.busy or not self._steps:
            return
        work, at = self._steps.popleft()
        self.busy = True
        self.run_worker(
            partial(self._run_step, work, at),
            name="engine-step",
            group="engine",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _run_step(self, work: Work, at: float) -> None:
        self.post_message(self.Stepped(work(), at))

    def on_call_screen_stepped(self, message: CallScreen.Stepped) -> None:
        self.busy = False
        self.transcript.queue(message.speeches)
        ends = [s.end for s in message.speeches]
        self.timing.speaking_until = max([self.timing.speaking_until, *ends])
        self.timing.quiet_since = max(self.timing.quiet_since, message.at)
        if self.session is not None and not message.speeches:
            self.query_one(MoodMeter).mood = self.session.mood
        self._run_next()
        self.tick()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # WorkerScreen's handler (Textual calls it too) shows the error; the queue moves on.
        if event.worker.group == "engine" and event.state in (
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            self.busy = False
            self._run_next()

    # -- the clock ----------------------------------------------------------------
    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    def tick(self) -> None:
        """Runs every TICK_SECONDS (tests call it after moving a virtual clock)."""
        now = self.clock.now()
        for speech in self.transcript.reveal(now):
            self.query_one(MoodMeter).mood = speech.mood
        if self.timing.hold_since is not None:
            self.query_one(HoldTimer).show(self.timing.hold_seconds(now))
        self._show_status(now)
        session = self.session
        if session is None or self.busy or self._steps:
            return
        if isinstance(session, TimedCallSession) and session.is_over(now):
            self._time_up(now)
        elif session.outcome is not None:
            self._finish_when_said(now, session)
        elif self.timing.silence_due(now, session.conversation.silence_patience()):
            self.timing.quiet_since = now
            self.queue_step(lambda s: s.silence(now), now)

    def _finish_when_said(self, now: float, session: CallSession) -> None:
        """The result follows once the caller's last words have been read (or at once
        when the trainee abandoned the call)."""
        if not self._ended:
            self._ended = True
            self.query_one("#reply", Input).disabled = True
            if getattr(session, "timed_out", False):
                self.transcript.add_note(t("call.note.time_up"))
        heard = not self.transcript.revealing and now >= self.timing.speaking_until + END_PAUSE
        if self._abandoned or heard:
            self.cc.show_result(self.scenario, self.options, session)

    def _show_status(self, now: float) -> None:
        minutes, seconds = divmod(int(now), 60)
        parts = [t("call.elapsed", time=f"{minutes:02d}:{seconds:02d}")]
        limit = getattr(self.session, "time_limit", None)  # a drill's TimedCallSession
        if limit is not None:
            left = max(0, int(limit - now + 0.999))  # counts down to 00:00 at the limit
            parts.append(t("call.time_left", time=f"{left // 60:02d}:{left % 60:02d}"))
        if self.session is None:
            parts.append(t("call.connecting"))
        elif self.session.outcome is not None:
            parts.append(t("call.ended"))
        elif self.timing.caller_speaking(now):
            over = self.timing.typing_since is not None
            parts.append(t("call.cutting_in" if over else "call.caller_speaking"))
        if self.options.practice:
            parts.append(t("call.practice"))
        status = "  ".join(parts)
        if status != self._status:
            self._status = status
            self.query_one("#status", Static).update(status)

    # -- the trainee ------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if event.value:
            self.timing.typed(self.clock.now())
        else:
            self.timing.cleared()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self._ended or self.timing.hold_since is not None:
            return
        now = self.clock.now()
        start, end = self.timing.reply_span(now)
        self.transcript.add_reply(text, over_caller=self.timing.typed_over_caller)
        self.timing.cleared()
        event.input.value = ""
        self.query_one(HintPanel).hide()
        self.queue_step(
            lambda s: s.reply(text, start, end, spoken_seconds=s.spoken_seconds(text)), end
        )

    def action_hold(self) -> None:
        if self.session is None or self.session.outcome is not None:
            return
        now = self.clock.now()
        reply = self.query_one("#reply", Input)
        timer = self.query_one(HoldTimer)
        if self.timing.hold_since is None:
            self.timing.hold_since = now
            timer.start()
            reply.disabled = True
            self.transcript.add_note(t("call.note.hold_start"))
            return
        start, self.timing.hold_since = self.timing.hold_since, None
        timer.stop()
        reply.disabled = False
        reply.focus()
        self.transcript.add_note(t("call.note.hold_end", seconds=int(now - start)))
        self.timing.quiet_since = now
        self.queue_step(lambda s: s.hold(start, now), now)

    def action_hint(self) -> None:
        session = self.session
        if session is None or self.busy or not self.options.practice:
            return
        turn = session.conversation.turn
        if self.query_one(HintPanel).toggle_for(turn):
            now = self.clock.now()
            self.queue_step(lambda s: _note_hint(s, now, turn.id), now)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return self.options.practice
        return True

    def _time_up(self, now: float) -> None:
        """The drill's time limit has passed: the call ends now (a hold is cut off) and
        the result follows at once, as after abandoning."""
        hold_since, self.timing.hold_since = self.timing.hold_since, None
        if hold_since is not None:
            self.query_one(HoldTimer).stop()
        self._abandoned = True
        self.queue_step(lambda s: _end_at_limit(s, now, hold_since), now)

    def action_abandon(self) -> None:
        if self.session is None or self.session.outcome is not None:
            return
        from simulator.tui.screens.confirm import ConfirmScreen

        self.app.push_screen(ConfirmScreen(abandon_question(self)), self._abandon_confirmed)

    def _abandon_confirmed(self, yes: bool | None) -> None:
        if not yes:
            return
        if self.timing.hold_since is not None:
            self.action_hold()  # the hold ends before the call does
        now = self.clock.now()
        self._abandoned = True
        self.queue_step(lambda s: _abandon(s, now), now)


def _abandon(session: CallSession, t: float) -> list[Speech]:
    session.abandon(t)
    return []


def _end_at_limit(session: CallSession, t: float, hold_since: float | None) -> list[Speech]:
    if not isinstance(session, TimedCallSession):
        return []
    if hold_since is not None:
        session.hold(hold_since, t)  # records the hold up to the limit, then ends the call
    return session.time_up(t)


def _note_hint(session: CallSession, t: float, turn: str) -> list[Speech]:
    """Hints used are part of the record (a trainer sees them; drills may forbid them)."""
    session.recorder.add_event(t, "hint", turn=turn)
    return []
