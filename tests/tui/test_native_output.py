"""Native libraries' messages (ALSA's "underrun occurred") go to a log file while
the TUI runs, and the terminal keeps only what the app draws."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import os, sys, warnings
from pathlib import Path
from simulator.tui.native_output import native_stderr_to_log

with native_stderr_to_log(Path(sys.argv[1])):
    os.write(2, b"ALSA lib pcm.c:8570:(snd_pcm_recover) underrun occurred\\n")
    warnings.warn("a library warning")
    sys.__stderr__.write("drawn by the app\\n")
    sys.__stderr__.flush()
os.write(2, b"after the app\\n")
try:
    with native_stderr_to_log(Path(sys.argv[1])):
        raise KeyError("boom")
except KeyError:
    os.write(2, b"restored after an error\\n")
"""


def test_native_chatter_goes_to_the_log_and_the_terminal_is_restored(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(logs)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert done.stderr.splitlines() == [
        "drawn by the app",
        "after the app",
        "restored after an error",
    ]
    log = (logs / "native-stderr.log").read_text()
    assert "underrun occurred" in log and "a library warning" in log
    assert (logs / "native-stderr.log").stat().st_mode & 0o077 == 0


def test_a_log_folder_that_cannot_be_made_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(blocker / "logs")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        check=True,
    )
    assert "underrun occurred" in done.stderr and "drawn by the app" in done.stderr
