"""`callcoach drill SET` in the TUI: drill rules on the screens (no hints, no retry, a
timer that ends the call), next → the set's next scenario, the summary, and the run in
the real SQLite store. Virtual clocks, the fake detector, a score card per scenario."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from simulator.cli.main import main
from simulator.engine.record import SessionSink
from simulator.engine.session import CallSession
from simulator.paths import config_dir
from simulator.scenario.model import DrillRules, Scenario, ScenarioSet
from simulator.store import Store, open_store
from simulator.store.drills import AttemptsUsedUp
from simulator.store.models import DrillRun
from simulator.team.drill import DrillPlan, prepare_drill
from simulator.tui.drill import TuiDrill, build_drill_app
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.drill_summary import DrillScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.services import CallOptions
from simulator.tui.settings import TuiSettings, save_settings
from tests.tui.fakes import FIXED_CARD, FakeLibrary, english_scenario, fake_detect, late_parcel
from tests.tui.pilot_helpers import at, run_async, settle
from tests.virtual_clock import VirtualClock

if TYPE_CHECKING:
    from simulator.scenario.library import ScenarioLibrary

TIME_LIMIT = 60.0
SCORES = {"ja-test-late-parcel": 82, "en-test-sofa": 41}  # pass mark 60: pass, fail


class DrillLibrary(FakeLibrary):
    """The TUI's fake library plus what ``prepare_drill`` reads: sets and scenarios."""

    def __init__(self) -> None:
        super().__init__([late_parcel(), english_scenario()])
        self.drill_set = ScenarioSet(
            id="tui-drill",
            title="テストドリル",
            scenarios=tuple(SCORES),
            pass_mark=60,
            drill=DrillRules(attempts=1, time_limit=TIME_LIMIT),
        )

    def sets(self) -> list[ScenarioSet]:
        return [self.drill_set]

    def scenario(self, scenario_id: str) -> Scenario:
        return self.scenarios[scenario_id]


def take_attempt(store: Store, library: DrillLibrary) -> DrillPlan:
    return prepare_drill(store, cast("ScenarioLibrary", library), "tui-drill", "sato")


class FixedScore(CallSession):
    """The engine's session with the fake detector and a fixed card per scenario."""

    def _score(self) -> dict[str, Any]:
        total = SCORES[self.scenario.id]
        return {**FIXED_CARD, "total": total, "passed": total >= 60}


def timed_fixed(scenario: Scenario, options: CallOptions, sinks: Sequence[SessionSink]) -> Any:
    return FixedScore(
        scenario,
        mode="text",
        detector=fake_detect,
        level=options.level,
        seed=7,
        trainee=options.trainee,
        sinks=sinks,
    )


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("CALLCOACH_HOME", str(tmp_path / "home"))
    with open_store(f"sqlite:///{tmp_path / 'drill.db'}") as opened:
        yield opened


class Clocks:
    """A fresh virtual clock per call (a call's times start at 0, as in the TUI)."""

    def __init__(self) -> None:
        self.made: list[VirtualClock] = []

    def __call__(self) -> VirtualClock:
        self.made.append(VirtualClock())
        return self.made[-1]

    @property
    def current(self) -> VirtualClock:
        return self.made[-1]


def start_drill(store: Store, tmp_path: Path, library: DrillLibrary) -> tuple[Any, Clocks]:
    drill = TuiDrill(take_attempt(store, library), store)
    clocks = Clocks()
    app = build_drill_app(
        drill, library, tmp_path / "tui.json", clock_factory=clocks, session_factory=timed_fixed
    )
    app.cursor_blink = False
    return app, clocks


def shown_actions(pilot: Pilot[Any]) -> set[str]:
    return {b.binding.action for b in pilot.app.screen.active_bindings.values()}


