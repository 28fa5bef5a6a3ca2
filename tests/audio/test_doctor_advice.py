"""`callcoach doctor` advises only what is really missing here, and names the voices it
found (never a placeholder)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import simulator.audio.asr.vosk as vosk
from simulator.audio.asr.choose import probe_asr
from simulator.cli.main import main

PIP_VOSK = "pip install 'callcoach[vosk]'"


def pretend_vosk(monkeypatch: pytest.MonkeyPatch, installed: bool) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: object) -> object:
        if name == "vosk":
            return real("json") if installed else None  # any spec will do
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


def model_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "vosk-ja"
    monkeypatch.setenv("CALLCOACH_VOSK_MODEL", str(folder))
    return folder


def test_vosk_advice_names_only_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = model_folder(tmp_path, monkeypatch)
    pretend_vosk(monkeypatch, installed=True)
    hint = probe_asr("vosk", "ja").detail
    assert "download vosk-model-small-ja-0.22" in hint and PIP_VOSK not in hint
    pretend_vosk(monkeypatch, installed=False)
    assert PIP_VOSK in probe_asr("vosk", "ja").detail
    (folder / "am").mkdir(parents=True)
    (folder / "conf").mkdir()
    assert vosk.install_hint("ja") == PIP_VOSK  # the model is there: only the package


def test_doctor_never_shows_a_placeholder_voice(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyopenjtalk")
    main(["doctor"])
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "TTS openjtalk" in x)
    assert "mei (bundled)" in line and "<" not in line and "path to" not in line


def test_doctor_with_vosk_installed_does_not_say_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    model_folder(tmp_path, monkeypatch)
    pretend_vosk(monkeypatch, installed=True)
    main(["doctor"])
    assert PIP_VOSK not in capsys.readouterr().out
