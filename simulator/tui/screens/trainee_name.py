"""Asks for the trainee's name (stored with every session)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static

from simulator.i18n import t
from simulator.safe_text import control_problem
from simulator.tui.bindings import translate_bindings

MAX_NAME = 200  # the store's column width


class TraineeNameScreen(ModalScreen[str | None]):
    """Dismisses with the new name ("" to clear it) or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "binding.cancel", id="trainee.cancel"),
    ]

    def __init__(self, current: str | None) -> None:
        super().__init__()
        self.current = current or ""
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(t("trainee.prompt"), id="question")
            yield Input(self.current, placeholder=t("trainee.placeholder"), max_length=MAX_NAME)
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if control_problem(event.value):  # a pasted ESC sequence would reach tables later
            self.notify(t("trainee.control"), severity="error", markup=False)
            return
        self.dismiss(" ".join(event.value.split()))

    def action_cancel(self) -> None:
        self.dismiss(None)
