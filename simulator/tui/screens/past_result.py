"""The result screen of a past call, opened from the history list: the same score card,
feedback, model answers and turn playback as right after a call, read-only.

Escape goes back to the history list. Retry is offered only for the trainee's own call
of a scenario that is still in the library; a scenario that changed or went shows the
stored card with a one-line note.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from simulator.i18n import t
from simulator.tui.bindings import translate_bindings
from simulator.tui.past_session import PastSession
from simulator.tui.plain import plain
from simulator.tui.screens.result import ResultScreen
from simulator.tui.services import CallOptions
from simulator.tui.widgets.recording_panel import RecordingPanel
from simulator.voice.turn_player import PlayerOpener

SCENARIO_NOTES = {"changed": "past.scenario_changed", "gone": "past.scenario_gone"}


class PastResultScreen(ResultScreen):
    DEFAULT_CSS = """
    PastResultScreen > .past-info { height: 1; padding: 0 1; color: $text-muted; }
    PastResultScreen > .past-note { height: auto; padding: 0 1; color: $warning; }
    """
    # Only Escape changes (per key, these replace the result screen's own); h still
    # goes home and r retries when ``check_action`` allows it. b too: while the turn
    # list has the focus its own Escape (stop) hides this one from the footer.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,b", "back", "binding.back", id="past_result.back"),
    ]

    def __init__(
        self,
        past: PastSession,
        options: CallOptions,
        *,
        open_player: PlayerOpener | None = None,
    ) -> None:
        super().__init__(past.scenario, options, past.record, past.card, open_player=open_player)
        self.past = past
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        extra = [Static(plain(self.info_line()), id="past-info", classes="past-info")]
        if note := self.note():
            extra.append(Static(plain(note), id="past-note", classes="past-note"))
        widgets[1:1] = extra  # under the title
        for position, widget in enumerate(widgets):
            if isinstance(widget, RecordingPanel) and widget.waiting:
                # Right after a call the file may still be being written; a past call's
                # is not: no waiting, it is simply not there (deleted, never kept).
                widget.waiting = False
                missing = Static(t("result.recording.none"), id="past-no-recording")
                widgets.insert(position + 1, missing.add_class("past-info"))
                break
        yield from widgets

    def info_line(self) -> str:
        """When and whose the call was."""
        record = self.past.record
        line = t("past.heading", when=_when(record.get("started_at")))
        return f"{line} · {record['trainee']}" if record.get("trainee") else line

    def note(self) -> str | None:
        """What to know before reading the card: the scenario changed or went, or the
        call was cut short."""
        if self.past.state != "current":
            return t(SCENARIO_NOTES[self.past.state], id=self.scenario.id)
        if self.past.record.get("outcome") is None:
            return t("past.incomplete")
        return None

    def trainee_label(self) -> str:
        """Someone else's call names them; one's own call says "you" as after a call."""
        owner = self.past.record.get("trainee")
        return super().trainee_label() if self.past.own or not owner else str(owner)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "retry":
            return self.past.can_retry
        # A drill's "next" belongs to the drill run, not to a call opened from history.
        return action != "next"

    def action_retry(self) -> None:
        """A new call of the scenario as the library has it now, with the options the
        past call was taken with (level, seed, voice or text): the trainee reads the old
        card, retries, and compares two attempts at the same call — the seed makes the
        caller pick the same line variants. Recorded as a new session; never a drill."""
        scenario = self.past.library_scenario
        if self.past.can_retry and scenario is not None:
            self.cc.start_call(scenario, self.options, replace_screen=True)

    def action_back(self) -> None:
        self.app.pop_screen()


def _when(value: object) -> str:
    try:
        started = datetime.fromisoformat(str(value))
    except ValueError:
        return "?"
    return started.astimezone().strftime("%Y-%m-%d %H:%M")
