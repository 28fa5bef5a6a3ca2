"""History → Enter → the past call's result: score card, feedback, model answers, the
recorded turns played back; a scenario that changed or went; a call cut short; who may
open whose call (simulator.team.access, as in `callcoach history` / `play`). Sessions
are stored in a real SQLite database under the test's CALLCOACH_HOME."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Static

from simulator.engine.session_header import session_header
from simulator.scenario.model import Scenario, Source
from simulator.store import Store, open_store
from simulator.store.teams import ensure_user, set_role
from simulator.team.access import AccessDenied
from simulator.tui.app import CallCoachApp
from simulator.tui.past_session import load_past_session
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.past_result import PastResultScreen
from simulator.tui.services import CallOptions, Services
from simulator.tui.widgets.history_table import HistoryTable
from simulator.tui.widgets.scorecard_view import ScorecardView
from simulator.tui.widgets.turn_list import TurnList
from tests.tui.fakes import FIXED_CARD, FakeLibrary, fake_session, late_parcel
from tests.tui.pilot_helpers import run_async, settle
from tests.tui.test_result_playback import (
    UTTERANCES,
    FakeSpeaker,
    as_int16,
    expected_clip,
    played,
    until,
    write_recording,
)
from tests.virtual_clock import VirtualClock

DIGEST = "sha256:" + "ab" * 32


def parcel() -> Scenario:
    """The test scenario as the library has it now (with a file digest)."""
    return replace(late_parcel(), source=Source(None, DIGEST))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'calls.db'}")
    yield opened
    opened.close()


def store_call(
    store: Store,
    session_id: str,
    *,
    trainee: str | None = "sato",
    mode: str = "voice",
    scenario: Scenario | None = None,
    finished: bool = True,
    minute: int = 0,
) -> None:
    """A call as the engine stores it: the header (with the scoring guide), each
    utterance, and — unless it was cut short — the outcome and the score card."""
    header = session_header(scenario or parcel(), mode=mode, level=3, seed=11, trainee=trainee)
    header |= {"id": session_id, "started_at": f"2026-11-23T10:{minute:02d}:00+09:00"}
    sink = store.sink()
    sink.session_started(header)
    for index, utterance in enumerate(UTTERANCES):
        sink.utterance_added(session_id, index, dict(utterance))
    if finished:
        sink.session_finished(session_id, "resolved", dict(FIXED_CARD))


def team_of_boss(db: Any) -> None:
    """A trainer and the trainees they added (a database with trainers stores calls of
    the people in it only)."""
    set_role(db, "boss", "trainer")
    for name in ("sato", "suzuki"):
        ensure_user(db, name)


def make_app(store: Store, tmp_path: Path, trainee: str | None = "sato") -> CallCoachApp:
    clock = VirtualClock()
    services = Services(
        library=FakeLibrary([parcel()]),
        open_store=lambda: store,
        clock_factory=lambda: clock,
        session_factory=fake_session,
        settings_path=tmp_path / "tui.json",
    )
    return CallCoachApp(services, CallOptions(trainee=trainee), cursor_blink=False)


async def open_history(pilot: Pilot[Any], speaker: FakeSpeaker | None = None) -> HistoryScreen:
    screen = HistoryScreen(open_player=(lambda: speaker) if speaker else None)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def open_row(pilot: Pilot[Any], row: int = 0) -> PastResultScreen:
    await pilot.press(*["down"] * row, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, PastResultScreen), type(screen).__name__
    return screen


def card_text(screen: PastResultScreen) -> str:
    console = Console(width=78, file=io.StringIO(), color_system=None)
    console.print(screen.query_one(ScorecardView).query_one(Static).content)
    return console.file.getvalue()  # type: ignore[attr-defined]


def line(screen: PastResultScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@run_async
async def test_enter_opens_the_card_and_escape_returns_to_the_history(
    store: Store, tmp_path: Path
) -> None:
    store_call(store, "older", mode="text", minute=0)
    store_call(store, "newer", mode="text", minute=5)
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")  # the way a trainee gets there
        await settle(pilot)
        history = pilot.app.screen
        assert isinstance(history, HistoryScreen)
        assert history.query_one(HistoryTable).row_count == 2
        result = await open_row(pilot, 1)
        assert result.record["id"] == "older" and result.card == FIXED_CARD
        text = card_text(result)
        assert "82" in text and "最後にもう一度名乗りましょう。" in text  # score, feedback
        assert "念のため復唱いたします。" in text  # a model answer
        assert "sato" in line(result, "#past-info") and not result.query("#past-note")
        assert not result.query(TurnList)  # a text call has nothing to play
        assert result.check_action("retry", ()) is True  # own call, scenario still there
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is history
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


@run_async
async def test_a_recorded_voice_call_plays_any_turn(store: Store, tmp_path: Path) -> None:
    store_call(store, "rec-1")
    stereo = write_recording("rec-1")
    speaker = FakeSpeaker()
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot, speaker)
        result = await open_row(pilot)
        turns = result.query_one(TurnList)
        assert turns.option_count == 3 and pilot.app.focused is turns
        await pilot.press("down", "enter")  # the trainee's answer, right channel
        await played(pilot)
        assert len(speaker.played) == 1
        clip = as_int16(speaker.played[0]).tolist()
        assert clip == expected_clip(stereo, UTTERANCES[1], 1).tolist()
        await pilot.press("escape")  # nothing plays: back to the list
        await settle(pilot)
        assert pilot.app.screen is history
    assert speaker.closed


@run_async
async def test_a_voice_call_without_its_recording_says_so_at_once(
    store: Store, tmp_path: Path
) -> None:
    store_call(store, "no-file")  # a voice call whose recording is not on disk
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        result = await open_row(pilot)
        assert "録音は残っていません" in line(result, "#past-no-recording")
        assert not result.query(TurnList) and not result.query("#note")  # no "saving…"


@run_async
async def test_a_deleted_scenario_shows_the_stored_card_without_retry(
    store: Store, tmp_path: Path
) -> None:
    gone = replace(parcel(), id="ja-old-parcel", title="旧版：荷物が届かない")
    store_call(store, "old-1", scenario=gone, mode="text")
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        result = await open_row(pilot)
        assert "ja-old-parcel" in line(result, "#past-note")
        assert "旧版：荷物が届かない" in str(result.query_one(".title", Static).render())
        text = card_text(result)
        assert "82" in text
        assert "念のため復唱いたします。" in text  # from the guide the call was scored with
        assert result.check_action("retry", ()) is False
        await pilot.press("r")
        await settle(pilot)
        assert pilot.app.screen is result


@run_async
async def test_retry_of_a_changed_scenario_starts_the_current_one_with_the_old_options(
    store: Store, tmp_path: Path
) -> None:
    earlier = replace(late_parcel(), source=Source(None, "sha256:" + "cd" * 32))
    store_call(store, "changed-1", scenario=earlier, mode="text")
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        result = await open_row(pilot)
        assert "変更されました" in line(result, "#past-note")
        await pilot.press("r")
        await settle(pilot)
        call = pilot.app.screen
        assert isinstance(call, CallScreen)
        assert call.scenario.source.digest == DIGEST  # the library's version
        assert (call.options.level, call.options.seed, call.options.input) == (3, 11, "text")
        assert call.options.trainee == "sato" and not call.options.drill


@run_async
async def test_a_call_cut_short_shows_as_incomplete(store: Store, tmp_path: Path) -> None:
    store_call(store, "killed-1", mode="text", finished=False)
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        assert history.query_one(HistoryTable).get_row_at(0)[3] == "未完了"
        result = await open_row(pilot)
        assert result.card is None
        text = card_text(result)
        assert "未完了" in text and "採点結果はありません" in text
        assert "途中で終わった通話" in line(result, "#past-note")


@run_async
async def test_a_trainee_sees_and_opens_only_their_own_calls(store: Store, tmp_path: Path) -> None:
    store.write(team_of_boss)
    store_call(store, "mine", trainee="sato", mode="text", minute=1)
    store_call(store, "theirs", trainee="suzuki", mode="text", minute=2)
    app = make_app(store, tmp_path, trainee="sato")
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        table = history.query_one(HistoryTable)
        assert table.row_count == 1 and table.get_row_at(0)[2] == "sato"
    # The list is scoped; opening by id is guarded too (a stale list, a typed id).
    with pytest.raises(AccessDenied, match="not one of sato's"):
        load_past_session(store, FakeLibrary([parcel()]), "theirs", "sato")


@run_async
async def test_a_trainer_opens_a_trainees_call_read_only(store: Store, tmp_path: Path) -> None:
    store.write(team_of_boss)
    store_call(store, "theirs", trainee="suzuki")
    write_recording("theirs")
    app = make_app(store, tmp_path, trainee="boss")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, FakeSpeaker())
        result = await open_row(pilot)
        assert result.check_action("retry", ()) is False  # not the trainer's own call
        prompt = str(result.query_one(TurnList).get_option_at_index(1).prompt)
        assert "suzuki" in prompt  # the trainee is named, not "you"


@run_async
async def test_a_session_gone_since_the_list_is_a_notification(
    store: Store, tmp_path: Path
) -> None:
    store_call(store, "mine", mode="text")
    app = make_app(store, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        history = await open_history(pilot)
        history.open_session("purged-since")  # as if Enter hit a row purged meanwhile
        notes = pilot.app._notifications
        await until(pilot, lambda: any("purged-since" in n.message for n in notes))
        assert pilot.app.screen is history and pilot.app.is_running


@run_async
async def test_a_database_with_trainers_needs_a_name(store: Store, tmp_path: Path) -> None:
    store.write(team_of_boss)
    store_call(store, "mine", mode="text")
    app = make_app(store, tmp_path, trainee=None)
    async with app.run_test(size=(80, 24)) as pilot:
        history = HistoryScreen()
        await pilot.app.push_screen(history)
        empty = history.query_one("#empty", Static)
        await until(pilot, lambda: "トレーナー" in str(empty.render()))  # the failed worker
        assert history.query_one(HistoryTable).row_count == 0
        assert pilot.app.is_running


def test_snapshot_of_a_past_call_whose_scenario_went(
    snap_compare: Any, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note under the title, the card, the recorded turns (80×24)."""
    import time

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # the start time shows in local time
    time.tzset()
    gone = replace(parcel(), id="ja-old-parcel")
    store_call(store, "rec-1", scenario=gone)
    write_recording("rec-1")
    app = make_app(store, tmp_path)

    async def run_before(pilot: Pilot[Any]) -> None:
        await open_history(pilot, FakeSpeaker())
        await open_row(pilot)

    try:
        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
    finally:
        monkeypatch.undo()
        time.tzset()
