"""The unsaved-call journal: a call's sink operations, one JSON line each, written
when the database refused them (a full disk, a lost server), so they can be stored
later with ``callcoach import JOURNAL``.

The journal holds every operation of the call from its start, not only the refused
ones: the store always holds a prefix of them (simulator.store.retrying_sink writes
in order and stops at the first failure), so recovery rebuilds the whole record and
stores what is missing — the session, utterances (by position), events after the
last stored one, the outcome. Recovering twice changes nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session as OrmSession

    from simulator.store.store import Store

JOURNAL_FORMAT = "callcoach.journal/1"
OPERATIONS = (
    "session_started",
    "utterance_added",
    "utterance_updated",
    "event_added",
    "session_finished",
    "recording_saved",  # the WAV itself stays on this machine: nothing to recover
)
MAX_JOURNAL_BYTES = 64 * 1024 * 1024


def journal_dirs() -> list[Path]:
    """Where a journal may go, best first: beside the database, then the temp folder
    (often another file system when the data folder's disk is full)."""
    from simulator.paths import data_dir

    uid = getattr(os, "getuid", lambda: 0)()
    return [data_dir() / "unsaved", Path(tempfile.gettempdir()) / f"callcoach-unsaved-{uid}"]


def operation_line(name: str, args: Sequence[Any]) -> str:
    return json.dumps({"op": name, "args": list(args)}, ensure_ascii=False, default=str) + "\n"


class JournalFile:
    """One call's journal, created 0600 in the first folder that takes it."""

    def __init__(self, session_id: str, folders: Sequence[Path] | None = None) -> None:
        self.session_id = session_id
        self._folders = list(folders) if folders is not None else journal_dirs()
        self.path: Path | None = None

    def append(self, lines: Iterable[str]) -> None:
        """Appends ``lines``; raises OSError when no folder takes them."""
        text = "".join(lines)
        if self.path is not None:
            _append(self.path, text)
            return
        head = json.dumps({"format": JOURNAL_FORMAT, "session": self.session_id}) + "\n"
        failure: OSError | None = None
        for folder in self._folders:
            path = folder / f"{self.session_id}.journal.jsonl"
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                _check_private(folder)
                _append(path, head + text, create=True)
            except OSError as error:
                failure = error
                continue
            self.path = path
            return
        raise failure or OSError("no folder for the journal")

    def remove(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)
            self.path = None


def _check_private(folder: Path) -> None:
    """The temp folder is shared: a folder someone else made (or a link) in our name's
    place must not receive a transcript."""
    import stat

    info = folder.lstat()
    mine = getattr(os, "getuid", lambda: info.st_uid)() == info.st_uid
    if not stat.S_ISDIR(info.st_mode) or not mine or info.st_mode & 0o077:
        raise OSError(f"{folder}: not a private folder of this user")


def _append(path: Path, text: str, *, create: bool = False) -> None:
    flags = os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
    flags |= os.O_CREAT | os.O_TRUNC if create else 0
    descriptor = os.open(path, flags, 0o600)
    try:
        data = text.encode("utf-8")
        while data:
            written = os.write(descriptor, data)
            data = data[written:]
        os.fsync(descriptor)
    except OSError:
        if create:
            path.unlink(missing_ok=True)
        raise
    finally:
        os.close(descriptor)


# -- recovery -----------------------------------------------------------------------


@dataclass
class RecoveredCall:
    """A call rebuilt from its journal."""

    record: dict[str, Any]
    scorecard: dict[str, Any] | None
    finished: bool


def is_journal(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            first = handle.readline(4096)
    except OSError:
        return False
    return JOURNAL_FORMAT.encode() in first


def read_journal(path: Path) -> RecoveredCall:
    """The call a journal describes; ``file:line: what — expected`` when it is damaged.
    A last line cut short (the disk filled mid-write) is ignored."""
    try:
        if path.stat().st_size > MAX_JOURNAL_BYTES:
            raise CallCoachError(f"{path}: journal larger than 64 MiB — a CallCoach journal")
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CallCoachError(f"{path}: cannot read the journal ({error})") from None
    call = RecoveredCall({}, None, False)
    for number, line in enumerate(lines[1:], start=2):
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            if number == len(lines):
                break  # cut short by the full disk it was written on
            raise CallCoachError(f"{path}:{number}: not JSON — one operation per line") from None
        _apply(call, entry, f"{path}:{number}")
    if not call.record:
        raise CallCoachError(f"{path}:1: the journal has no session_started — a whole journal")
    return call


def _apply(call: RecoveredCall, entry: Any, where: str) -> None:
    op = entry.get("op") if isinstance(entry, dict) else None
    args = entry.get("args") if isinstance(entry, dict) else None
    if op not in OPERATIONS or not isinstance(args, list):
        raise CallCoachError(f"{where}: unknown operation — one of {', '.join(OPERATIONS)}")
    record = call.record
    if op == "recording_saved":
        return
    try:
        if op == "session_started":
            record.update(args[0], utterances=[], events=[])
        elif op in ("utterance_added", "utterance_updated"):
            index, utterance = int(args[1]), dict(args[2])
            utterances = record["utterances"]
            utterances.extend({} for _ in range(index + 1 - len(utterances)))
            utterances[index] = utterance
        elif op == "event_added":
            record["events"].append(dict(args[1]))
        else:
            record["outcome"] = str(args[1])
            call.scorecard = args[2] if isinstance(args[2], dict) else None
            call.finished = True
    except (IndexError, KeyError, TypeError, ValueError):
        what = f"{where}: {op} with unexpected arguments — as CallCoach writes them"
        raise CallCoachError(what) from None


def recover_journal(store: Store, path: Path) -> str:
    """Stores what the journal has and the database lacks; returns what was done."""
    call = read_journal(path)
    session_id = str(call.record.get("id") or "")
    return store.write(lambda db: _store_missing(db, call, session_id), "store a journal in")


def _store_missing(db: OrmSession, call: RecoveredCall, session_id: str) -> str:
    from datetime import UTC, datetime

    from sqlalchemy import func, select

    from simulator.i18n import t as t_  # ``t`` is an event's time below
    from simulator.store.imports import insert_record
    from simulator.store.models import Event, Session
    from simulator.store.sink import _number, _utterance_row

    row = db.get(Session, session_id)
    if row is None:
        record = call.record if call.finished else {**call.record, "outcome": None}
        insert_record(db, record, call.scorecard)
        return t_("journal.stored", session=session_id)
    for index, utterance in enumerate(call.record["utterances"]):
        db.merge(_utterance_row(session_id, index, utterance))
    stored_events = db.scalar(select(func.count()).where(Event.session_id == session_id)) or 0
    for seq, event in enumerate(call.record["events"][stored_events:], start=stored_events):
        data = {k: v for k, v in event.items() if k not in ("t", "kind")}
        t, kind = float(event.get("t", 0.0)), str(event.get("kind", ""))
        db.add(Event(session_id=session_id, seq=seq, t=t, kind=kind, data=data or None))
    if call.finished and not row.complete:
        row.outcome, row.complete, row.ended_at = call.record["outcome"], True, datetime.now(UTC)
        if call.scorecard is not None:
            row.scorecard = call.scorecard
            row.total_score = _number(call.scorecard.get("total"))
            passed = call.scorecard.get("passed")
            row.passed = passed if isinstance(passed, bool) else None
    return t_("journal.completed", session=session_id)
