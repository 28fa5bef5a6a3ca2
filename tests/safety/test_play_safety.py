"""`callcoach play`: no existence oracle for other people's sessions, a one-line error
for an --out that cannot be written, and saved turns readable by the owner only."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from simulator.cli.main import main
from tests.voice.test_play_cli import record_audio

SCENARIO = "en-angry-wrong-colour"
GOOD = Path(__file__).parents[1] / "library" / "replays" / SCENARIO / "good.yaml"


def stored_call(tmp_path: Path, trainee: str, capsys: pytest.CaptureFixture[str]) -> dict:
    out = tmp_path / f"{trainee}.json"
    argv = ["run", SCENARIO, "--replay", str(GOOD), "--json", str(out), "--trainee", trainee]
    assert main(argv) == 0
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


def test_someone_elses_id_and_a_missing_id_read_the_same(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stored_call(tmp_path, "sato", capsys)
    kims = stored_call(tmp_path, "kim", capsys)["id"]
    assert main(["trainee", "add", "boss", "--role", "trainer"]) == 0
    missing = "f" * len(kims) if not kims.startswith("f") else "e" * len(kims)
    answers = []
    for wanted in (kims, missing):
        capsys.readouterr()
        code = main(["play", wanted, "--as", "sato"])
        answers.append((code, capsys.readouterr().err.replace(wanted, "ID")))
    assert answers[0] == answers[1]
    assert answers[0][0] == 1 and "no stored session 'ID'" in answers[0][1]
    assert "kim" not in answers[0][1]
    assert main(["play", kims, "--as", "boss"]) == 0  # a trainer still hears everyone


@pytest.mark.parametrize("make", ["directory", "read-only folder", "missing parent file"])
def test_an_out_that_cannot_be_written_is_one_line(
    tmp_path: Path, make: str, capsys: pytest.CaptureFixture[str]
) -> None:
    record = stored_call(tmp_path, "sato", capsys)
    record_audio(record)
    if make == "directory":
        out = tmp_path / "dir.wav"
        out.mkdir()
    elif make == "read-only folder":
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        out = folder / "turn.wav"
    else:
        (tmp_path / "plain").write_text("x")
        out = tmp_path / "plain" / "turn.wav"
    try:
        code = main(["play", "last", "--turn", "1", "--out", str(out)])
    finally:
        if (tmp_path / "ro").exists():
            (tmp_path / "ro").chmod(0o700)
    err = capsys.readouterr().err
    if make == "read-only folder" and code == 0:  # running as root: the folder is writable
        return
    assert code == 1
    assert err.startswith(f"callcoach: {out}: cannot write (") and err.count("\n") == 1
    assert "Traceback" not in err and "Exception ignored" not in err
    assert not list(tmp_path.rglob(".*.partial"))


def test_a_saved_turn_is_private_and_replaces_the_old_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = stored_call(tmp_path, "sato", capsys)
    record_audio(record)
    out = tmp_path / "turn.wav"
    out.write_bytes(b"old")
    out.chmod(0o644)
    assert main(["play", "last", "--turn", "1", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes()[:4] == b"RIFF"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
