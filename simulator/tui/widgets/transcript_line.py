"""One line of the call transcript: who speaks, and what has been said so far.

The speaker sits in its own column so a long Japanese line (no spaces to wrap at)
folds under the text, not under the name."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from simulator.tui.kinsoku import KinsokuText
from simulator.tui.plain import shown


class TranscriptLine(Horizontal):
    DEFAULT_CSS = """
    TranscriptLine { width: 1fr; height: auto; }
    TranscriptLine > .speaker { width: auto; text-style: bold; padding-right: 1; }
    TranscriptLine > .said { width: 1fr; }
    """

    def __init__(self, speaker: str, text: str = "", *, classes: str = "") -> None:
        super().__init__(classes=classes)
        self.speaker = shown(speaker)
        self.said = shown(text)

    def compose(self) -> ComposeResult:
        yield Static(f"{self.speaker}:", classes="speaker", markup=False)
        yield Static(KinsokuText(self.said), classes="said")

    def on_mount(self) -> None:  # show() may have run between compose and mount
        self._update_said()

    def show(self, said: str) -> None:
        said = shown(said)
        if said != self.said:
            self.said = said
            self._update_said()

    def _update_said(self) -> None:
        # A query, not query_one: none before compose, and none when the call screen
        # closed while this line was being mounted (seen under load in the full-disk test).
        for widget in self.query(".said").results(Static):
            widget.update(KinsokuText(self.said))
