"""`callcoach doctor` speaks the interface language: its headings, every check's name
and advice, the database line and the verdict."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.store import open_store


@pytest.fixture(autouse=True)
def no_audio_devices(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with sounddevice but no microphone or speaker (a unit-test fake: the
    real device list depends on the machine)."""
    import simulator.audio.devices as devices

    monkeypatch.setattr(devices, "import_sounddevice", lambda: None)
    monkeypatch.setattr(devices, "list_devices", lambda: [])


def doctor(language: str, db: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["--ui-lang", language, "--db", db, "doctor"]) == 0
    return capsys.readouterr().out.splitlines()


def test_the_japanese_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = doctor("ja", f"sqlite:///{tmp_path}/calls.db", capsys)
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings[:4] == [
        "音声機器",
        "お客様の声（音声合成 TTS）",
        "音声認識（ASR）",
        "データベース",
    ]
    verdict = "問題が \\d+ 件あります。文字入力（--input text）なら音声なしで使えます。"
    assert re.fullmatch(verdict, headings[4])
    checks = {line.split(":", 1)[0].strip(" ○×－"): line for line in lines if line.startswith("  ")}
    assert checks["マイク"].startswith("  ×  マイク: 見つかりません — 機器をつなぐか、")
    assert "それまでは --input text をお使いください" in checks["スピーカー"]
    assert "ヘッドセットをお使いください" in checks["ヘッドセット"]
    assert "Whisper モデル" in checks
    assert checks["データベース"].endswith(
        "（未作成です。初回の利用時に作られます） — SQLite: 一人用です"
        "（--as は名前を指定するだけで、本人確認はしません）"
    )
    auto = [line for key, line in checks.items() if key.startswith("ASR auto")]
    assert len(auto) == 2
    assert all(line.endswith("を使います") or "文字入力で応答" in line for line in auto)


def test_the_english_report_keeps_its_wording(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path}/calls.db"
    with open_store(db):
        pass  # the database exists: it "opens"
    lines = doctor("en", db, capsys)
    assert lines[0] == "Audio devices"
    assert lines[1] == (
        "  NO  microphone: none found — plug one in (or start PulseAudio/PipeWire);"
        " meanwhile use --input text"
    )
    assert "Caller's voice (TTS)" in lines and "Speech recognition (ASR)" in lines
    database = lines[lines.index("Database") + 1]
    assert (
        database.startswith("  ok  database: sqlite:///")
        and " opens — SQLite: single-user" in database
    )
    assert lines[-1].endswith("problem(s) found; text mode (--input text) works without audio.")
