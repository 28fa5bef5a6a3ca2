"""No English in the Japanese interface, no Japanese in the English one: the message
catalogue, the screens of a whole call, the `list`/`history` tables and the team
commands' output. Allowed: the
product's name, keys, commands and package names a user types as they are."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from simulator.cli.main import main
from simulator.i18n import catalogue, set_language
from simulator.scenario.model import Scenario
from simulator.scenario.prepass import format_keys
from simulator.tui.services import DeviceReport, make_session
from tests.store.conftest import sqlite_url
from tests.store.test_roundtrip import record_a_call
from tests.tui.fakes import english_scenario, late_parcel, make_app
from tests.tui.pilot_helpers import at, call_screen, run_async, settle, type_text

__all__ = ["sqlite_url"]  # the fixture

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff60]+")
# Typed as they are, whatever the interface language.
AS_TYPED = {"CallCoach", "callcoach", "Enter", "Esc", "esc", "ID", "NG", "DIR"}
COMMANDS = {"doctor", "validate", "import", "pip", "install", "voice", "apt", "get", "libportaudio"}
NAMES = {"CALLCOACH_USER", "CALLCOACH", "USER", "PortAudio", "sounddevice", "Debian", "Ubuntu"}
ALLOWED = AS_TYPED | COMMANDS | NAMES
# The trainer commands' messages name what an author types: the format's YAML keys and
# values, file types and encodings, other commands (`callcoach config`, `callcoach list`).
TYPED_IN_FILES = {"YAML", "yaml", "UTF", "NUL", "MiB", "IME", "TODO", "null", "true", "false"}
TRAINER_ALLOWED = ALLOWED | TYPED_IN_FILES | {"config", "list"}
# The other commands' messages name engines, packages, databases, formats and the
# placeholders of their usage (`--due YYYY-MM-DD`, `--password-file FILE`) as typed.
TECHNICAL = {
    "TTS",
    "ASR",
    "PulseAudio",
    "PipeWire",
    "webrtcvad",
    "Whisper",
    "whisper",
    "faster",
    "base",
    "make",
    "setup",
    "sha",
    "Vosk",
    "VOSK",
    "MODEL",
    "WHISPER",
    "MB",
    "Hz",
    "brew",
    "macOS",
    "portaudio",
    "SQLite",
    "PostgreSQL",
    "postgresql",
    "psycopg",
    "HOST",
    "DB",
    "db",
    "JSON",
    "jsonl",
    "admin",
    "init",
    "add",
    "trainee",
    "export",
    "purge",
    "yes",
    "NAME",
    "SET",
    "FILE",
    "TEXT",
    "YYYY",
    "MM",
    "DD",
    "anything",
    "good",
}
COMMANDS_ALLOWED = TRAINER_ALLOWED | TECHNICAL
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def english_in(text: str, allowed: set[str] | frozenset[str] = ALLOWED) -> list[str]:
    return sorted({w for w in ENGLISH_WORD.findall(text) if w not in allowed})


def without_placeholders(text: str) -> str:
    """The message without its {placeholders} and --options (typed as they are)."""
    return re.sub(r"\{[^}]*\}|--[a-z-]+", " ", text)


def without_format_keys(text: str) -> str:
    """The text without the scenario format's key names (`hang_up`, `key_phrases` …)."""
    keys = format_keys()
    return IDENTIFIER.sub(lambda m: " " if m.group() in keys else m.group(), text)


def test_the_japanese_catalogue_has_no_english_and_the_english_one_no_japanese() -> None:
    ja, en = catalogue("ja"), catalogue("en")
    english = {
        k: english_in(without_format_keys(without_placeholders(v)), COMMANDS_ALLOWED)
        for k, v in ja.items()
    }
    assert {k: words for k, words in english.items() if words} == {}
    assert {k: v for k, v in en.items() if JAPANESE.search(v)} == {}


def screen_text(pilot: Pilot[Any]) -> str:
    svg = pilot.app.export_screenshot()
    return " ".join(html.unescape(part) for part in re.findall(r">([^<]*)</text>", svg))


