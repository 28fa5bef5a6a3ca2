"""A scenario set under drill rules: no hints, a fixed number of attempts, a time limit
per call, every call stored and linked to the drill run (and its assignment).

``prepare_drill`` takes an attempt (or refuses with a clear message) and returns a
``DrillPlan``; each call then gets ``plan.sinks_for(store)``; ``finish`` closes the run.
``run_headless_drill`` does all of it with one replay file per scenario on the virtual
clock; the interactive TUI drill uses the same plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError
from simulator.i18n import t

if TYPE_CHECKING:
    from simulator.engine.record import SessionSink
    from simulator.engine.replay import ReplayScript
    from simulator.engine.session import CallSession
    from simulator.scenario.library import ScenarioLibrary
    from simulator.scenario.model import Scenario, ScenarioSet
    from simulator.store import Store

REPLAY_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class DrillRules:
    attempts: int
    pass_mark: int
    time_limit: float | None  # seconds per call
    assignment_id: int | None
    hints: bool = False  # drills never show hints
    counted: tuple[int, ...] = ()  # assignments whose attempts count (merged ones)


@dataclass(frozen=True)
class CallResult:
    scenario_id: str
    session_id: str
    outcome: str
    total: float | None
    passed: bool | None
    timed_out: bool


@dataclass
class DrillPlan:
    drill_set: ScenarioSet
    scenarios: list[Scenario]
    trainee: str
    rules: DrillRules
    run_id: int
    attempt: int
    results: list[CallResult] = field(default_factory=list)
    open_scenarios: set[str] = field(default_factory=set)  # not yet taken in this run

    def __post_init__(self) -> None:
        self.open_scenarios = {s.id for s in self.scenarios}

    def sinks_for(self, store: Store) -> list[SessionSink]:
        """The database sink, then one that links the session to this run as soon as
        it starts (so a drill cut short still counts its calls)."""
        return [store.sink(), _RunLink(store, self.run_id, self.open_scenarios)]

    def finish(self, store: Store) -> DrillOutcome:
        from simulator.store.drills import finish_run, run_score

        store.write(lambda db: finish_run(db, self.run_id), "finish a drill in")
        score = store.read(lambda db: run_score(db, self.run_id))
        return DrillOutcome(self, score or 0.0, (score or 0.0) >= self.rules.pass_mark)


@dataclass(frozen=True)
class DrillOutcome:
    plan: DrillPlan
    score: float
    passed: bool


class _RunLink:
    """A SessionSink that links a drill scenario's first session to the run (a second
    call of the same scenario — a retry — is stored but does not count)."""

    def __init__(self, store: Store, run_id: int, open_scenarios: set[str]) -> None:
        self._store = store
        self._run_id = run_id
        self._open = open_scenarios  # shared by every sink of one plan

    def session_started(self, header: dict[str, Any]) -> None:
        from simulator.store.drills import link_session

        scenario = (header.get("scenario") or {}).get("id")
        if scenario not in self._open:
            return
        self._open.discard(scenario)
        session_id = str(header["id"])
        self._store.write(lambda db: link_session(db, self._run_id, session_id), "save a drill to")

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        pass

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        pass

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        pass

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None:
        pass


class DrillStore:
    """What the TUI's ``Services.open_store`` returns during a drill: the real store,
    whose sinks also link each drill scenario's call to the run."""

    def __init__(self, store: Store, plan: DrillPlan) -> None:
        self.store = store
        self.plan = plan

    def sink(self) -> SessionSink:
        return _FanOut(self.plan.sinks_for(self.store))

    def history(self, trainee: str | None = None, limit: int = 50) -> list[Any]:
        return self.store.history(trainee=trainee, limit=limit)

    def close(self) -> None:
        self.store.close()


class _FanOut:
    def __init__(self, sinks: Sequence[SessionSink]) -> None:
        self._sinks = list(sinks)

    def session_started(self, header: dict[str, Any]) -> None:
        for sink in self._sinks:
            sink.session_started(header)

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        for sink in self._sinks:
            sink.utterance_added(session_id, index, utterance)

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        for sink in self._sinks:
            sink.utterance_updated(session_id, index, utterance)

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        for sink in self._sinks:
            sink.event_added(session_id, event)

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None:
        for sink in self._sinks:
            sink.session_finished(session_id, outcome, scorecard)

    def recording_saved(self, session_id: str, path: Path) -> None:
        for sink in self._sinks:
            keep = getattr(sink, "recording_saved", None)
            if keep is not None:
                keep(session_id, path)


def find_set(library: ScenarioLibrary, set_id: str) -> ScenarioSet:
    from simulator.scenario.spec import close_matches

    sets = {s.id: s for s in library.sets()}
    if set_id in sets:
        return sets[set_id]
    matches = close_matches(set_id, sorted(sets))
    if matches:
        suggestions = ", ".join(matches)
        raise CallCoachError(t("sets.unknown.close", set=set_id, suggestions=suggestions))
    known = ", ".join(sorted(sets)) or t("sets.none")
    hint = _own_folder_hint(library)
    raise CallCoachError(t("sets.unknown", set=set_id, known=known, hint=hint))


