"""What receives a session as it happens (the engine's SessionRecorder feeds it; the
database store, its retrying wrapper and tests implement it). Here, in the store
layer, so storage needs nothing of the engine (DESIGN.md §2)."""

from __future__ import annotations

from typing import Any, Protocol


class SessionSink(Protocol):
    """Receives a session as it happens. Implementations must not raise on I/O
    trouble mid-call without saying why (the recorder reports sink errors)."""

    def session_started(self, header: dict[str, Any]) -> None: ...

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None: ...

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        """An utterance's end time or text changed (a caller line cut short by a barge-in)."""

    def event_added(self, session_id: str, event: dict[str, Any]) -> None: ...

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None: ...
