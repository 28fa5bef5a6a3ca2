"""The single worker error handler shows errors as written, markup-like text included."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from textual.worker import WorkerState

from simulator.errors import CallCoachError
from simulator.tui.worker_errors import report_failure


class NotifyingApp:
    def __init__(self) -> None:
        self.notes: list[tuple[str, dict[str, Any]]] = []

    def notify(self, message: str, **options: Any) -> None:
        self.notes.append((message, options))


def failed(error: BaseException) -> Any:
    return SimpleNamespace(state=WorkerState.ERROR, worker=SimpleNamespace(error=error))


def test_a_user_error_is_shown_verbatim_without_markup() -> None:
    app = NotifyingApp()
    report_failure(app, failed(CallCoachError("pip install 'callcoach[vosk]'")))  # type: ignore[arg-type]
    ((message, options),) = app.notes
    assert message == "pip install 'callcoach[vosk]'"
    assert options["markup"] is False and options["severity"] == "error"


def test_other_states_are_not_reported() -> None:
    app = NotifyingApp()
    event = SimpleNamespace(state=WorkerState.SUCCESS, worker=SimpleNamespace(error=None))
    report_failure(app, event)  # type: ignore[arg-type]
    assert app.notes == []
