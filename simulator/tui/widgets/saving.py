"""Whether the call is stored, said plainly (simulator.store.retrying_sink).

- ``SaveNotice`` on the call screens: hidden while every write goes through; a
  persistent warning while the database refuses them (the call goes on, nothing is
  lost: it is kept in memory and in a journal file where a disk allows).
- ``SaveReport`` on the result screen: stored / storing / partly stored / not
  stored, how to recover (the journal and `callcoach import`), and a retry button.
- ``StorageNote`` on the briefing: a warning when the database cannot take a call
  now (a full disk, a read-only folder), so Start never promises what it cannot do.

The sink's writer thread reports through ``post_message`` (thread-safe); nothing here
blocks the UI.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static

from simulator.i18n import t
from simulator.safe_text import visible
from simulator.store.retrying_sink import RetryingSink, SaveStatus

RESULT_KEYS = {
    "stored": "save.result.stored",
    "saving": "save.result.saving",
    "partly": "save.result.partly",
    "not_stored": "save.result.not_stored",
}


class SaveChanged(Message):
    def __init__(self, status: SaveStatus) -> None:
        super().__init__()
        self.status = status


def saving_of(sinks: Sequence[Any]) -> RetryingSink | None:
    return next((s for s in sinks if isinstance(s, RetryingSink)), None)


def follow_saving(screen: Any, sinks: Sequence[Any]) -> None:
    """On the UI thread, once a call's sinks exist: its SaveNotice follows them."""
    notices = screen.query(SaveNotice)
    if notices:
        notices.first().follow(saving_of(sinks))


def abandon_question(screen: Any) -> str:
    """The hang-up question: it says "stored as abandoned" only while that is true."""
    notices = screen.query(SaveNotice)
    stored = not notices or notices.first().stored
    return t("call.confirm_abandon" if stored else "call.confirm_abandon_unsaved")


def _reason(status: SaveStatus) -> str:
    return visible(status.reason or "?")


class SaveNotice(Static):
    """One or two lines under the call's status; hidden while all is well."""

    DEFAULT_CSS = """
    SaveNotice { height: auto; padding: 0 1; background: $warning; color: $background;
                 display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._saving: RetryingSink | None = None
        self._version = -1
        self.stored = True  # nothing refused so far

    def follow(self, saving: RetryingSink | None) -> None:
        self._saving = saving
        if saving is not None:
            saving.listen(lambda status: self.post_message(SaveChanged(status)))

    def on_save_changed(self, message: SaveChanged) -> None:
        message.stop()
        if message.status.version >= self._version:  # posts from two threads may cross
            self._version = message.status.version
            self.show(message.status)

    def show(self, status: SaveStatus) -> None:
        self.stored = status.state in ("stored", "saving")
        if self.stored:
            self.display = False
            return
        key = "save.call.partly" if status.session_stored else "save.call.not_stored"
        text = t(key, waiting=status.waiting, reason=_reason(status))
        if status.journal is not None:
            text += " " + t("save.journal", path=visible(str(status.journal)))
        self.update(text)
        self.display = True


class SaveReport(Vertical):
    """The result screen's line about storage, with "try again" while it fails."""

    DEFAULT_CSS = """
    SaveReport { height: auto; padding: 0 1; display: none; }
    SaveReport.-failing { background: $warning 30%; }
    SaveReport #save-text { height: auto; }
    SaveReport Button { display: none; height: 1; min-width: 14; border: none; }
    SaveReport.-failing Button { display: block; }
    """

    def __init__(self, saving: RetryingSink | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._saving = saving
        self._version = -1

    def compose(self) -> ComposeResult:
        yield Static("", id="save-text", markup=False)
        yield Button(t("save.retry"), id="save-retry", compact=True)

    def on_mount(self) -> None:
        if self._saving is not None:
            self._saving.listen(lambda status: self.post_message(SaveChanged(status)))

    def on_save_changed(self, message: SaveChanged) -> None:
        message.stop()
        if message.status.version >= self._version:  # posts from two threads may cross
            self._version = message.status.version
            self.show(message.status)

    def show(self, status: SaveStatus) -> None:
        state = status.state
        lines = [t(RESULT_KEYS[state], waiting=status.waiting, reason=_reason(status))]
        if state in ("partly", "not_stored"):
            if status.journal is not None:
                lines.append(t("save.result.journal", path=visible(str(status.journal))))
            else:
                lines.append(t("save.result.memory"))
        self.query_one("#save-text", Static).update("\n".join(lines))
        self.set_class(state in ("partly", "not_stored"), "-failing")
        self.display = True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-retry" and self._saving is not None:
            event.stop()
            self._saving.retry_now()


class StorageNote(Static):
    """The briefing's warning when a call could not be stored now."""

    DEFAULT_CSS = """
    StorageNote { height: auto; padding: 0 1; color: $warning; display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, problem: str | None) -> None:
        self.display = problem is not None
        if problem is not None:
            self.update(t("save.briefing", reason=visible(problem)))