def _own_folder_hint(library: ScenarioLibrary) -> str:
    """A set in the trainer's own folder is found only when that folder is searched."""
    if any(folder != library.bundled_dir for folder in library.dirs):
        return ""
    return t("sets.own_folder")


def drill_rules(store: Store, drill_set: ScenarioSet, trainee: str) -> DrillRules:
    """The assignment's rules when the trainee has one for this set, else the set's."""
    from simulator.store.teams import open_assignment_for

    assigned = store.read(lambda db: open_assignment_for(db, trainee, drill_set.id))
    if assigned is None:
        return DrillRules(
            attempts=drill_set.drill.attempts,
            pass_mark=drill_set.pass_mark,
            time_limit=drill_set.drill.time_limit,
            assignment_id=None,
        )
    return DrillRules(
        attempts=assigned.attempts,
        pass_mark=assigned.pass_mark,
        time_limit=assigned.time_limit,
        assignment_id=assigned.id,
        counted=assigned.merged,
    )


def prepare_drill(store: Store, library: ScenarioLibrary, set_id: str, trainee: str) -> DrillPlan:
    """Load the set's scenarios, then take the next attempt (AttemptsUsedUp if none)."""
    from simulator.store.drills import RunRules, start_run
    from simulator.store.teams import ensure_user

    drill_set = find_set(library, set_id)
    scenarios = [library.scenario(sid) for sid in drill_set.scenarios]
    rules = drill_rules(store, drill_set, trainee)

    def take(db: Any) -> tuple[str, Any]:
        user = ensure_user(db, trainee)
        ticket = start_run(
            db,
            RunRules(
                set_id=drill_set.id,
                trainee_id=user.id,
                assignment_id=rules.assignment_id,
                allowed=rules.attempts,
                scenario_count=len(scenarios),
                pass_mark=rules.pass_mark,
                counted=rules.counted,
            ),
        )
        return user.name, ticket

    name, ticket = store.write(take, "start a drill in")
    return DrillPlan(drill_set, scenarios, name, rules, ticket.run_id, ticket.attempt)


def replay_files(replay_dir: Path, scenario_ids: Sequence[str]) -> dict[str, Path]:
    """The replay file of every scenario: ``<id>.yaml`` (or .yml/.json), else the one
    ``<id>.<anything>.yaml`` (``<id>.good.yaml``). One error naming every missing file;
    two candidates without a plain ``<id>.yaml`` is an error naming both."""
    if not replay_dir.is_dir():
        raise CallCoachError(t("drill_run.no_replay_dir", path=replay_dir))
    names = sorted(p.name for p in replay_dir.iterdir() if p.is_file())
    found: dict[str, Path] = {}
    missing = []
    for scenario_id in scenario_ids:
        hit = _replay_for(replay_dir, scenario_id, names)
        if hit is None:
            missing.append(f"{scenario_id}.yaml")
        else:
            found[scenario_id] = hit
    if missing:
        raise CallCoachError(
            t("drill_run.missing_replays", path=replay_dir, files=", ".join(missing))
        )
    return found


def _replay_for(replay_dir: Path, scenario_id: str, names: Sequence[str]) -> Path | None:
    exact = [f"{scenario_id}{suffix}" for suffix in REPLAY_SUFFIXES]
    plain = next((name for name in exact if name in names), None)
    if plain is not None:
        return replay_dir / plain
    prefix = f"{scenario_id}."
    dotted = [n for n in names if n.startswith(prefix) and n.endswith(REPLAY_SUFFIXES)]
    if len(dotted) > 1:
        raise CallCoachError(
            f"{replay_dir}: {len(dotted)} replay files for {scenario_id}: {', '.join(dotted)}"
            f" — keep one, or name the one to use {scenario_id}.yaml"
        )
    return replay_dir / dotted[0] if dotted else None


def run_headless_drill(
    store: Store, library: ScenarioLibrary, set_id: str, trainee: str, replay_dir: Path
) -> DrillOutcome:
    from simulator.engine.replay import load_replay

    drill_set = find_set(library, set_id)
    # Every replay is read (and checked) before an attempt is taken.
    scripts = {
        sid: load_replay(p) for sid, p in replay_files(replay_dir, drill_set.scenarios).items()
    }
    plan = prepare_drill(store, library, set_id, trainee)
    for scenario in plan.scenarios:
        session, timed_out = play_timed(
            scenario, scripts[scenario.id], plan.sinks_for(store), plan.trainee, plan.rules
        )
        card = session.scorecard or {}
        plan.results.append(
            CallResult(
                scenario_id=scenario.id,
                session_id=session.recorder.id,
                outcome=str(session.record["outcome"]),
                total=card.get("total"),
                passed=card.get("passed"),
                timed_out=timed_out,
            )
        )
    return plan.finish(store)


def play_timed(
    scenario: Scenario,
    script: ReplayScript,
    sinks: Sequence[SessionSink],
    trainee: str,
    rules: DrillRules,
) -> tuple[CallSession, bool]:
    """``run_replay`` with the drill's time limit: the call ends (abandoned, with a
    ``time_up`` event) when it is up."""
    from simulator.engine.replay import run_replay

    session = run_replay(
        scenario, script, sinks=sinks, trainee=trainee, time_limit=rules.time_limit
    )
    return session, any(e["kind"] == "time_up" for e in session.record["events"])
