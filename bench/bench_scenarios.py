"""Scenario load + validate time per bundled file (budget < 20 ms), the whole library
scan, and how fast hostile files are refused."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.timing import measure, row

REPO = Path(__file__).resolve().parent.parent
HOSTILE = REPO / "tests" / "data" / "scenarios" / "hostile"


def per_scenario() -> None:
    from simulator.scenario.loader import load_file

    files = sorted((REPO / "scenarios").rglob("*.yaml"))
    for path in files:
        size = path.stat().st_size / 1024
        figures = measure(lambda: load_file(path), repeat=30)  # noqa: B023
        row(f"load+validate {path.stem[:26]:<26} {size:3.0f} KiB", figures, "budget < 20 ms")


def library_scan() -> None:
    from simulator.scenario import library

    def cold() -> None:
        library._CACHE.clear()
        library.ScenarioLibrary().entries()

    row("library scan, cold (every bundled file)", measure(cold, repeat=10))
    row("library scan, cached", measure(lambda: library.ScenarioLibrary().entries(), repeat=30))


def hostile() -> None:
    from simulator.scenario.loader import load_file
    from simulator.scenario.yamlsafe import MAX_BYTES, MAX_EVENTS

    with tempfile.TemporaryDirectory() as tmp:
        extra = {
            "over-1MiB.yaml": b"a: '" + b"x" * MAX_BYTES + b"'\n",
            "many-values.yaml": b"tags: [" + b"a," * (MAX_EVENTS + 10) + b"a]\n",
            "long-string-900KiB.yaml": b"title: '" + b"x" * (900 * 1024) + b"'\n",
        }
        paths = sorted(HOSTILE.glob("*.yaml"))
        for name, data in extra.items():
            (Path(tmp) / name).write_bytes(data)
            paths.append(Path(tmp) / name)
        for path in paths:
            figures = measure(lambda: load_file(path), repeat=5)  # noqa: B023
            row(f"refuse {path.name[:36]}", figures, "well under 1 s")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["CALLCOACH_HOME"] = home
        per_scenario()
        library_scan()
        hostile()


if __name__ == "__main__":
    main()
