"""A full disk during a TUI call, through the real store (SQLite) and Pilot: the call
goes on without waiting, the trainee is told on the call screen (a persistent notice,
not a toast), the result screen says how much is stored and how to recover, and the
briefing warns before Start when the disk is already full."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Button, Static

from simulator.i18n import t
from simulator.store import Store, open_store
from simulator.tui.app import CallCoachApp
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.screens.result import ResultScreen
from simulator.tui.services import CallOptions, Services, make_session
from simulator.tui.widgets.saving import SaveNotice, SaveReport, StorageNote
from tests.safety.disk import DiskFull
from tests.tui.conftest import ui_in_japanese  # noqa: F401 - the TUI tests' language
from tests.tui.fakes import FakeLibrary, late_parcel
from tests.tui.pilot_helpers import at, call_screen, open_call, run_async, settle, type_text
from tests.virtual_clock import VirtualClock

NEVER = (3600.0,)  # background retries only when the test asks (the button)


def app_with_store(tmp_path: Path) -> tuple[CallCoachApp, Store, VirtualClock]:
    clock = VirtualClock()
    store = open_store(f"sqlite:///{tmp_path / 'calls.db'}")
    services = Services(
        library=FakeLibrary([late_parcel()]),
        open_store=lambda: store,
        clock_factory=lambda: clock,
        session_factory=make_session,
        settings_path=tmp_path / "tui.json",
        voice_warmer=None,
        voice_check=None,
        asr_loader=None,
        journal_folders=[tmp_path / "journal"],
        save_retry_delays=NEVER,
    )
    app = CallCoachApp(services, CallOptions(seed=1, trainee="sato"), cursor_blink=False)
    return app, store, clock


def shown(widget: Any) -> str:
    return str(widget.render()) if widget.display else ""


async def reply(pilot: Any, clock: VirtualClock, text: str) -> None:
    """Waits for the caller's line to be said, then answers it."""
    call = call_screen(pilot)
    assert call.session is not None
    last = call.session.record["utterances"][-1]
    await at(pilot, clock, max(clock.now(), last["end"]) + 0.8)
    await type_text(pilot, text)
    clock.advance_to(clock.now() + 2.0)
    await pilot.press("enter")
    await settle(pilot)


@run_async
async def test_a_disk_filling_mid_call_is_told_and_nothing_is_lost(tmp_path: Path) -> None:
    app, store, clock = app_with_store(tmp_path)
    disk = DiskFull(store.engine)
    async with app.run_test(size=(80, 24)) as pilot:
        call = await open_call(pilot)
        await reply(pilot, clock, "大変申し訳ございません。")
        notice = call.query_one(SaveNotice)
        assert not notice.display  # all stored so far: nothing to say
        assert call.session is not None
        before = len(call.session.record["utterances"])

        disk.full = True
        await reply(pilot, clock, "ご注文番号をお伺いしてもよろしいでしょうか。")
        after = call.session.record["utterances"]
        assert len(after) > before + 1  # the caller answered at once: no stall
        assert not call.busy
        assert notice.display
        text = shown(notice)
        assert "まだ保存されていません" in text and "database or disk is full" in text
        assert str(tmp_path / "journal") in text  # where the copy is

        assert call.session.outcome == "escalated"  # this reply ended the call
        assert call.loop is not None
        await at(pilot, clock, call.loop.caller_free_at + 2.0)  # its last words heard
        result = pilot.app.screen
        assert isinstance(result, ResultScreen)
        report = result.query_one(SaveReport)
        said = shown(report.query_one("#save-text", Static))
        assert said.startswith("⚠ 一部だけ保存されています")
        assert "callcoach import" in said
        assert report.query_one(Button).display

        session_id = result.record["id"]
        partial = store.load_record(session_id)
        assert 0 < len(partial["utterances"]) < len(result.record["utterances"])

        disk.full = False
        await pilot.click("#save-retry")
        await settle(pilot)
        assert shown(report.query_one("#save-text", Static)) == t("save.result.stored")
        assert store.load_record(session_id) == result.record  # every reply, in order
        assert not list((tmp_path / "journal").iterdir())
    store.close()


@run_async
async def test_a_full_disk_at_the_start_is_said_before_and_after(
    tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    from simulator.cli.commands.tui import _tell_unsaved
    from simulator.store import space

    class Usage:
        free = 300 * 1024

    monkeypatch.setattr(space.shutil, "disk_usage", lambda _: Usage())
    app, store, clock = app_with_store(tmp_path)
    DiskFull(store.engine, full=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        briefing = pilot.app.screen
        assert isinstance(briefing, BriefingScreen)
        warning = shown(briefing.query_one(StorageNote))
        assert warning.startswith("⚠ 今通話を始めても保存できません") and "300 KB" in warning
        await pilot.press("s")
        await settle(pilot)
        call = call_screen(pilot)
        assert "この通話は保存されていません" in shown(call.query_one(SaveNotice))
        await pilot.press("escape")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.question == t("call.confirm_abandon_unsaved")  # no promise of storage
        await pilot.press("y")
        await settle(pilot)
        await at(pilot, clock, clock.now() + 0.1)
        result = pilot.app.screen
        assert isinstance(result, ResultScreen)
        said = shown(result.query_one(SaveReport).query_one("#save-text", Static))
        assert said.startswith("⚠ 保存されていません")
        journal = tmp_path / "journal" / f"{result.record['id']}.journal.jsonl"
        assert str(journal) in said and journal.exists()
        assert store.history() == []  # never shown as stored: it is not
    _tell_unsaved(app.services)  # after the app: the shell is told too
    err = capsys.readouterr().err
    assert f"all of it is in {journal}" in err and f"callcoach import {journal}" in err
    store.close()
