"""The TUI's settings file and the command-line entry's clear errors."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli.commands.tui import open_tui
from simulator.errors import CallCoachError
from simulator.tui.settings import TuiSettings, load_settings, save_settings


def test_settings_round_trip_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "tui.json"
    assert load_settings(path) == TuiSettings()
    chosen = TuiSettings(trainee="佐藤 花子", keymap={"call.hold": "ctrl+t"})
    save_settings(path, chosen)
    assert load_settings(path) == chosen
    assert not path.with_suffix(".tmp").exists()


@pytest.mark.parametrize(
    "content",
    ["{not json", "[1, 2]", '{"trainee": 5}', '{"trainee": "  "}', '{"keymap": {"x": 1}}'],
)
def test_a_broken_settings_file_gives_the_defaults(tmp_path: Path, content: str) -> None:
    path = tmp_path / "tui.json"
    path.write_text(content, encoding="utf-8")
    assert load_settings(path) == TuiSettings()


def args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(**({"db": None, "ui_lang": "en", "scenarios": []} | given))


def test_without_a_terminal_the_tui_says_how_to_run_headless() -> None:
    # pytest captures stdin/stdout, so they are not terminals here.
    with pytest.raises(CallCoachError, match="--replay"):
        open_tui(args())
