"""The turns of a recorded call, one row each (time, speaker, text): Enter or p asks to
play the highlighted one, s or Escape to stop. The widget only shows and asks; the
screen plays (a worker thread) and tells it which turn is playing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import shown
from simulator.voice.playback import RecordedTurn

PLAYING_MARK = "▶"


def clock_time(seconds: float) -> str:
    """``1:05.3``: minutes and seconds to a tenth, as a trainer reads a call's timeline."""
    minutes, rest = divmod(max(0.0, seconds), 60.0)
    return f"{int(minutes)}:{rest:04.1f}"


class TurnList(OptionList):
    DEFAULT_CSS = """
    TurnList { height: auto; max-height: 8; text-wrap: nowrap; text-overflow: ellipsis; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "play", "binding.play_turn", id="turns.play"),
        Binding("s,escape", "stop", "binding.stop_playback", id="turns.stop"),
    ]

    class Play(Message):
        def __init__(self, turn: RecordedTurn) -> None:
            super().__init__()
            self.turn = turn

    class Stop(Message):
        pass

    def __init__(
        self,
        turns: Sequence[RecordedTurn],
        *,
        caller: str,
        trainee: str,
        id: str | None = None,
    ) -> None:
        self.turns = list(turns)
        # Names padded to one width (in cells: Japanese names are double width).
        width = max(cell_len(caller), cell_len(trainee))
        self.names = {
            "customer": caller + " " * (width - cell_len(caller)),
            "trainee": trainee + " " * (width - cell_len(trainee)),
        }
        self.playing: int | None = None  # index into ``turns`` of the turn being heard
        super().__init__(*(Option(self._row(i)) for i in range(len(self.turns))), id=id)
        translate_bindings(self)

    def _row(self, position: int) -> Text:
        turn = self.turns[position]
        mark = PLAYING_MARK if position == self.playing else " "
        row = Text(no_wrap=True, overflow="ellipsis")
        row.append(f"{mark} {clock_time(turn.start)} ", style="bold" if mark.strip() else "dim")
        speaker_style = "cyan" if turn.speaker == "customer" else "green"
        name = shown(self.names.get(turn.speaker, turn.speaker))
        row.append(name, style=f"bold {speaker_style}")
        row.append("  " + shown(turn.text))
        return row

    def on_mount(self) -> None:
        if self.turns:
            self.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Stop only while something plays; otherwise Escape goes on to the screen."""
        if action == "stop":
            return self.playing is not None or None
        return True

    def action_play(self) -> None:
        if self.highlighted is not None and self.turns:
            self.post_message(self.Play(self.turns[self.highlighted]))

    def action_stop(self) -> None:
        self.post_message(self.Stop())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Play(self.turns[event.option_index]))

    def show_playing(self, index: int | None) -> None:
        """Marks the turn whose record index is ``index`` as playing (None: nothing)."""
        before = self.playing
        after = next((i for i, t in enumerate(self.turns) if t.index == index), None)
        self.playing = after
        for position in {before, after} - {None}:
            assert position is not None
            self.replace_option_prompt_at_index(position, self._row(position))
        self.refresh_bindings()

    def show_stopped(self, index: int) -> None:
        """The turn with record index ``index`` has finished (a later one may play)."""
        if self.playing is not None and self.turns[self.playing].index == index:
            self.show_playing(None)
