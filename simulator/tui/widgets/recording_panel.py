"""The recording part of the result screen: a heading and the call's turns when it has
a recording; for a voice call whose recording is still being written (the call closes
its devices and writes the file while the result already shows), a note, and a look
for the file every half second until it is there — or a note that there is none.
Text-mode calls never had audio: the panel stays empty (no height)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static

from simulator.i18n import t
from simulator.tui.widgets.turn_list import TurnList
from simulator.voice.playback import RecordedTurn, recorded_turns, recording_of

LOOK_EVERY = 0.5  # seconds between looks for a recording being written …
LOOKS = 20  # … for up to 10 s


class RecordingPanel(Vertical):
    DEFAULT_CSS = """
    RecordingPanel { height: auto; }
    RecordingPanel > .turns-heading { height: 1; padding: 0 1; text-style: bold; }
    """

    def __init__(
        self,
        record: Mapping[str, Any],
        *,
        caller: str,
        trainee: str,
        focus_list: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.record = record
        self.names = {"caller": caller, "trainee": trainee}
        self.focus_list = focus_list  # a late list takes the focus (not in a drill)
        self.recording: Path | None = None
        self.turns: list[RecordedTurn] = []
        self.looks = 0
        self._watch: Timer | None = None
        self._find()
        self.waiting = not self.turns and record.get("mode") == "voice"

    def _find(self) -> None:
        self.recording = recording_of(self.record)
        self.turns = recorded_turns(self.record) if self.recording is not None else []

    def compose(self) -> ComposeResult:
        if self.turns:
            yield from self._turn_list()
        elif self.waiting:
            yield Static(t("result.recording.saving"), classes="turns-heading", id="note")

    def _turn_list(self) -> list[Static | TurnList]:
        return [
            Static(t("result.recording.heading"), classes="turns-heading"),
            TurnList(self.turns, caller=self.names["caller"], trainee=self.names["trainee"]),
        ]

    def on_mount(self) -> None:
        if self.waiting:
            self._watch = self.set_interval(LOOK_EVERY, self.look_for_recording)

    def look_for_recording(self) -> None:
        """One look: the turn list once the file is there; a note after the last look."""
        if not self.waiting:
            return
        self.looks += 1
        self._find()
        if self.turns:
            self._stop_looking()
            self.query_one("#note", Static).remove()
            self.mount_all(self._turn_list())
            if self.focus_list:
                self.query_one(TurnList).focus()
        elif self.looks >= LOOKS:
            self._stop_looking()
            self.query_one("#note", Static).update(t("result.recording.none"))

    def _stop_looking(self) -> None:
        self.waiting = False
        if self._watch is not None:
            self._watch.stop()