async def whole_call(pilot: Pilot[Any], h: Any, reply: str) -> list[tuple[str, str]]:
    """Home, briefing, a call, its result, the history: each screen's text."""
    seen = []
    await settle(pilot)
    seen.append(("home", screen_text(pilot)))
    await pilot.press("enter")
    await settle(pilot)
    seen.append(("briefing", screen_text(pilot)))
    await pilot.press("s")
    await settle(pilot)
    call = call_screen(pilot)
    assert call.session is not None
    await at(pilot, h.clock, call.session.record["utterances"][0]["end"] + 1.0)
    await type_text(pilot, reply)
    await pilot.press("enter")
    await settle(pilot)
    seen.append(("call", screen_text(pilot)))
    await pilot.press("escape")
    await settle(pilot)
    await pilot.press("y")
    await at(pilot, h.clock, h.clock.now() + 5.0)
    seen.append(("result", screen_text(pilot)))
    pilot.app.go_home()
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    seen.append(("history", screen_text(pilot)))
    return seen


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_screen_of_a_call_speaks_one_language(tmp_path: Path, language: str) -> None:
    set_language(language)
    scenario: Scenario = late_parcel() if language == "ja" else english_scenario()
    h = make_app(tmp_path)
    h.library.scenarios = {scenario.id: scenario}
    h.app.services.session_factory = make_session  # real scoring: real feedback text
    h.app.services.device_probe = lambda options: DeviceReport(None, None)  # warned of
    reply = "大変申し訳ございません。" if language == "ja" else "I'm so sorry about that."

    @run_async
    async def check() -> None:
        async with h.app.run_test(size=(100, 40)) as pilot:
            seen = await whole_call(pilot, h, reply)
        assert [name for name, _ in seen] == ["home", "briefing", "call", "result", "history"]
        if language == "ja":
            assert {name: english_in(text) for name, text in seen if english_in(text)} == {}
        else:
            assert {
                name: JAPANESE.findall(text) for name, text in seen if JAPANESE.search(text)
            } == {}

    check()


def test_list_and_history_tables_speak_japanese(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    record_a_call(sqlite_url, trainee="佐藤")
    assert main(["--ui-lang", "ja", "--db", sqlite_url, "history"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    _id, _day, _time, _scenario, *rest = row.split()  # the rest: trainee onwards
    assert english_in(head) == [] and english_in(" ".join(rest)) == []
    assert main(["--ui-lang", "ja", "list", "--lang", "ja"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert english_in(table[0]) == []
    # id, title and path are the library's own; the rest of each row is Japanese
    cells = [re.split(r"\s{2,}", line)[2:-1] for line in table[1:]]
    assert [english_in(" ".join(c)) for c in cells if english_in(" ".join(c))] == []


def test_team_commands_speak_japanese(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*argv: str) -> tuple[int, str]:
        code = main(["--ui-lang", "ja", "--db", sqlite_url, *argv])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    seen = [run("leaderboard"), run("trainee", "list"), run("assignments")]
    seen += [run("trainee", "add", "kim", "--role", "trainer", "--team", "サポート")]
    seen += [run("trainee", "list", "--as", "kim"), run("assignments", "--as", "kim")]
    seen += [
        run(
            "assign",
            "new-operator-week-1",
            "--trainee",
            "kim",
            "--due",
            "2030-01-31",
            "--as",
            "kim",
        )
    ]
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"format": "callcoach.session/1"\n', encoding="utf-8")
    seen += [run("import", str(broken), "--as", "kim")]
    texts = [text.replace(str(broken), " ") for _, text in seen]
    assert all(text.strip() for text in texts)
    # names the user typed (kim, the set id) are theirs; the rest is Japanese
    allowed = COMMANDS_ALLOWED | {"kim", "new", "operator", "week", "callcoach", "session"}
    assert {text: english_in(text, allowed) for text in texts if english_in(text, allowed)} == {}
