"""The call transcript: caller lines appear as they are spoken on the session clock,
trainee replies and call events as they happen."""

from __future__ import annotations

from textual.containers import VerticalScroll

from simulator.engine.session import Speech
from simulator.tui.call_timing import revealed_text
from simulator.tui.widgets.transcript_line import TranscriptLine


class Transcript(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    Transcript { height: 1fr; }
    """

    def __init__(self, caller: str, you: str, language: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.caller = caller
        self.you = you
        self.language = language
        self._waiting: list[Speech] = []  # placed on the clock, not started yet
        self._speaking: list[tuple[Speech, TranscriptLine]] = []
        self._last_caller: tuple[Speech, TranscriptLine] | None = None

    def queue(self, speeches: list[Speech]) -> None:
        self._waiting.extend(speeches)
        self._waiting.sort(key=lambda s: s.start)

    def reveal(self, now: float) -> list[Speech]:
        """Shows what has been said by ``now``; returns the lines that began."""
        started = [s for s in self._waiting if s.start <= now]
        for speech in started:
            self._waiting.remove(speech)
            line = TranscriptLine(
                self.caller, classes="caller cut-in" if speech.cut_in else "caller"
            )
            self._speaking.append((speech, line))
            self._last_caller = (speech, line)
            self._add(line)
        for speech, line in list(self._speaking):
            line.show(revealed_text(speech, now, self.language))
            if now >= speech.end:
                self._speaking.remove((speech, line))
        if started or self._speaking:
            self.scroll_end(animate=False)
        return started

    def cut_caller(self, at: float) -> None:
        """The caller stopped at ``at`` (a barge-in): their latest line shows only
        what was said by then, marked as cut off."""
        if self._last_caller is None:
            return
        speech, line = self._last_caller
        if speech.start <= at < speech.end:
            self._speaking = [(s, w) for s, w in self._speaking if s is not speech]
            line.show(revealed_text(speech, at, self.language).rstrip() + "—")

    def add_reply(self, text: str, *, over_caller: bool) -> None:
        self._add(
            TranscriptLine(self.you, text, classes="trainee over" if over_caller else "trainee")
        )

    def add_note(self, text: str) -> None:
        self._add(TranscriptLine("—", text, classes="note"))

    @property
    def revealing(self) -> bool:
        return bool(self._waiting or self._speaking)

    def _add(self, line: TranscriptLine) -> None:
        self.mount(line)
        self.scroll_end(animate=False)
