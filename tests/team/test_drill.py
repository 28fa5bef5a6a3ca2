"""`callcoach drill SET --replay-dir DIR`: drill rules, attempts, timer, stored results."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.errors import CallCoachError
from simulator.scenario.library import ScenarioLibrary
from simulator.store import open_store
from simulator.store.drills import AttemptsUsedUp
from simulator.store.teams import assignments_of
from simulator.team.drill import DrillRules, play_timed, run_headless_drill
from tests.store.conftest import sqlite_only
from tests.team.conftest import SCENARIOS, SET_ID, Cli


@sqlite_only
def test_a_drill_stores_every_call_linked_to_the_assignment(
    cli: Cli, db_url: str, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("assign", SET_ID, "--trainee", "佐藤", "--due", "2030-01-31", "--attempts", "1") == 0
    assert cli("drill", SET_ID, "--trainee", "佐藤", "--replay-dir", str(replay_dir)) == 0
    out = capsys.readouterr().out
    assert "mini-drill: attempt 1/1 by 佐藤" in out
    assert "ja-angry-late-delivery: resolved" in out and "drill score" in out
    with open_store(db_url) as store:
        sessions = store.history(trainee="佐藤")
        views = store.read(lambda db: assignments_of(db, "佐藤"))
    assert sorted(s.scenario_id for s in sessions) == sorted(SCENARIOS)
    assert all(s.mode == "replay" and s.complete for s in sessions)
    [view] = views
    mean = sum(s.total or 0 for s in sessions) / len(SCENARIOS)
    assert view.attempts_used == 1 and view.best == pytest.approx(mean)
    assert view.passed is (mean >= 60)


@sqlite_only
def test_attempts_run_out_with_a_clear_refusal(
    cli: Cli, db_url: str, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):  # the set allows 2
        assert cli("drill", SET_ID, "--trainee", "kim", "--replay-dir", str(replay_dir)) == 0
    capsys.readouterr()
    assert cli("drill", SET_ID, "--trainee", "kim", "--replay-dir", str(replay_dir)) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "callcoach: all 2 attempts at mini-drill are used up"
        " (a trainer can assign it again with more attempts)"
    )
    with open_store(db_url) as store:
        assert len(store.history(trainee="kim")) == 4  # the refused third stored nothing


def test_a_missing_replay_file_does_not_use_an_attempt(
    db_url: str, set_dir: Path, replay_dir: Path
) -> None:
    (replay_dir / "en-angry-wrong-colour.yaml").unlink()
    library = ScenarioLibrary(extra_dirs=[set_dir])
    with open_store(db_url) as store:
        with pytest.raises(CallCoachError, match=r"none: no such folder of replay files"):
            run_headless_drill(store, library, "solo-drill", "kim", replay_dir.parent / "none")
        with pytest.raises(CallCoachError, match=r"missing replay file\(s\) en-angry-wrong-colour"):
            run_headless_drill(store, library, SET_ID, "kim", replay_dir)
        outcome = run_headless_drill(store, library, "solo-drill", "kim", replay_dir)
        assert outcome.plan.attempt == 1  # the failed tries took none
        with pytest.raises(AttemptsUsedUp):
            run_headless_drill(store, library, "solo-drill", "kim", replay_dir)


def test_the_timer_ends_a_call_that_runs_over(db_url: str, replay_dir: Path) -> None:
    from simulator.engine.replay import load_replay

    library = ScenarioLibrary()
    scenario = library.scenario(SCENARIOS[0])
    script = load_replay(replay_dir / f"{SCENARIOS[0]}.yaml")
    rules = DrillRules(attempts=1, pass_mark=70, time_limit=30.0, assignment_id=None)
    session, timed_out = play_timed(scenario, script, [], "kim", rules)
    assert timed_out and session.record["outcome"] == "abandoned"
    kinds = [e["kind"] for e in session.record["events"]]
    assert "time_up" in kinds
    time_up = next(e for e in session.record["events"] if e["kind"] == "time_up")
    assert time_up["t"] == 30.0
    # Nothing the trainee says starts after the limit.
    assert all(u["start"] < 30.0 for u in session.record["utterances"] if u["speaker"] == "trainee")
    untimed = DrillRules(attempts=1, pass_mark=70, time_limit=None, assignment_id=None)
    full, timed_out = play_timed(scenario, script, [], "kim", untimed)
    assert not timed_out and full.record["outcome"] == "resolved"


@sqlite_only
def test_drill_needs_a_trainee_and_refuses_another_trainees_name(
    cli: Cli, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("drill", SET_ID, "--replay-dir", str(replay_dir)) == 2
    assert "say who takes the drill" in capsys.readouterr().err
    assert cli("trainee", "add", "boss", "--role", "trainer") == 0
    assert cli("trainee", "add", "kim", "--as", "boss") == 0
    assert cli("drill", SET_ID, "--trainee", "boss", "--as", "kim",
               "--replay-dir", str(replay_dir)) == 1  # fmt: skip
    assert "kim may not see boss's sessions" in capsys.readouterr().err


@sqlite_only
def test_the_assignment_rules_win_over_the_sets(
    cli: Cli, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("assign", SET_ID, "--trainee", "lee", "--due", "2030-01-31",
               "--attempts", "1", "--pass-mark", "100") == 0  # fmt: skip
    assert cli("drill", SET_ID, "--trainee", "lee", "--replay-dir", str(replay_dir)) == 0
    assert "(fail, pass mark 100)" in capsys.readouterr().out
    assert cli("assignments", "--format", "json") == 0
    [view] = json.loads(capsys.readouterr().out)
    assert (view["attempts_used"], view["status"]) == (1, "failed")


def test_the_time_limit_also_ends_a_silent_call() -> None:
    """The trainee may just stay silent: the loop's clock ends the call at the limit."""
    from simulator.engine.loop import CallLoop
    from simulator.engine.session import CallSession

    scenario = ScenarioLibrary().scenario(SCENARIOS[0])
    loop = CallLoop(CallSession(scenario, mode="text", trainee="kim"), time_limit=16.0)
    loop.start(0.0)
    loop.tick(15.0)
    assert loop.outcome is None
    loop.tick(60.0)
    assert loop.timed_out and loop.outcome == "abandoned"
    events = loop.session.record["events"]
    assert [e["kind"] for e in events][-2:] == ["time_up", "end"]
    assert [e["t"] for e in events][-2:] == [16.0, 16.0]


