"""Home → briefing → call → replies → result, on a virtual clock."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from simulator.i18n import t
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.home import HomeScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.widgets.hint_panel import hint_text
from simulator.tui.widgets.history_table import HistoryTable
from simulator.tui.widgets.mood_meter import MoodMeter
from simulator.tui.widgets.scenario_filters import ScenarioFilters
from simulator.tui.widgets.scenario_table import ScenarioTable
from simulator.tui.widgets.transcript_line import TranscriptLine
from tests.tui.fakes import make_app
from tests.tui.pilot_helpers import (
    at,
    call_screen,
    open_call,
    reply_after_first_line,
    run_async,
    settle,
    type_text,
)


def plain(renderable: object) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def said(screen: object) -> list[tuple[str, str]]:
    lines = screen.query(TranscriptLine)  # type: ignore[attr-defined]
    return [(line.speaker, line.said) for line in lines]


@run_async
async def test_a_whole_call_from_home_to_result(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)
        assert pilot.app.screen.query_one(ScenarioTable).row_count == 2
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BriefingScreen)
        await pilot.press("s")
        await settle(pilot)
        call = call_screen(pilot)
        session = call.session
        assert session is not None

        first = session.record["utterances"][0]
        await at(pilot, h.clock, (first["start"] + first["end"]) / 2)
        ((_, half),) = said(call)
        assert 0 < len(half) < len(first["text"]) and first["text"].startswith(half)

        await at(pilot, h.clock, first["end"] + 1.0)
        assert said(call) == [("山田様", first["text"])]
        await type_text(pilot, "お待たせして大変申し訳ございません。")
        await at(pilot, h.clock, first["end"] + 4.0)
        await pilot.press("enter")
        await settle(pilot)
        reply = session.record["utterances"][1]
        # starts at the first keystroke (the IME commit), lasts as long as saying it
        # takes at a normal pace; the typing is kept apart
        start = round(first["end"] + 1.0, 3)
        spoken = session.spoken_seconds("お待たせして大変申し訳ございません。")
        assert (reply["speaker"], reply["start"], reply["end"]) == (
            "trainee",
            start,
            round(start + spoken, 3),
        )
        assert reply["typed"] == [start, round(first["end"] + 4.0, 3)]
        assert session.conversation.turn.id == "order"

        order = session.record["utterances"][2]
        await at(pilot, h.clock, order["end"] + 0.5)
        assert pilot.app.screen.query_one(MoodMeter).mood == session.mood == 50
        await type_text(pilot, "念のため復唱いたします。ご注文番号A-1234でよろしいでしょうか。")
        await at(pilot, h.clock, order["end"] + 6.0)
        await pilot.press("enter")
        await settle(pilot)
        assert session.outcome == "resolved"
        last = session.record["utterances"][-1]
        await at(pilot, h.clock, last["end"] + 0.1)
        assert call_screen(pilot) is call  # the trainee reads the caller's last words
        await at(pilot, h.clock, last["end"] + 2.0)
        assert isinstance(pilot.app.screen, ResultScreen)
        assert pilot.app.screen.card is not None and pilot.app.screen.card["total"] == 82
        assert h.store.sinks[0].kinds("finished") == ["resolved"]

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HomeScreen)


@run_async
async def test_typing_over_the_caller_is_cutting_in(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        first = call.session.record["utterances"][0]
        await at(pilot, h.clock, first["start"] + 0.5)
        await pilot.press("a")  # a real key press starts the reply over the caller
        await settle(pilot)  # the status line redraws from a message (flaky on a busy CI)
        assert call.typing_since == first["start"] + 0.5
        assert "さえぎって" in str(call.query_one("#status").render())
        await type_text(pilot, "申し訳ございません")
        await at(pilot, h.clock, first["start"] + 2.0)
        await pilot.press("enter")
        await settle(pilot)
        events = [e["kind"] for e in call.session.record["events"]]
        assert "interruption" in events
        assert call.session.conversation.turn.id == "angrier"
        trainee = call.query(TranscriptLine).filter(".trainee").first()
        assert trainee.has_class("over")


@run_async
async def test_a_reply_after_the_caller_finished_is_not_cutting_in(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        first = call.session.record["utterances"][0]
        await at(pilot, h.clock, first["end"] + 0.3)
        await pilot.press("a")
        assert not call.typed_over_caller
        await at(pilot, h.clock, first["end"] + 1.0)
        await pilot.press("enter")
        await settle(pilot)
        assert "interruption" not in [e["kind"] for e in call.session.record["events"]]


@run_async
async def test_a_sentence_sent_at_once_says_the_caller_waits_for_its_speaking_time(
    tmp_path: Path,
) -> None:
    """A pasted or IME-committed sentence lasts as long as saying it; the status line
    tells the trainee why the caller has not answered yet."""
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        first = call.session.record["utterances"][0]
        text = "お待たせして大変申し訳ございません。"
        await reply_after_first_line(pilot, h.clock, call, text)
        spoken = call.session.spoken_seconds(text)
        await at(pilot, h.clock, first["end"] + 1.0 + spoken / 2)
        status = plain(call.query_one("#status").render())
        assert t("call.reply_speaking") in status
        assert len(said(call)) == 2  # the caller line and the reply: no answer yet
        await at(pilot, h.clock, first["end"] + 1.0 + spoken + 0.5)
        assert t("call.reply_speaking") not in plain(call.query_one("#status").render())
        answer = call.session.record["utterances"][2]
        assert answer["speaker"] == "customer"
        assert answer["start"] >= round(first["end"] + 1.0 + spoken, 3)  # after the reply


@run_async
async def test_a_caller_asked_to_wait_waits_and_the_status_says_so(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        await reply_after_first_line(pilot, h.clock, call, "少々お待ちいただけますか。")
        await at(pilot, h.clock, call.loop.caller_free_at + 1.0)
        record = call.session.record
        assert record["utterances"][2]["turn"] == "open"  # the same question, still open
        assert "wait" in [e["kind"] for e in record["events"]]
        assert t("call.caller_waiting") in plain(call.query_one("#status").render())
        await pilot.press("f2")
        await settle(pilot)
        assert t("call.caller_waiting") not in plain(call.query_one("#status").render())


@run_async
async def test_hold_shows_a_timer_warns_after_30_s_and_is_recorded(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        start = call.session.record["utterances"][0]["end"] + 1.0
        await at(pilot, h.clock, start)
        await pilot.press("f2")
        timer = call.query_one("#hold")
        assert timer.display and call.query_one("#reply").disabled
        await at(pilot, h.clock, start + 10)
        assert not timer.has_class("-warn") and "10" in str(timer.render())
        await at(pilot, h.clock, start + 35)
        assert timer.has_class("-warn") and timer.has_class("-over")
        assert "silence" not in [e["kind"] for e in call.session.record["events"]]
        await pilot.press("f2")
        await settle(pilot)
        assert not timer.display and not call.query_one("#reply").disabled
        kinds = [(e["kind"], e.get("duration")) for e in call.session.record["events"]]
        assert ("hold_start", None) in kinds and ("hold_end", 35.0) in kinds
        assert call.session.record["utterances"][-1]["text"] == "待たせすぎです！"


@run_async
async def test_silence_makes_the_caller_speak(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        end = call.session.record["utterances"][0]["end"]
        await at(pilot, h.clock, end + 4.9)
        assert len(call.session.record["utterances"]) == 1
        await at(pilot, h.clock, end + 5.001)  # the record's times are rounded to 1 ms
        assert call.session.record["utterances"][-1]["text"] == "もしもし？"
        assert call.session.record["events"][-2]["kind"] == "silence"


@run_async
async def test_hint_key_in_practice_mode(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p")  # practice mode on the briefing screen
        await pilot.press("s")
        await settle(pilot)
        call = call_screen(pilot)
        assert call.options.practice and call.session is not None
        await pilot.press("f3")
        await settle(pilot)
        hint = call.query_one("#hint")
        text = plain(hint_text(call.session.conversation.turn))
        assert hint.display
        assert "お詫び" in text and "共感" in text  # built from the turn's expectations
        assert "お待たせしてしまい、大変申し訳ございません。" in text  # the model answer
        assert call.session.record["events"][-1] == {"t": 0.0, "kind": "hint", "turn": "open"}
        await pilot.press("f3")
        assert not hint.display


@run_async
async def test_no_hint_outside_practice_mode(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert not call.query_one("#hint").display
        assert "hint" not in {b.binding.action for b in call.active_bindings.values()}


@run_async
async def test_abandon_asks_first_then_ends_the_call(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None
        await pilot.press("escape")
        await pilot.press("n")
        await settle(pilot)
        assert pilot.app.screen is call and call.session.outcome is None
        await pilot.press("escape")
        await pilot.press("y")
        await settle(pilot)
        await at(pilot, h.clock, 0.5)
        assert isinstance(pilot.app.screen, ResultScreen)
        assert call.session.outcome == "abandoned"
        assert h.store.sinks[0].kinds("finished") == ["abandoned"]
        await pilot.press("r")  # retry: a fresh call of the same scenario
        await settle(pilot)
        assert call_screen(pilot) is not call


@run_async
async def test_filters_trainee_name_and_history(tmp_path: Path) -> None:
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = pilot.app.screen
        table = home.query_one(ScenarioTable)
        language = home.query_one("#filter-language")
        language.value = "en"  # type: ignore[attr-defined]
        await pilot.pause()
        assert table.row_count == 1
        filters = home.query_one(ScenarioFilters)
        assert filters.chosen.language == "en"

        await pilot.press("n")
        await type_text_in_dialog(pilot, "佐藤")
        await pilot.press("enter")
        await pilot.pause()
        saved = json.loads((tmp_path / "tui.json").read_text(encoding="utf-8"))
        assert saved["trainee"] == "佐藤" and h.app.options.trainee == "佐藤"
        assert "佐藤" in str(home.query_one("#trainee-line").render())

        await pilot.press("h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert pilot.app.screen.query_one(HistoryTable).row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen is home


async def type_text_in_dialog(pilot: object, text: str) -> None:
    from textual.widgets import Input

    app = pilot.app  # type: ignore[attr-defined]
    app.screen.query_one(Input).value = text
    await pilot.pause()  # type: ignore[attr-defined]


@run_async
async def test_an_engine_failure_is_a_notification_not_a_crash(tmp_path: Path) -> None:
    from simulator.errors import CallCoachError

    h = make_app(tmp_path)

    def broken(*_args: object) -> object:
        raise CallCoachError("the database is locked")

    h.app.services.session_factory = broken  # type: ignore[assignment]
    shown: list[str] = []
    h.app.notify = lambda message, **_kw: shown.append(message)  # type: ignore[method-assign]
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert shown == ["the database is locked"]
        assert call.session is None and not call.busy
        await type_text(pilot, "申し訳ございません")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.is_running and len(shown) == 2


@run_async
async def test_a_database_that_cannot_open_does_not_stop_the_call(tmp_path: Path) -> None:
    from simulator.errors import CallCoachError

    h = make_app(tmp_path)

    def cannot_open() -> object:
        raise CallCoachError("calls.db: cannot open the database (disk I/O error)")

    h.app.services.open_store = cannot_open  # type: ignore[assignment]
    shown: list[str] = []
    h.app.notify = lambda message, **_kw: shown.append(message)  # type: ignore[method-assign]
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        assert call.session is not None  # the call goes on, unsaved
        await settle(pilot)
        notice = call.query_one("#save-notice")  # said on the call screen, not in a toast
        assert notice.display and shown == []
        assert str(notice.render()).startswith(
            "⚠ この通話は保存されていません（calls.db: cannot open the database (disk I/O error)）"
        )
        await pilot.press("escape", "y")
        await settle(pilot)
        await at(pilot, h.clock, 0.1)
        await pilot.press("escape", "h")
        await settle(pilot)
        assert isinstance(pilot.app.screen, HistoryScreen)
        assert "disk I/O error" in str(pilot.app.screen.query_one("#empty").render())
        assert shown[-1] == "calls.db: cannot open the database (disk I/O error)"


@run_async
async def test_a_keymap_in_the_settings_moves_a_binding(tmp_path: Path) -> None:
    (tmp_path / "tui.json").write_text('{"keymap": {"call.hold": "ctrl+t"}}', encoding="utf-8")
    h = make_app(tmp_path)
    async with h.app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        await pilot.press("ctrl+t")
        assert call.hold_since == 0.0 and call.query_one("#hold").display
