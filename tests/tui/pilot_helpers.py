"""Driving the app on a virtual clock: wait for engine workers, move time, type."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from simulator.tui.screens.call import CallScreen
from tests.virtual_clock import VirtualClock


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Runs an async test in its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


async def settle(pilot: Pilot[Any]) -> None:
    """Waits until every worker has finished and its messages are handled (a finished
    engine step may queue the next one), and the call's writes have reached the store."""
    for _ in range(5):
        await pilot.app.workers.wait_for_complete()
        services = getattr(pilot.app, "services", None)
        if services is not None:  # the call's writes run on the store's own thread
            services.wait_saving_settled()
        await pilot.pause()
        screen = pilot.app.screen
        if not (isinstance(screen, CallScreen) and screen.busy):
            break


async def at(pilot: Pilot[Any], clock: VirtualClock, t: float) -> None:
    """Moves the session clock to ``t`` and lets the call screen react (no real waiting)."""
    clock.advance_to(t)
    screen = pilot.app.screen
    if isinstance(screen, CallScreen):
        screen.tick()
    await settle(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Types ``text`` as an IME commits it: the composed string arrives in the Input."""
    reply = pilot.app.screen.query_one("#reply", Input)
    reply.insert_text_at_cursor(text)
    await pilot.pause()


async def reply_after_first_line(
    pilot: Pilot[Any], clock: VirtualClock, call: CallScreen, text: str
) -> float:
    """Sends ``text`` 1 s after the caller's first line ends; returns when it was sent."""
    assert call.session is not None
    sent = call.session.record["utterances"][0]["end"] + 1.0
    await at(pilot, clock, sent)
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot)
    return sent


def call_screen(pilot: Pilot[Any]) -> CallScreen:
    screen = pilot.app.screen
    assert isinstance(screen, CallScreen), type(screen).__name__
    return screen


async def open_call(pilot: Pilot[Any]) -> CallScreen:
    """Home → (Enter) briefing → (s) call, with the caller's first line placed."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    return call_screen(pilot)
