"""The session record (DESIGN.md §4) and the sinks that receive it as it happens.

A ``SessionRecorder`` builds the ``callcoach.session/1`` document and forwards
every utterance and event to its sinks the moment it happens, so a sink that
commits (the database store) keeps everything even if the process dies.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.store.session_sink import SessionSink as SessionSink  # re-exported

SESSION_FORMAT = "callcoach.session/1"


def new_session_id() -> str:
    return uuid.uuid4().hex


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class SessionRecorder:
    """Builds one session record and fans it out to sinks."""

    def __init__(self, header: dict[str, Any], sinks: Sequence[SessionSink] = ()) -> None:
        self.record: dict[str, Any] = {
            "format": SESSION_FORMAT,
            **header,
            "utterances": [],
            "events": [],
            "outcome": None,
        }
        self.record.setdefault("id", new_session_id())
        self.record.setdefault("started_at", now_iso())
        self._sinks = list(sinks)
        for sink in self._sinks:
            sink.session_started(self.header)

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def header(self) -> dict[str, Any]:
        return {k: v for k, v in self.record.items() if k not in ("utterances", "events")}

    def add_utterance(self, utterance: dict[str, Any]) -> int:
        index = len(self.record["utterances"])
        self.record["utterances"].append(utterance)
        for sink in self._sinks:
            sink.utterance_added(self.id, index, utterance)
        return index

    def update_utterance(self, index: int, **changes: Any) -> None:
        utterance = self.record["utterances"][index]
        utterance.update(changes)
        for sink in self._sinks:
            sink.utterance_updated(self.id, index, utterance)

    def add_event(self, t: float, kind: str, **data: Any) -> None:
        event = {"t": round(t, 3), "kind": kind, **data}
        self.record["events"].append(event)
        for sink in self._sinks:
            sink.event_added(self.id, event)

    def finish(self, outcome: str, scorecard: dict[str, Any] | None = None) -> None:
        self.record["outcome"] = outcome
        for sink in self._sinks:
            sink.session_finished(self.id, outcome, scorecard)

    def recording_saved(self, path: Path) -> None:
        """The call's WAV is written: a sink that keeps recordings (a shared database)
        takes its copy. Optional for sinks, so it is looked up, not required."""
        for sink in self._sinks:
            keep = getattr(sink, "recording_saved", None)
            if keep is not None:
                keep(self.id, path)
