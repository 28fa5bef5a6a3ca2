"""JSON and other machine output is real UTF-8 — 「佐藤」, not \\u4f50\\u85e4 — even when
the locale's encoding cannot show Japanese; text for people never crashes on it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
REPLAY = ROOT / "tests" / "library" / "replays" / "ja-angry-broken-item" / "good.yaml"


def callcoach(tmp_path: Path, encoding: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "CALLCOACH_HOME": str(tmp_path), "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "simulator", *argv],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_json_is_utf8_whatever_the_locale(tmp_path: Path, encoding: str) -> None:
    done = callcoach(tmp_path, encoding, "list", "--format", "json")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    text = done.stdout.decode("utf-8")  # strict: fails on anything but UTF-8
    assert "届いた食器セットが割れていた" in text and "\\u" not in text
    assert any(row["language"] == "ja" for row in json.loads(text))


def test_a_score_card_keeps_japanese_as_text(tmp_path: Path) -> None:
    record = tmp_path / "call.json"
    done = callcoach(
        tmp_path, "ascii", "run", "ja-angry-broken-item", "--replay", str(REPLAY),
        "--json", str(record),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "\\u" not in record.read_text(encoding="utf-8")
    scored = callcoach(tmp_path, "ascii", "score", str(record))
    assert scored.returncode == 0, scored.stderr.decode("utf-8", "replace")
    text = scored.stdout.decode("utf-8")
    card = json.loads(text.splitlines()[0])
    assert card["format"] == "callcoach.scorecard/1"
    assert "\\u" not in text and any(ord(c) > 0x3000 for c in text)


def test_text_for_people_is_escaped_not_a_traceback(tmp_path: Path) -> None:
    done = callcoach(tmp_path, "ascii", "graph", "ja-angry-broken-item")
    assert done.returncode == 0 and done.stderr == b""
    assert b"\\u" in done.stdout  # what the terminal cannot show, readable as an escape
