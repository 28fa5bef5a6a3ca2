"""The caller's mood as a bar from calm (green) to boiling (red)."""

from __future__ import annotations

from rich.text import Text
from textual.color import Color
from textual.reactive import reactive
from textual.widget import Widget

from simulator.i18n import t

CALM_COLOUR = Color.parse("#3fb950")
MIDDLE_COLOUR = Color.parse("#d29922")
BOILING_COLOUR = Color.parse("#f85149")
BAR_CELLS = 24


def mood_colour(mood: int) -> Color:
    if mood <= 50:
        return CALM_COLOUR.blend(MIDDLE_COLOUR, mood / 50)
    return MIDDLE_COLOUR.blend(BOILING_COLOUR, (mood - 50) / 50)


def mood_word_key(mood: int, calm: int, hang_up: int) -> str:
    """A catalogue key naming the mood, relative to the scenario's thresholds."""
    if mood <= calm:
        return "mood.calm"
    if mood >= hang_up - 15:
        return "mood.boiling"
    if mood >= (calm + hang_up) / 2:
        return "mood.angry"
    return "mood.uneasy"


class MoodMeter(Widget):
    DEFAULT_CSS = """
    MoodMeter { height: 1; width: 1fr; }
    """

    mood: reactive[int] = reactive(50)

    def __init__(self, calm: int = 30, hang_up: int = 100, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.calm = calm
        self.hang_up = hang_up

    def render(self) -> Text:
        filled = round(BAR_CELLS * self.mood / 100)
        colour = mood_colour(self.mood).hex
        text = Text(f"{t('call.mood')} ", style="bold")
        text.append(t("mood.left_end") + " ", style=CALM_COLOUR.hex)
        text.append("█" * filled, style=colour)
        text.append("░" * (BAR_CELLS - filled), style="dim")
        text.append(" " + t("mood.right_end"), style=BOILING_COLOUR.hex)
        text.append(f"  {self.mood:>3} ", style=f"bold {colour}")
        text.append(t(mood_word_key(self.mood, self.calm, self.hang_up)), style=colour)
        return text
