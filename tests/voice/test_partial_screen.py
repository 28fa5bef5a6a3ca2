"""The live partial transcript on the voice call screen (Pilot, the real driver on the
virtual duplex device, espeak-ng speech and the real sphinx): dim under the
transcript while the trainee speaks, replaced by the final reply."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult

from simulator.audio.types import Audio, read_wav
from simulator.i18n import t
from simulator.tui.widgets.partial_line import PartialLine, spoken_text
from simulator.voice.updates import Heard, Partial
from tests.tui.pilot_helpers import run_async
from tests.voice.conftest import speak_to_wav
from tests.voice.fakes import Step
from tests.voice.test_voice_screen import lines, make_harness, start_voice_call, until

HALF = "I'm so sorry for sending the wrong colour,"
REST = "with the wedding ten days away, I understand."


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Audio, Audio]:
    folder = tmp_path_factory.mktemp("partial-screen")
    first = read_wav(speak_to_wav(HALF, folder / "first.wav"))
    return first, read_wav(speak_to_wav(REST, folder / "rest.wav"))


@run_async
async def test_the_partial_shows_while_speaking_and_gives_way_to_the_reply(
    tmp_path: Path, sphinx: Any, halves: tuple[Audio, Audio]
) -> None:
    first, rest = halves
    sphinx.recognize(first, "en")  # past sphinx's cold start, as in a call's later turns
    mid_reply = threading.Event()
    steps: list[Step] = [
        ("caller", 1), ("silence", 0.6), ("audio", first), ("gate", mid_reply),
        ("audio", rest), ("silence", 0.9), ("caller", 2),
    ]  # fmt: skip
    h = make_harness(tmp_path, sphinx, steps)
    async with h.app.run_test(size=(100, 30)) as pilot:
        screen = await start_voice_call(pilot)
        # the trainee is half-way through: the recogniser's guess so far is shown
        await until(pilot, h.updates, lambda u: u.count(Partial) >= 2)
        partial = screen.query_one(PartialLine)
        latest = h.updates.of(Partial)[-1].text
        assert partial.display and partial.text == latest
        shown = str(partial.render())
        assert shown == t("voice.partial", you=t("call.you"), text=latest)
        assert "sorry" in latest.split()
        assert not any(who == t("call.you") for who, _ in lines(screen))  # not final yet
        mid_reply.set()
        await until(pilot, h.updates, lambda u: u.count(Heard) == 1)
        heard = h.updates.of(Heard)[0].text
        assert not partial.display and partial.text == ""
        assert (t("call.you"), heard) in lines(screen)
        await pilot.press("escape")
        await pilot.press("y")
        await pilot.app.workers.wait_for_complete()


def test_japanese_words_from_vosk_are_shown_without_spaces() -> None:
    assert spoken_text("お 待た せ し まし た", "ja") == "お待たせしました"
    assert spoken_text("ｻﾄｳ です ５ 番", "ja") == "サトウです5番"  # NFKC as well
    assert spoken_text("  let  me   check ", "en") == "let me check"


@run_async
async def test_the_partial_line_is_dim_and_hidden_when_empty() -> None:
    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield PartialLine("佐藤", "ja")

    async with Host().run_test() as pilot:
        line = pilot.app.query_one(PartialLine)
        assert not line.display
        line.show("お 待た せ")
        await pilot.pause()
        assert line.display and line.text == "お待たせ"
        assert str(line.render()) == t("voice.partial", you="佐藤", text="お待たせ")
        assert line.styles.text_style.italic
        assert any("dim" in str(span.style) for span in line.render().spans)
        line.show("")
        assert not line.display
        line.show("はい")
        line.clear()
        assert not line.display and line.text == ""
