"""The TUI's settings file and the command-line entry's clear errors."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli.commands.tui import open_tui
from simulator.errors import CallCoachError
from simulator.inputs import InputError
from simulator.tui.settings import TuiSettings, load_settings, save_settings


def test_settings_round_trip_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "tui.json"
    assert load_settings(path) == TuiSettings()
    chosen = TuiSettings(trainee="佐藤 花子", keymap={"call.hold": "ctrl+t"})
    save_settings(path, chosen)
    assert load_settings(path) == chosen
    assert not path.with_suffix(".tmp").exists()


def test_a_blank_name_is_no_name(tmp_path: Path) -> None:
    path = tmp_path / "tui.json"
    path.write_text('{"trainee": "  "}', encoding="utf-8")
    assert load_settings(path) == TuiSettings()


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [
        ("{not json", ":1:2:", "JSON として読めません"),  # the decoder's, in the UI language
        ("[1, 2]", ":1:", "not a JSON object"),
        ('{\n "trainee": 5}', ":2:", "'trainee' is not a name"),
        ('{"keymap":\n  {"call.hold":\n   1}}', ":3:", "is not a key name"),
        ('{"keymap": ' + "[" * 5000 + "]" * 5000 + "}", ":1:", "nesting deeper than"),
        ('{"trainee": NaN}', ":1:", "NaN is not a number"),
    ],
)
def test_a_broken_settings_file_is_one_clear_line_and_is_not_overwritten(
    tmp_path: Path, content: str, where: str, message: str
) -> None:
    """The defaults would hide the problem, and the next save would write over it."""
    path = tmp_path / "tui.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert str(caught.value).startswith(f"{path}{where}") and message in str(caught.value)
    assert caught.value.exit_code == 2 and "\n" not in str(caught.value)
    assert path.read_text(encoding="utf-8") == content


def args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(**({"db": None, "ui_lang": "en", "scenarios": []} | given))


def test_without_a_terminal_the_tui_says_how_to_run_headless() -> None:
    # pytest captures stdin/stdout, so they are not terminals here.
    with pytest.raises(CallCoachError, match="--replay"):
        open_tui(args())
