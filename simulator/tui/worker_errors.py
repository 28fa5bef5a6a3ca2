"""The one place where a failed worker becomes a notification instead of a crash.

Textual delivers ``Worker.StateChanged`` only to the node that started the worker (it
does not bubble), so the app and every screen that runs workers route it here."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.safe_text import visible


def report_failure(app: App[Any], event: Worker.StateChanged) -> None:
    """Every worker runs with exit_on_error=False; an error is shown, the app goes on."""
    if event.state is not WorkerState.ERROR:
        return
    error = event.worker.error
    if isinstance(error, CallCoachError):
        message = str(error)
    else:
        message = t("error.unexpected", kind=type(error).__name__, reason=str(error))
    # Error text is shown as written: "[vosk]" or "[1, 2]" are not console markup, and
    # a title quoted in it cannot send its control characters to the terminal.
    shown = visible(message, keep_lines=True)
    app.notify(shown, title=t("error.title"), severity="error", timeout=8, markup=False)


class WorkerScreen(Screen[None]):
    """A screen whose workers' failures are reported by ``report_failure``."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self.app, event)