def test_a_tui_drill_store_links_each_scenarios_first_call(
    db_url: str, set_dir: Path, replay_dir: Path
) -> None:
    from simulator.engine.replay import load_replay
    from simulator.store.drills import run_score
    from simulator.team.drill import DrillStore, prepare_drill

    library = ScenarioLibrary(extra_dirs=[set_dir])
    with open_store(db_url) as store:
        plan = prepare_drill(store, library, SET_ID, "kim")
        tui_store = DrillStore(store, plan)
        first = library.scenario(SCENARIOS[0])
        script = load_replay(replay_dir / f"{SCENARIOS[0]}.yaml")
        for _ in range(2):  # the trainee retries the first scenario: only the first counts
            play_timed(first, script, [tui_store.sink()], "kim", plan.rules)
        assert tui_store.history(trainee="kim")[0].scenario_id == SCENARIOS[0]
        calls = store.history(trainee="kim")
        outcome = plan.finish(store)
        linked = store.read(lambda db: run_score(db, plan.run_id))
    assert len(calls) == 2  # both stored
    first_call = calls[-1]  # newest first
    assert plan.open_scenarios == {SCENARIOS[1]}  # never taken: counts 0
    assert outcome.score == linked == pytest.approx((first_call.total or 0) / 2)


def test_the_interactive_drill_without_a_terminal_is_refused_clearly(
    cli: Cli, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # On PostgreSQL the login takes the drill: no name to give.
    who = [] if db_url.startswith("postgresql") else ["--trainee", "kim"]
    assert cli("drill", SET_ID, *who) == 1
    err = capsys.readouterr().err
    assert "run it headless: callcoach drill SET --replay-dir DIR" in err
    assert err.count("\n") == 1
