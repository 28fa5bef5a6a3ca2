"""The call in voice mode: the caller is heard, the trainee answers out loud.

Audio, VAD and ASR run in the voice driver's threads (simulator.voice.driver); they
post typed messages here (simulator.tui.voice_messages), so the screen changes only
on the UI thread. When
voice cannot start (no device, no recogniser for the language) the screen says
why and offers text mode; when a device vanishes mid-call the session is kept and
the trainee continues by typing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Input, Static

from simulator.clock import Clock
from simulator.engine.session import Speech
from simulator.i18n import t
from simulator.scenario.model import Scenario
from simulator.tui import voice_messages as vm
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain
from simulator.tui.screens.call_base import CallScreenBase
from simulator.tui.services import CallOptions
from simulator.tui.widgets.hold_timer import HoldTimer
from simulator.tui.widgets.mic_level import MicLevel
from simulator.tui.widgets.mood_meter import MoodMeter
from simulator.tui.widgets.partial_line import PartialLine, spoken_text
from simulator.tui.widgets.saving import SaveNotice
from simulator.tui.widgets.transcript import Transcript
from simulator.tui.widgets.voice_state import VoiceState
from simulator.voice import updates as u

if TYPE_CHECKING:
    from simulator.engine.session import CallSession

END_PAUSE = 1.5  # seconds to take in the caller's last words before the result


class VoiceCallScreen(CallScreenBase):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "talk", "binding.talk", id="voice.talk"),
        Binding("f2,ctrl+o", "hold", "binding.hold", id="voice.hold"),
        Binding("t", "text_mode", "binding.text_mode", id="voice.text_mode"),
        Binding("escape", "abandon", "binding.abandon", id="voice.abandon"),
    ]

    class Opened(Message):
        def __init__(self, live: Any) -> None:
            super().__init__()
            self.live = live

    class Unavailable(Message):
        def __init__(self, reason: str) -> None:
            super().__init__()
            self.reason = reason

    def __init__(self, scenario: Scenario, options: CallOptions, clock: Clock) -> None:
        super().__init__(scenario, options, clock)
        self.live: Any = None
        self.unavailable: str | None = None
        self.lost: str | None = None
        self.typing = False  # the text fallback is on
        self._hold_since: float | None = None
        self._talking = False
        self._barged = False
        self._speaking = False  # the trainee is saying a reply (VAD), not yet heard
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        mood = self.scenario.mood
        yield Static(plain(t("voice.title", title=self.scenario.title)), classes="title")
        yield MoodMeter(calm=mood.calm, hang_up=mood.hang_up, id="mood")
        with Horizontal(id="status-row"):
            yield VoiceState(id="voice-state")
            yield MicLevel(id="mic")
            yield HoldTimer(self.scenario.hold.patience, id="hold")
        yield SaveNotice(id="save-notice")
        yield Static(t("voice.headset"), id="voice-note")
        you = self.options.trainee or t("call.you")
        yield Transcript(self.scenario.caller.name, you, self.scenario.language, id="transcript")
        yield PartialLine(you, self.scenario.language, id="partial")
        # Off until the trainee chooses to type (it would take the keys of voice mode).
        yield Input(placeholder=t("call.placeholder"), id="reply", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reply", Input).display = False
        self.set_interval(0.5, self._tick)
        self.run_worker(self._open, name="voice-open", thread=True, exit_on_error=False)

    def on_unmount(self) -> None:
        live, self.live = self.live, None
        if live is not None:
            live.close()

    # -- opening (worker thread) ---------------------------------------------------
    def _open(self) -> None:
        from simulator.audio import AudioError

        try:
            live = self.cc.services.voice_factory(
                self.scenario, self.options, self._new_session, self.clock, self._post
            )
        except AudioError as error:
            from simulator.tui.voice_problem import voice_problem_text

            self.post_message(self.Unavailable(voice_problem_text(error)))
            return
        live.start()
        self.post_message(self.Opened(live))

    def _new_session(self) -> CallSession:
        """Made only once the devices are open, so a call that never started leaves no
        session behind."""
        from simulator.engine.session import CallSession

        options = self.options
        self.session = CallSession(
            self.scenario,
            mode="voice",
            level=options.level,
            seed=options.seed,
            trainee=options.trainee,
            sinks=self.open_sinks(),
        )
        return self.session

    def _post(self, update: u.VoiceUpdate) -> None:
        self.post_message(vm.message_for(update))  # thread-safe, never blocks the audio

    def on_voice_call_screen_opened(self, message: Opened) -> None:
        if not self.is_attached:
            message.live.close()
            return
        self.live = message.live
        # "speech recognition: sphinx (…)": the engine part, under the UI's own heading
        reason = str(getattr(message.live, "asr_reason", "")).removeprefix("speech recognition: ")
        self._note(t("voice.engine", reason=reason) + "  " + t("voice.headset"))
        self._set_state("listening")

    def on_voice_call_screen_unavailable(self, message: Unavailable) -> None:
        self.unavailable = message.reason
        self._set_state("lost")
        self._note(t("voice.unavailable", reason=message.reason) + "\n" + t("voice.offer_text"))

    # -- what the call reports (one typed message per kind) ----------------------------
    @on(vm.MicLevel)
    def _mic_level(self, message: vm.MicLevel) -> None:
        meter = self.query_one(MicLevel)
        meter.level, meter.speaking = message.update.level, message.update.speaking

    @on(vm.CallerStarted)
    def _on_caller_started(self, message: vm.CallerStarted) -> None:
        self._caller_started(message.update.speech, message.update.at)

    @on(vm.CallerFinished)
    def _caller_finished(self, message: vm.CallerFinished) -> None:
        # cut by a barge-in, the trainee is still talking: that state stays
        if not self._ended and not self._talking and not self._speaking:
            self._set_state("listening")

    @on(vm.TraineeStarted)
    def _trainee_started(self, message: vm.TraineeStarted) -> None:
        self._speaking = not self._talking
        self._set_state("push_to_talk" if self._talking else "speaking")

    @on(vm.BargedIn)
    def _barged_in(self, message: vm.BargedIn) -> None:
        update = message.update
        self._barged = True
        self._set_state("barge_in")
        self.partial.clear()  # the marker goes first; the words follow under it
        note = "voice.note.barge_in" if update.caller_stops else "voice.note.talk_over"
        if update.caller_stops:
            self.transcript.cut_caller(update.at)
        self.transcript.add_note(t(note))

    @on(vm.Partial)
    def _partial(self, message: vm.Partial) -> None:
        if not self._ended:
            self.partial.show(message.update.text)

    @on(vm.Heard)
    def _heard(self, message: vm.Heard) -> None:
        self._speaking = False
        self.partial.clear()
        text = spoken_text(message.update.text, self.scenario.language) or t("voice.not_heard")
        self.transcript.add_reply(text, over_caller=self._barged)
        self._barged = False
        if not self._talking:
            self._set_state("listening")

    @on(vm.CallerWaiting)
    def _caller_waiting(self, message: vm.CallerWaiting) -> None:
        self.caller_waiting = message.update.waiting
        self._show_listening()

    @on(vm.MoodChanged)
    def _mood_changed(self, message: vm.MoodChanged) -> None:
        self.query_one(MoodMeter).mood = message.update.mood

    @on(vm.DeviceLost)
    def _on_device_lost(self, message: vm.DeviceLost) -> None:
        self._device_lost(message.update.message)

    @on(vm.CallEnded)
    def _on_call_ended(self, message: vm.CallEnded) -> None:
        self._call_ended(message.update.outcome)

    def _caller_started(self, speech: Speech, at: float) -> None:
        self.partial.clear()  # the caller's turn: a guess left over is stale
        self._speaking = False  # (a start VAD dropped as noise is never heard)
        length = speech.end - speech.start
        self.transcript.queue([replace(speech, start=at, end=at + length)])
        self.transcript.reveal(at + length)  # the whole line: it is being heard
        self.query_one(MoodMeter).mood = speech.mood
        if not self._ended:
            self._set_state("caller")

    def _device_lost(self, message: str) -> None:
        self.lost = message
        self._set_state("lost")
        self._note(t("voice.lost", reason=message))

    def _call_ended(self, outcome: str) -> None:
        if self._ended:
            return
        self._ended = True
        self._set_state("ended")
        self.query_one("#reply", Input).disabled = True
        if self.live is not None:
            self.run_worker(self._close_live, thread=True, exit_on_error=False)
        if outcome == "abandoned":
            self.call_later(self.show_result)
        else:
            self.set_timer(END_PAUSE, self.show_result)

    def _close_live(self) -> None:
        """Stops the audio and writes the recording (off the UI thread)."""
        live, self.live = self.live, None
        if live is None:
            return
        live.close()
        problem = getattr(live, "recording_problem", None)
        if problem:
            self.app.call_from_thread(self.notify, problem, severity="warning")

    # -- the trainee's keys -----------------------------------------------------------
    def action_talk(self) -> None:
        if self.live is None or self._ended or self.lost:
            return
        self._talking = self.live.call.toggle_push_to_talk()
        self._set_state("push_to_talk" if self._talking else "listening")

    def action_hold(self) -> None:
        if self.live is None or self._ended:
            return
        timer = self.query_one(HoldTimer)
        now = self.clock.now()
        if self._hold_since is None:
            self._hold_since = now
            self.live.call.hold()
            timer.start()
            self.transcript.add_note(t("call.note.hold_start"))
            self._show_listening()
            return
        seconds, self._hold_since = now - self._hold_since, None
        timer.stop()
        self.live.call.unhold()
        self.transcript.add_note(t("call.note.hold_end", seconds=int(seconds)))
        self._show_listening()

    def _tick(self) -> None:
        if self._hold_since is not None:
            self.query_one(HoldTimer).show(self.clock.now() - self._hold_since)

    def action_text_mode(self) -> None:
        """Continue by typing: the same session when the call had started, else a new
        text-mode call."""
        if self.unavailable is not None:
            options = replace(self.options, input="text")
            self.cc.start_call(self.scenario, options, replace_screen=True)
            return
        if self.live is None or self._ended:
            return
        self.typing = True
        reply = self.query_one("#reply", Input)
        reply.display, reply.disabled = True, False
        reply.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text or self.live is None or self._ended:
            return
        event.input.value = ""
        now = self.clock.now()
        spoken = self.session.spoken_seconds(text) if self.session else 1.0
        self.transcript.add_reply(text, over_caller=False)
        self.live.call.type_reply(text, now, now, spoken)

    def can_abandon(self) -> bool:
        return self.live is not None

    def leave_unstarted(self) -> None:
        self.app.pop_screen()

    def abandon_call(self) -> None:
        if self.live is not None:
            self.run_worker(self.live.call.abandon, thread=True, exit_on_error=False)

    # -- helpers ------------------------------------------------------------------------
    @property
    def partial(self) -> PartialLine:
        return self.query_one(PartialLine)

    def _set_state(self, state: str) -> None:
        # Nobody talking while the caller waits for the answer (not on hold): say so.
        if state == "listening" and self.caller_waiting and self._hold_since is None:
            state = "waiting"
        self.query_one(VoiceState).state = state

    def _show_listening(self) -> None:
        if self.query_one(VoiceState).state in ("listening", "waiting"):
            self._set_state("listening")

    def _note(self, text: str) -> None:
        # Plain text: reasons carry things like "pip install 'callcoach[vosk]'", which
        # console markup would swallow.
        self.query_one("#voice-note", Static).update(Text(text))
