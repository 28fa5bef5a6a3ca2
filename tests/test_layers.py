"""The layer contract (DESIGN.md §2) that `make lint` checks with .ci/layers.py: the
tree obeys it, and an upward import — even a lazy one — fails it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / ".ci" / "layers.py"


def layers() -> ModuleType:
    spec = importlib.util.spec_from_file_location("layers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_the_source_tree_keeps_its_layers() -> None:
    assert layers().violations(ROOT) == []


def test_an_upward_import_fails_the_contract(tmp_path: Path) -> None:
    root = tree(
        tmp_path,
        {
            "simulator/__init__.py": "",
            "simulator/audio/__init__.py": "",
            "simulator/audio/player.py": (
                "def play():\n    from simulator.engine.loop import CallLoop\n    return CallLoop\n"
            ),
            "simulator/engine/__init__.py": "",
            "simulator/engine/loop.py": "from simulator.audio import player\n",
            "scoring/__init__.py": "from simulator.engine import loop\n",
        },
    )
    problems = layers().violations(root)
    assert len(problems) == 2, problems
    assert problems[0].startswith("scoring/__init__.py:1: scoring imports simulator.engine")
    assert problems[1].startswith("simulator/audio/player.py:2: simulator.audio.player imports")
    run = subprocess.run([sys.executable, str(SCRIPT), str(root)], capture_output=True, text=True)
    assert run.returncode == 1 and "a layer above it" in run.stdout
