"""Shared helpers for the bundled-library tests: where the scenarios and replays live,
and how to play one replay headless on the virtual clock."""

from __future__ import annotations

from pathlib import Path

from simulator.engine.replay import load_replay, run_replay
from simulator.engine.session import CallSession
from simulator.scenario.loader import load_scenario
from simulator.scenario.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
SETS = SCENARIOS / "sets"
REPLAYS = Path(__file__).resolve().parent / "replays"
BAD_ENDINGS = ("hung_up", "escalated")


def scenario_paths() -> list[Path]:
    """Every bundled scenario file, Japanese first, in a stable order."""
    return sorted((SCENARIOS / "ja").glob("*.yaml")) + sorted((SCENARIOS / "en").glob("*.yaml"))


def scenario_ids() -> list[str]:
    return [path.stem for path in scenario_paths()]


def load(scenario_id: str) -> Scenario:
    language = scenario_id.split("-", 1)[0]
    return load_scenario(SCENARIOS / language / f"{scenario_id}.yaml")


def play(scenario_id: str, kind: str, level: int | None = None) -> CallSession:
    """Play ``replays/<id>/<kind>.yaml`` against the scenario (no database)."""
    script = load_replay(REPLAYS / scenario_id / f"{kind}.yaml")
    return run_replay(load(scenario_id), script, level=level)


def transcript(session: CallSession) -> str:
    """The call as text, for assertion messages that explain a wrong ending."""
    lines = [
        f"{u['speaker'][0].upper()} [{u['turn']}] {u['text']}" for u in session.record["utterances"]
    ]
    card = session.scorecard or {}
    lines.append(f"outcome={session.outcome} total={card.get('total')} passed={card.get('passed')}")
    return "\n".join(lines)


def model_answer_call(scenario: Scenario, level: int | None = None, seed: int = 1) -> CallSession:
    """Answer every turn with its own model answer, each started 0.6 s after the caller."""
    from simulator.engine.loop import CallLoop

    session = CallSession(scenario, mode="replay", level=level, seed=seed)
    loop = CallLoop(session)
    loop.start(0.0)
    for _ in range(40):
        if session.outcome is not None:
            break
        text = session.conversation.turn.model_answer or ""
        start = loop.caller_free_at + 0.6
        loop.trainee_replied(text, start, start + session.spoken_seconds(text))
    return session
