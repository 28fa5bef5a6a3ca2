"""The microphone level as a short bar on a decibel scale (-60 to 0 dBFS), so quiet
speech is visible and the trainee can see the microphone is live."""

from __future__ import annotations

import math

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from simulator.i18n import t

CELLS = 12
FLOOR_DB = -60.0


def level_cells(level: float, cells: int = CELLS) -> int:
    """How many of ``cells`` a level (RMS 0-1) fills."""
    if level <= 0:
        return 0
    db = max(FLOOR_DB, 20 * math.log10(level))
    return round(cells * (db - FLOOR_DB) / -FLOOR_DB)


class MicLevel(Widget):
    DEFAULT_CSS = """
    MicLevel { height: 1; width: 22; }
    """

    level: reactive[float] = reactive(0.0)
    speaking: reactive[bool] = reactive(False)

    def render(self) -> Text:
        filled = level_cells(self.level)
        text = Text(f"{t('voice.mic')} ", style="bold")
        text.append("▮" * filled, style="green" if self.speaking else "dim green")
        text.append("▯" * (CELLS - filled), style="dim")
        return text
