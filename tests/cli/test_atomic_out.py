"""Files written for the user survive a full disk (issue 14): `export --out`,
`report --out`, `run --json` and the TUI settings go through one helper that writes a
temporary file beside the target and renames it; an injected ENOSPC leaves the
previous file byte for byte and gives one line."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import simulator.atomic as atomic
from simulator.atomic import write_atomically
from simulator.cli.main import main
from simulator.tui.settings import TuiSettings, load_settings, save_settings

SCENARIO = "en-angry-wrong-colour"


@pytest.fixture
def replay(tmp_path: Path) -> Path:
    path = tmp_path / "replay.yaml"
    path.write_text("replies:\n  - text: I am so sorry about the colour.\n", encoding="utf-8")
    return path


def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills after the first bytes of the new file."""

    def write_some_then_fail(descriptor: int, payload: bytes) -> None:
        os.write(descriptor, payload[:10])
        os.close(descriptor)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_write_all", write_some_then_fail)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--out", "{out}"],
        ["report", "--out", "{out}"],
        ["run", SCENARIO, "--replay", "{replay}", "--no-store", "--json", "{out}"],
    ],
)
def test_a_full_disk_keeps_the_previous_file(
    argv: list[str],
    replay: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", SCENARIO, "--replay", str(replay), "--trainee", "kim"]) == 0
    out = tmp_path / "out" / "result.txt"
    out.parent.mkdir()
    filled = [a.format(out=out, replay=replay) for a in argv]
    assert main(filled) == 0
    before = out.read_bytes()
    assert len(before) > 100
    capsys.readouterr()
    full_disk(monkeypatch)
    assert main(filled) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{out}: cannot write (No space left on device) — the previous" in err
    assert "is unchanged" in err
    assert out.read_bytes() == before
    assert leftovers(out.parent) == []


def test_a_new_file_on_a_full_disk_is_not_left_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full_disk(monkeypatch)
    target = tmp_path / "new.json"
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "{}\n")
    assert not target.exists() and leftovers(tmp_path) == []


def test_settings_survive_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tui.json"
    save_settings(path, TuiSettings(trainee="佐藤", keymap={"call.hold": "ctrl+t"}))
    full_disk(monkeypatch)
    with pytest.raises(OSError):
        save_settings(path, TuiSettings(trainee="鈴木"))
    assert load_settings(path) == TuiSettings(trainee="佐藤", keymap={"call.hold": "ctrl+t"})


def test_a_written_file_has_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.txt", "text")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "text"


def test_saved_wavs_survive_a_full_disk_and_a_folder_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    from simulator.audio.types import Audio, read_wav
    from simulator.cli.audio_out import save_wav
    from simulator.errors import CallCoachError

    target = tmp_path / "line.wav"
    save_wav(target, Audio(np.zeros(1600, dtype=np.float32), 16_000))
    assert read_wav(target).duration == pytest.approx(0.1)
    before = target.read_bytes()
    full_disk(monkeypatch)
    with pytest.raises(CallCoachError, match="the previous WAV file is unchanged"):
        save_wav(target, Audio(np.ones(3200, dtype=np.float32) * 0.1, 16_000))
    assert target.read_bytes() == before and leftovers(tmp_path) == []
    (tmp_path / "dir.wav").mkdir()
    with pytest.raises(CallCoachError, match="is a folder"):
        save_wav(tmp_path / "dir.wav", Audio(np.zeros(10, dtype=np.float32), 16_000))
