"""Dependency direction (DESIGN.md §2): cli/tui → engine → (audio, store, scoring);
the engine works without the TUI; `callcoach --help` loads nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("textual", "sqlalchemy", "alembic", "pyopenjtalk", "yaml", "sounddevice", "numpy")


def modules_after_import(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_cli_entry_point_imports_nothing_heavy() -> None:
    loaded = top_level(
        modules_after_import("from simulator.cli.main import build_parser; build_parser()")
    )
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


@pytest.mark.parametrize(
    "module",
    ["simulator.engine.session", "simulator.engine.replay", "simulator.engine.conversation"],
)
def test_engine_does_not_import_the_tui(module: str) -> None:
    loaded = modules_after_import(f"import {module}")
    assert "textual" not in top_level(loaded)
    assert not any(m.startswith(("simulator.tui", "simulator.cli")) for m in loaded)


def test_help_runs_and_lists_the_verbs() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "simulator", "--help"], capture_output=True, text=True, check=True
    ).stdout
    for verb in ("run", "list", "validate", "schema", "score", "history"):
        assert verb in out


def test_phrase_categories_agree_between_the_app_and_the_scorer() -> None:
    """The 12 categories are a DESIGN.md §5 contract; scoring/ cannot import the model,
    so the two copies are pinned together here."""
    import scoring
    from simulator.scenario import model

    assert tuple(scoring.CATEGORIES) == model.PHRASE_CATEGORIES
