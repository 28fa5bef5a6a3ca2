"""The call (text mode): the caller's lines appear at speaking pace, the trainee types.

An input adapter of the engine's ``CallLoop``: keystrokes, holds and a timer become
loop events; the screen only draws what the loop reports. Every loop step may commit
to the database, so it runs in one exclusive thread-worker group, one step at a time,
in order; the screen changes only when the worker posts ``Stepped``.

Text-mode timing: a reply starts at its first keystroke (a paste or an IME commit is
its first keystroke) and lasts as long as saying it takes at the language's normal
pace (``CallLoop.spoken_seconds``); the caller answers once it was sent.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from simulator.clock import Clock
from simulator.engine.loop import CallEnded, CallLoop, LoopEvent
from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.scenario.model import Scenario
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain
from simulator.tui.screens.call_base import CallScreenBase
from simulator.tui.services import CallOptions
from simulator.tui.widgets.hint_panel import HintPanel
from simulator.tui.widgets.hold_timer import HoldTimer
from simulator.tui.widgets.mood_meter import MoodMeter
from simulator.tui.widgets.saving import SaveNotice
from simulator.tui.widgets.transcript import Transcript

TICK_SECONDS = 0.05
END_PAUSE = 1.5  # seconds to read the caller's last words before the result
LoopStep = Callable[[CallLoop], object]


class CallScreen(CallScreenBase):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2,ctrl+o", "hold", "binding.hold", id="call.hold"),
        Binding("f3,ctrl+g", "hint", "binding.hint", id="call.hint"),
        Binding("escape", "abandon", "binding.abandon", id="call.abandon"),
    ]

    class Stepped(Message):
        """The loop finished one step; ``events`` is what it reported."""

        def __init__(self, events: list[LoopEvent]) -> None:
            super().__init__()
            self.events = events

    def __init__(self, scenario: Scenario, options: CallOptions, clock: Clock) -> None:
        super().__init__(scenario, options, clock)
        self.loop: CallLoop | None = None
        self.busy = False
        self.typing_since: float | None = None  # first keystroke of the reply being typed
        self.typed_over_caller = False
        self.hold_since: float | None = None
        self._steps: deque[Callable[[], None]] = deque()
        self._leave_at: float | None = None  # when the result follows
        self._status = ""
        translate_bindings(self)

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
        self._steps.append(partial(self._open, start))
        self._run_next()

    # -- loop steps (worker thread) ---------------------------------------------
    def _open(self, at: float) -> None:
        session = self.cc.services.session_factory(self.scenario, self.options, self.open_sinks())
        loop = CallLoop(session, time_limit=self.options.time_limit)
        loop.start(at)
        self.session, self.loop = session, loop

    def queue_step(self, step: LoopStep) -> None:
        """Runs ``step`` on the loop after every step queued before it."""
        self._steps.append(partial(self._on_loop, step))
        self._run_next()

    def _on_loop(self, step: LoopStep) -> None:
        if self.loop is None:  # the opening step failed
            raise CallCoachError(t("call.no_session"))
        step(self.loop)

    def _run_next(self) -> None:
        if self.busy or not self._steps:
            return
        work = self._steps.popleft()
        self.busy = True
        self.run_worker(
            partial(self._run_step, work),
            name="engine-step",
            group="engine",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def _run_step(self, work: Callable[[], None]) -> None:
        work()
        self.post_message(self.Stepped(self.loop.take_events() if self.loop else []))

    def on_call_screen_stepped(self, message: CallScreen.Stepped) -> None:
        self.busy = False
        self.draw(message.events)
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
    def tick(self) -> None:
        """Runs every TICK_SECONDS (tests call it after moving a virtual clock)."""
        now = self.clock.now()
        self.transcript.reveal(now)
        if self.hold_since is not None:
            self.query_one(HoldTimer).show(max(0.0, now - self.hold_since))
        self._show_status(now)
        loop = self.loop
        if loop is None or self.busy or self._steps:
            return
        due = loop.next_due()
        if due is not None and due[0] <= now:
            self.queue_step(lambda loop: loop.tick(now))
        elif self._leave_at is not None and now >= self._leave_at:
            self._leave_at = None
            self.show_result()

    def call_ended(self, event: CallEnded) -> None:
        """The result follows once the caller's last words have been read — at once
        when the trainee abandoned or the time was up."""
        self._ended = True
        self.query_one("#reply", Input).disabled = True
        self.hold_since = None
        self.query_one(HoldTimer).stop()
        if event.timed_out:
            self.transcript.add_note(t("call.note.time_up"))
        if event.outcome == "abandoned" or self.loop is None:
            self._leave_at = self.clock.now()
        else:
            self._leave_at = self.loop.caller_free_at + END_PAUSE

    def _show_status(self, now: float) -> None:
        minutes, seconds = divmod(int(now), 60)
        parts = [t("call.elapsed", time=f"{minutes:02d}:{seconds:02d}")]
        limit = self.options.time_limit
        if limit is not None:
            left = max(0, int(limit - now + 0.999))  # counts down to 00:00 at the limit
            parts.append(t("call.time_left", time=f"{left // 60:02d}:{left % 60:02d}"))
        if self.loop is None:
            parts.append(t("call.connecting"))
        elif self._ended:
            parts.append(t("call.ended"))
        elif self.loop.caller_speaking(now):
            over = self.typing_since is not None
            parts.append(t("call.cutting_in" if over else "call.caller_speaking"))
        elif self.loop.trainee_speaking(now):
            parts.append(t("call.reply_speaking"))
        elif self.caller_waiting and self.hold_since is None:
            parts.append(t("call.caller_waiting"))
        if self.options.practice:
            parts.append(t("call.practice"))
        status = "  ".join(parts)
        if status != self._status:
            self._status = status
            self.query_one("#status", Static).update(status)

    # -- the trainee ------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        if self.loop is None or self._ended:
            return
        if event.value and self.typing_since is None:
            now = self.clock.now()
            self.typing_since = now
            self.typed_over_caller = self.loop.caller_speaking(now)
            self.queue_step(lambda loop: loop.trainee_started(now))
        elif not event.value and self.typing_since is not None:
            self.typing_since, self.typed_over_caller = None, False
            self.queue_step(CallLoop.trainee_stopped)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text and self.loop is None and not self.busy:  # the opening step failed
            self.notify(t("call.no_session"), severity="error", markup=False)
            return
        if not text or self.loop is None or self._ended or self.hold_since is not None:
            return
        now = self.clock.now()
        start = now if self.typing_since is None else self.typing_since
        spoken = self.loop.spoken_seconds(text)
        typed = {"typed": [round(start, 3), round(now, 3)]}
        self.transcript.add_reply(text, over_caller=self.typed_over_caller)
        self.typing_since, self.typed_over_caller = None, False
        event.input.value = ""
        self.query_one(HintPanel).hide()
        self.queue_step(
            lambda loop: loop.trainee_replied(
                text, start, start + spoken, answer_after=now, spoken_seconds=spoken, extra=typed
            )
        )

    def action_hold(self) -> None:
        if self.loop is None or self._ended:
            return
        now = self.clock.now()
        reply = self.query_one("#reply", Input)
        timer = self.query_one(HoldTimer)
        if self.hold_since is None:
            self.hold_since = now
            timer.start()
            reply.disabled = True
            self.typing_since, self.typed_over_caller = None, False
            self.transcript.add_note(t("call.note.hold_start"))
            self.queue_step(lambda loop: loop.hold(now))
            return
        start, self.hold_since = self.hold_since, None
        timer.stop()
        reply.disabled = False
        reply.focus()
        self.transcript.add_note(t("call.note.hold_end", seconds=int(now - start)))
        self.queue_step(lambda loop: loop.unhold(now))

    def action_hint(self) -> None:
        loop = self.loop
        if loop is None or self.busy or not self.options.practice:
            return
        conversation = loop.session.conversation
        turn = conversation.turn
        if self.query_one(HintPanel).toggle_for(turn, conversation.line):
            now = self.clock.now()
            # Hints used are part of the record (a trainer sees them; drills forbid them).
            self.queue_step(lambda loop: loop.note(now, "hint", turn=turn.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hint":
            return self.options.practice
        return True

    def can_abandon(self) -> bool:
        return self.loop is not None

    def abandon_call(self) -> None:
        now = self.clock.now()  # a hold ends with the call (recorded up to now)
        self.queue_step(lambda loop: loop.abandon(now))