def static_text(pilot: Pilot[Any], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def start_call(pilot: Pilot[Any], title: str) -> CallScreen:
    """From a briefing (checked: drill rules, no practice key) into the call."""
    screen = pilot.app.screen
    assert isinstance(screen, BriefingScreen) and screen.scenario.title == title
    assert {"practice", "level", "voice"}.isdisjoint(shown_actions(pilot))
    assert "ヒントなし" in static_text(pilot, "#drill-note")
    await pilot.press("p")  # a drill cannot be switched to practice
    assert screen.options.practice is False and screen.options.drill is True
    await pilot.press("s")
    await settle(pilot)
    call = pilot.app.screen
    assert isinstance(call, CallScreen)
    assert "hint" not in shown_actions(pilot)
    return call


@run_async
async def test_a_two_scenario_drill_runs_to_its_summary_and_is_stored(
    store: Store, tmp_path: Path
) -> None:
    library = DrillLibrary()
    app, clocks = start_drill(store, tmp_path, library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, DrillScreen)
        assert "1 / 1 回目" in static_text(pilot, "#drill-rules")
        await pilot.press("enter")
        await settle(pilot)

        # First scenario: the trainee abandons the call; the result has no retry.
        call = await start_call(pilot, late_parcel().title)
        await at(pilot, clocks.current, 1.0)
        assert "残り 00:59" in static_text(pilot, "#status")
        await pilot.press("escape", "y")
        await settle(pilot)
        await at(pilot, clocks.current, 1.1)
        result = pilot.app.screen
        assert isinstance(result, ResultScreen)
        assert "retry" not in shown_actions(pilot) and "next" in shown_actions(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert pilot.app.screen is result  # no retry in a drill
        await pilot.press("n")
        await settle(pilot)

        # Second scenario: the time limit ends it while the trainee is typing.
        call = await start_call(pilot, english_scenario().title)
        await pilot.press("s", "o", "r")  # typing: no silence step will come
        await at(pilot, clocks.current, TIME_LIMIT + 0.2)
        assert call.session is not None and call.session.outcome == "abandoned"
        assert "time_up" in [e["kind"] for e in call.session.record["events"]]
        assert isinstance(pilot.app.screen, ResultScreen)
        await pilot.press("n")
        await settle(pilot)

        # The summary: each scenario's score and verdict, then the drill's.
        assert isinstance(pilot.app.screen, DrillScreen)
        table = pilot.app.screen.query_one("#drill-table", DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert [r[:2] for r in rows] == [["82", "合格"], ["41 （時間切れ）", "不合格"]]
        assert static_text(pilot, "#drill-verdict") == "ドリルの得点 61.5（合格点 60）: 合格"
        assert "next" not in shown_actions(pilot)

    runs = store.read(lambda db: db.query(DrillRun).all())
    assert len(runs) == 1 and runs[0].finished_at is not None
    with pytest.raises(AttemptsUsedUp, match="the one attempt at tui-drill is used up"):
        take_attempt(store, library)


@run_async
async def test_time_up_during_a_hold_ends_the_call_at_the_limit(
    store: Store, tmp_path: Path
) -> None:
    app, clocks = start_drill(store, tmp_path, DrillLibrary())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        call = await start_call(pilot, late_parcel().title)
        await at(pilot, clocks.current, 10.0)
        await pilot.press("f2")  # on hold from 10 s, past the limit
        await at(pilot, clocks.current, TIME_LIMIT + 5.0)
        session = call.session
        assert isinstance(session, CallSession) and session.outcome == "abandoned"
        events = session.record["events"]
        holds = [e for e in events if e["kind"].startswith("hold")]
        assert holds and all(e["t"] <= TIME_LIMIT for e in holds)
        assert "time_up" in [e["kind"] for e in events]
        assert isinstance(pilot.app.screen, ResultScreen)


def test_without_a_terminal_the_drill_is_refused_before_an_attempt_is_taken(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'drill.db'}"
    assert main(["--db", url, "drill", "new-operator-week-1"]) == 2  # nobody named
    assert "--trainee NAME" in capsys.readouterr().err
    assert main(["--db", url, "drill", "new-operator-week-1", "--trainee", "sato"]) == 1
    err = capsys.readouterr().err
    assert "needs a terminal" in err and err.count("\n") == 1
    save_settings(config_dir() / "tui.json", TuiSettings(trainee="佐藤"))  # the TUI's name
    assert main(["--db", url, "drill", "new-operator-week-1"]) == 1
    assert "needs a terminal" in capsys.readouterr().err
    assert store.read(lambda db: db.query(DrillRun).count()) == 0
