"""`callcoach run ID --input voice [--asr NAME]` reaches the TUI's voice mode."""

from __future__ import annotations

import argparse
from typing import Any

import pytest

from simulator.cli.commands.tui import build_app, open_tui
from simulator.cli.main import main
from simulator.errors import CallCoachError


def args(**given: Any) -> argparse.Namespace:
    return argparse.Namespace(**({"db": None, "ui_lang": "en", "scenarios": []} | given))


def test_voice_input_and_engine_reach_the_call_options() -> None:
    app = build_app(args(input="voice", asr="sphinx", no_store=True))
    assert (app.options.input, app.options.asr) == ("voice", "sphinx")


def test_voice_input_without_a_terminal_says_how_to_run_headless() -> None:
    with pytest.raises(CallCoachError, match="--replay"):
        open_tui(args(input="voice"))


def test_run_knows_the_asr_engines(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["run", "en-angry-wrong-colour", "--asr", "whisper"])
    assert exit_.value.code == 2
    assert "faster-whisper" in capsys.readouterr().err
