"""Replay numbers that are not numbers of seconds (issue 14): NaN, infinities, negative
holds and durations, replies too long. Each is one `file:line:col` line and exit 2
before anything is stored: no incomplete database row, no error blamed on the database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.inputs import MAX_TEXT_CHARS

SCENARIO = "en-angry-wrong-colour"


@pytest.mark.parametrize(
    ("reply", "where", "message"),
    [
        ("  - text: Sorry\n    duration: .nan\n", ":3:", "'duration' is nan"),
        ("  - hold: .nan\n", ":2:", "'hold' is nan"),
        ("  - text: Sorry\n    start: .nan\n", ":3:", "'start' is nan"),
        ("  - text: Sorry\n    start: .inf\n", ":3:", "'start' is inf"),
        ("  - text: Sorry\n    start: -.inf\n", ":3:", "'start' is -inf"),
        ("  - hold: .inf\n", ":2:", "'hold' is inf"),
        ("  - hold: -5\n", ":2:", "'hold' must be at least 0.0"),
        ("  - text: Sorry\n    duration: -1\n", ":3:", "'duration' must be at least 0.05"),
        ("  - text: Sorry\n    start: " + "9" * 400 + "\n", ":3:", "over an hour"),
    ],
)
def test_a_bad_number_is_refused_before_anything_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reply: str, where: str, message: str
) -> None:
    replay = tmp_path / "replay.yaml"
    replay.write_text("replies:\n" + reply, encoding="utf-8")
    assert main(["run", SCENARIO, "--replay", str(replay)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"callcoach: {replay}{where}") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err and "database" not in err
    assert main(["history", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_reply_longer_than_the_cap_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = tmp_path / "replay.yaml"
    replay.write_text(f"replies:\n  - text: {'a' * (MAX_TEXT_CHARS + 1)}\n", encoding="utf-8")
    assert main(["run", SCENARIO, "--replay", str(replay), "--no-store"]) == 2
    err = capsys.readouterr().err
    assert f"{replay}:2:" in err and f"at most {MAX_TEXT_CHARS:,}" in err


def test_one_reply_is_counted_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replay = tmp_path / "replay.yaml"
    replay.write_text("replies:\n  - text: I am so sorry about the colour.\n")
    assert main(["--ui-lang", "en", "run", SCENARIO, "--replay", str(replay), "--no-store"]) == 0
    assert " after 1 reply" in capsys.readouterr().out
    assert main(["--ui-lang", "ja", "run", SCENARIO, "--replay", str(replay), "--no-store"]) == 0
    out = capsys.readouterr().out
    assert "（返答 1 回）" in out and "after" not in out and "score" not in out
