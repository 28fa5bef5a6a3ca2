"""A stored session opened from the history screen: its record, its score card, the
scenario to show it against, and whether it may be retried.

Who may see what follows simulator.team.access exactly as ``callcoach history`` and
``callcoach play`` do. Everything here blocks (database, scenario library): the TUI
calls it from a worker thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol, cast, runtime_checkable

from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.scenario.model import (
    CALLER_TYPES,
    LANGUAGES,
    Briefing,
    Caller,
    Scenario,
    Source,
    Turn,
)
from simulator.store.names import trainee_name
from simulator.team.access import AccessDenied, Viewer, acting_name, scope_for, viewer
from simulator.tui.services import CallOptions, Library

# "current": the library has this very version; "changed": same id, other file digest;
# "gone": no scenario with this id any more (deleted or renamed).
ScenarioState = Literal["current", "changed", "gone"]


@runtime_checkable
class SessionReader(Protocol):
    """What opening a past session needs of the store (simulator.store.Store)."""

    def read(self, work: Any, what: str = ...) -> Any: ...
    def load_record(self, session_id: str) -> dict[str, Any]: ...
    def scorecard(self, session_id: str) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class PastSession:
    record: Mapping[str, Any]
    card: Mapping[str, Any] | None
    scenario: Scenario  # what the result screen shows the call against
    library_scenario: Scenario | None  # the library's current version (for a retry)
    state: ScenarioState
    own: bool  # the current trainee's own call

    @property
    def can_retry(self) -> bool:
        """Retry means "again, me": a new call recorded under the current trainee. From
        someone else's card (a trainer reading a trainee's call) that is not what the
        key promises, so it is not offered; nor when the scenario is no longer there."""
        return self.own and self.library_scenario is not None


def acting(trainee: str | None) -> str | None:
    """Who is asking in the TUI: CALLCOACH_USER when set (the same identity ``--as``
    defaults to), otherwise the name the trainee set on the home screen."""
    return acting_name(None) or _normalised(trainee)


def tui_viewer(store: object, trainee: str | None) -> Viewer:
    from simulator.store.pgaccess import is_shared

    # A team database knows who you are (your login): the name on the home screen
    # is not asked for there.
    name = None if is_shared(store) else acting(trainee)
    if not isinstance(store, SessionReader):
        # A store without user tables (a stand-in that keeps no roles) has no trainers.
        return Viewer(name, "trainee", open_database=True)
    who = viewer(cast("Any", store), name)
    if not who.open_database and who.name is None:
        raise AccessDenied(t("history.needs_name"))
    return who


def visible_trainee(store: object, trainee: str | None, only_mine: bool) -> str | None:
    """The trainee whose sessions the history lists (None: everyone's), as in
    ``callcoach history``: once a database has trainers, a trainee sees only their own."""
    who = tui_viewer(store, trainee)
    wanted = _normalised(trainee) if only_mine else None
    return scope_for(who, wanted, wants_others=False)


def load_past_session(
    store: object, library: Library, session_id: str, trainee: str | None
) -> PastSession:
    if not isinstance(store, SessionReader):
        raise CallCoachError(t("history.cannot_open"))
    scope = visible_trainee(store, trainee, only_mine=False)
    record = store.load_record(session_id)
    owner = record.get("trainee")
    if scope is not None and owner != scope:
        # The same words as `callcoach play`: the list was scoped, this guards the id.
        raise AccessDenied(f"session {record['id']} is not one of {scope}'s")
    card = store.scorecard(session_id)
    current = in_library(library, _scenario_id(record))
    state = scenario_state(record, current)
    shown = current if current is not None and state == "current" else None
    caller = current.caller.name if current is not None else t("past.caller")
    return PastSession(
        record=record,
        card=card,
        scenario=shown or recorded_scenario(record, caller),
        library_scenario=current,
        state=state,
        own=_same_person(owner, trainee),
    )


def options_for_retry(record: Mapping[str, Any], current: CallOptions) -> CallOptions:
    """How the past call was taken (level, seed, voice or text) on this machine's
    settings (trainee, speech engine, devices, practice). Never drill rules: those
    belong to a drill run, not to a call picked from history."""
    level, seed = record.get("level"), record.get("seed")
    return replace(
        current,
        level=level if isinstance(level, int) and not isinstance(level, bool) else None,
        seed=seed if isinstance(seed, int) and not isinstance(seed, bool) else None,
        input="voice" if record.get("mode") == "voice" else "text",
        drill=False,
    )


def in_library(library: Library, scenario_id: str) -> Scenario | None:
    """The library's scenario with this id; None when there is none (only ids are
    looked up: a stored id is never taken for a file path)."""
    if not scenario_id or scenario_id not in {entry.id for entry in library.entries()}:
        return None
    return library.resolve(scenario_id)


def scenario_state(record: Mapping[str, Any], current: Scenario | None) -> ScenarioState:
    if current is None:
        return "gone"
    digest = _scenario_info(record).get("digest")
    return "changed" if digest and digest != current.source.digest else "current"


def recorded_scenario(record: Mapping[str, Any], caller: str) -> Scenario:
    """The scenario as the record knows it: identity, and each turn's model answer from
    the ``guide`` the call was scored with, beside the line the caller actually said.
    Shown when the library's version differs or is gone; never played."""
    info = _scenario_info(record)
    guide = record.get("guide")
    guide_turns = guide.get("turns") if isinstance(guide, Mapping) else None
    said: dict[str, str] = {}
    for utterance in record.get("utterances") or []:
        if utterance.get("speaker") == "customer":
            said.setdefault(str(utterance.get("turn")), str(utterance.get("text") or ""))
    turns = tuple(
        Turn(id=str(turn_id), say=(said.get(str(turn_id), ""),), model_answer=_answer(spec))
        for turn_id, spec in (guide_turns or {}).items()
    )
    language = record.get("language")
    caller_type = record.get("caller_type")
    return Scenario(
        id=_scenario_id(record),
        title=str(info.get("title") or info.get("id") or "?"),
        language=language if language in LANGUAGES else "ja",
        caller=Caller(type=caller_type if caller_type in CALLER_TYPES else "angry", name=caller),
        briefing=Briefing(situation=""),
        turns=turns,
        endings={},
        source=Source(None, str(info.get("digest") or "")),
    )


def _answer(spec: object) -> str | None:
    answer = spec.get("model_answer") if isinstance(spec, Mapping) else None
    return str(answer) if answer else None


def _scenario_info(record: Mapping[str, Any]) -> Mapping[str, Any]:
    info = record.get("scenario")
    return info if isinstance(info, Mapping) else {}


def _scenario_id(record: Mapping[str, Any]) -> str:
    return str(_scenario_info(record).get("id") or "")


def _normalised(name: object) -> str | None:
    """Stored names are normalised (simulator.store.names); compare them that way."""
    return (trainee_name(name) or None) if isinstance(name, str) else None


def _same_person(owner: object, trainee: str | None) -> bool:
    return _normalised(owner) == _normalised(trainee)
