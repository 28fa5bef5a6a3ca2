"""The hold timer: how long the caller has been waiting; warns past 30 s (「少々」)."""

from __future__ import annotations

from textual.widgets import Static

from simulator.i18n import t
from simulator.tui.call_timing import HOLD_WARN_SECONDS


class HoldTimer(Static):
    DEFAULT_CSS = """
    HoldTimer { height: 1; width: auto; display: none; }
    HoldTimer.-on { display: block; }
    """

    def __init__(self, patience: float, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.patience = patience
        self.seconds = 0.0

    def start(self) -> None:
        self.add_class("-on")
        self.show(0.0)

    def stop(self) -> None:
        self.remove_class("-on", "-warn", "-over")

    def show(self, seconds: float) -> None:
        self.seconds = seconds
        self.set_class(seconds >= HOLD_WARN_SECONDS, "-warn")
        self.set_class(seconds > self.patience, "-over")
        key = "hold.warning" if seconds >= HOLD_WARN_SECONDS else "hold.running"
        self.update(t(key, seconds=int(seconds)))
