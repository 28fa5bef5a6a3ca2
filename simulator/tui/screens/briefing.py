"""The briefing before a call: read what happened, choose level and practice, Start."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Static

from simulator.i18n import label, t
from simulator.scenario.model import LEVELS, Scenario
from simulator.tui.bindings import translate_bindings
from simulator.tui.kinsoku import KinsokuText
from simulator.tui.plain import plain
from simulator.tui.services import ASRLoader, CallOptions, DeviceReport
from simulator.tui.widgets.briefing_view import BriefingView
from simulator.tui.widgets.saving import StorageNote

if TYPE_CHECKING:
    from simulator.tui.app import CallCoachApp


DEVICE_KEYS = {"input": "briefing.device.input", "output": "briefing.device.output"}


class BriefingScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s,enter", "start", "binding.start", id="briefing.start"),
        Binding("l", "level", "binding.level", id="briefing.level"),
        Binding("p", "practice", "binding.practice", id="briefing.practice"),
        Binding("v", "voice", "binding.voice", id="briefing.voice"),
        Binding("d", "devices", "binding.devices", id="briefing.devices"),
        Binding("escape", "app.pop_screen", "binding.back", id="briefing.back"),
    ]

    def __init__(self, scenario: Scenario, options: CallOptions) -> None:
        super().__init__()
        self.scenario = scenario
        self.options = options
        self._warm_up: Any = None  # the caller's lines rendering for a voice call
        self._started = False  # Start pressed: this screen stays under the call's
        self._devices: DeviceReport | None = None  # what the device probe found
        translate_bindings(self)

    @property
    def cc(self) -> CallCoachApp:
        return cast("CallCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(plain(t("briefing.title", title=self.scenario.title)), classes="title")
        yield BriefingView(self.scenario, id="briefing")
        yield Static(id="options")
        yield Static(id="input-options")
        yield Static(id="device-note", markup=False)
        yield Static(id="voice-note", markup=False)
        yield Static(id="asr-note", markup=False)
        yield StorageNote(id="storage-note")
        if self.options.drill:
            yield Static(self._drill_note(), id="drill-note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#device-note").display = False
        self._show_options()
        self.query_one(BriefingView).focus()
        self._warm_voice()
        self._look_for_devices()
        self._check_storage()

    def _look_for_devices(self) -> None:
        if self.cc.services.device_probe is not None:
            self._probe_devices(self.options)

    @work(thread=True, group="device-probe", exclusive=True, exit_on_error=False)
    def _probe_devices(self, options: CallOptions) -> None:
        probe = self.cc.services.device_probe
        if probe is not None:
            self.app.call_from_thread(self._devices_found, options, probe(options))

    def _devices_found(self, options: CallOptions, report: DeviceReport) -> None:
        if not self.is_mounted or (options.input_device, options.output_device) != (
            self.options.input_device,
            self.options.output_device,
        ):
            return  # other devices were chosen meanwhile: their probe is running
        self._devices = report
        self._show_options()
        note = self.query_one("#device-note", Static)
        note.update(KinsokuText(self._device_warning(report)))
        note.display = bool(report.missing or report.problem)

    @staticmethod
    def _device_warning(report: DeviceReport) -> str:
        if report.problem:
            return f"⚠ {report.problem}"
        names = [t(DEVICE_KEYS[kind]) for kind in report.missing]
        return t("briefing.devices_missing", devices=t("briefing.device.joiner").join(names))

    @work(thread=True, group="storage-check", exclusive=True, exit_on_error=False)
    def _check_storage(self) -> None:
        """Can a call be stored now (free space, a writable folder)? If not, say so
        before Start rather than after the call."""
        problem = self.cc.services.storage_problem()
        self.app.call_from_thread(self._show_storage, problem)

    def _show_storage(self, problem: str | None) -> None:
        if self.is_mounted:
            self.query_one(StorageNote).show(problem)

    def on_unmount(self) -> None:
        self._stop_warm_up()

    def on_screen_resume(self) -> None:
        self._started = False  # back from a call that could not start

    def _warm_voice(self) -> None:
        """For a voice call: check (off the UI thread) that a recogniser exists for the
        language, then render the caller's lines while the trainee reads, so Start
        does not wait on loading the voice. Again when the level (and so the starting
        mood) or the input changes."""
        self._stop_warm_up()
        self._show_voice_note(None)
        if self.options.input == "voice":
            self._check_voice(self.options)

    @work(thread=True, group="voice-check", exclusive=True, exit_on_error=False)
    def _check_voice(self, options: CallOptions) -> None:
        check = self.cc.services.voice_check
        problem = check(self.scenario, options) if check is not None else None
        self.app.call_from_thread(self._voice_checked, options, problem)
        loader = self.cc.services.asr_loader
        if problem is None and loader is not None:
            self._load_recogniser(loader, options)

    def _load_recogniser(self, loader: ASRLoader, options: CallOptions) -> None:
        """On the check's worker: load the recogniser now, showing that it is loading
        and then which one is ready (or why not: Start then says it again)."""
        from simulator.audio import AudioError

        self.app.call_from_thread(self._show_asr_note, options, t("briefing.asr_loading"))
        try:
            note = t("briefing.asr_ready", engine=loader(self.scenario, options))
        except AudioError as error:
            note = f"⚠ {error}"
        self.app.call_from_thread(self._show_asr_note, options, note)

    def _show_asr_note(self, options: CallOptions, note: str) -> None:
        if options != self.options or not self.is_mounted:
            return
        widget = self.query_one("#asr-note", Static)
        widget.update(note)
        widget.display = True

    def _voice_checked(self, options: CallOptions, problem: str | None) -> None:
        if options != self.options or not self.is_mounted or self._started:
            return  # changed meanwhile (that check is running), or the call is on
        self._show_voice_note(problem)
        warmer = self.cc.services.voice_warmer
        if problem is None and warmer is not None:
            start_mood = self.scenario.mood.start + self.scenario.level(options.level).start_mood
            self._warm_up = warmer(self.scenario, start_mood)

    def _show_voice_note(self, problem: str | None) -> None:
        note = self.query_one("#voice-note", Static)
        note.update(t("briefing.voice_unavailable") if problem else "")
        note.display = problem is not None
        asr_note = self.query_one("#asr-note", Static)
        asr_note.update("")
        asr_note.display = False

    def _stop_warm_up(self) -> None:
        if self._warm_up is not None:
            self._warm_up.cancel()
            self._warm_up = None

    def _show_options(self) -> None:
        level = self.options.level or self.scenario.difficulty
        practice = t("briefing.on" if self.options.practice else "briefing.off")
        self.query_one("#options", Static).update(
            t("briefing.options", level=label("level", level), practice=practice)
        )
        voice = self.options.input == "voice"
        self.query_one("#input-options", Static).update(
            t(
                "briefing.input",
                mode=t("briefing.input_voice" if voice else "briefing.input_text"),
                microphone=self._device_shown("input", self.options.input_device),
                speaker=self._device_shown("output", self.options.output_device),
            )
        )

    def _device_shown(self, kind: str, chosen: int | None) -> str:
        """The device's name once the probe has looked; until then what was chosen."""
        report = self._devices
        if report is not None:
            name = report.microphone if kind == "input" else report.speaker
            return t("voice.device_missing") if name is None else name
        if self.cc.services.device_probe is not None:
            return t("voice.device_checking")
        return t("voice.default_device") if chosen is None else str(chosen)

    def action_voice(self) -> None:
        voice = self.options.input == "voice"
        self.options = replace(self.options, input="text" if voice else "voice")
        self._show_options()
        self._warm_voice()

    def action_devices(self) -> None:
        from simulator.tui.widgets.device_picker import DevicePicker

        chosen = (self.options.input_device, self.options.output_device)
        self.app.push_screen(DevicePicker(chosen), self._devices_chosen)

    def _devices_chosen(self, chosen: tuple[int | None, int | None] | None) -> None:
        if chosen is not None:
            microphone, speaker = chosen
            self.options = replace(self.options, input_device=microphone, output_device=speaker)
            self._devices = None
            self._show_options()
            self._look_for_devices()

    def action_level(self) -> None:
        level = self.options.level or self.scenario.difficulty
        following = LEVELS[(LEVELS.index(level) + 1) % len(LEVELS)] if level in LEVELS else 2
        self.options = replace(self.options, level=following)
        self._show_options()
        self._warm_voice()

    def action_practice(self) -> None:
        if self.options.drill:  # a drill is never a practice call (no hints)
            return
        self.options = replace(self.options, practice=not self.options.practice)
        self._show_options()

    # -- drill mode: the set's rules, not the trainee's choices -------------------
    DRILL_FIXED = frozenset({"practice", "level", "voice", "devices"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In a drill, level, practice (hints) and input are fixed: their keys are hidden."""
        return not (self.options.drill and action in self.DRILL_FIXED)

    def _drill_note(self) -> str:
        from simulator.tui.screens.drill_summary import clock_text

        drill = self.cc.drill
        limit = None if drill is None else drill.plan.rules.time_limit
        shown = t("drill.no_limit") if limit is None else clock_text(limit)
        return t("briefing.drill", limit=shown)

    def action_start(self) -> None:
        self._started = True
        self._stop_warm_up()  # what it rendered is cached; the call carries on from there
        self.cc.start_call(self.scenario, self.options)
