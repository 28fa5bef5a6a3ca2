"""`callcoach --help` start-up and a whole text replay of each bundled scenario."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import measure, row

REPO = Path(__file__).resolve().parent.parent


def help_time() -> None:
    command = [sys.executable, "-m", "simulator", "--help"]
    figures = measure(lambda: subprocess.run(command, capture_output=True, check=True), repeat=10)
    row("callcoach --help (process)", figures, "budget < 300 ms")


def replay_times() -> None:
    from simulator.engine.replay import load_replay, run_replay
    from simulator.scenario.library import ScenarioLibrary

    library = ScenarioLibrary()
    replays = sorted((REPO / "tests" / "library" / "replays").glob("*/good.yaml"))
    if not replays:
        print("no replay files under tests/library/replays — nothing to time")
        return
    # The first call pays for loading the lexicons and the reading dictionary once.
    first = measure(
        lambda: run_replay(library.resolve(replays[0].parent.name), load_replay(replays[0])),
        repeat=1,
        warmup=0,
    )
    row("first text replay (cold: lexicons + dictionary)", first)
    for path in replays:
        scenario = library.resolve(path.parent.name)
        script = load_replay(path)
        figures = measure(lambda: run_replay(scenario, script), repeat=10)  # noqa: B023
        row(f"text replay {path.parent.name}", figures, "budget < 500 ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        import os

        os.environ["CALLCOACH_HOME"] = home
        help_time()
        replay_times()


if __name__ == "__main__":
    main()
