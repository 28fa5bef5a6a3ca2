"""`callcoach … | head`: a reader that stops early is not an error worth a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("argv", [["schema"], ["list"]])
def test_a_closed_pipe_ends_quietly(argv: list[str], tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    done = subprocess.run(
        [sys.executable, "-m", "simulator", *argv],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "CALLCOACH_HOME": str(tmp_path)},
        cwd=Path(__file__).parents[2],
        check=False,
    )
    os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 141
