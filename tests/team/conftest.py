"""Team fixtures: the store's databases (SQLite, and PostgreSQL when
CALLCOACH_TEST_PG_URL is set), a small drill set and its replay files, and a CLI
runner that acts as nobody unless told."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.cli.main import main
from tests.store.conftest import db_url, pg_database, pg_url, sqlite_url

__all__ = ["db_url", "pg_database", "pg_url", "sqlite_url"]

REPLAYS = Path(__file__).parents[1] / "library" / "replays"
SET_ID = "mini-drill"
SCENARIOS = ("ja-angry-late-delivery", "en-angry-wrong-colour")
SET_YAML = """\
format: callcoach.set/1
id: mini-drill
title: ミニドリル / Mini drill
scenarios:
  - ja-angry-late-delivery
  - en-angry-wrong-colour
pass_mark: 60
drill:
  attempts: 2
  time_limit: 900
  hints: false
"""
SOLO_YAML = """\
format: callcoach.set/1
id: solo-drill
title: 一本勝負 / One call
scenarios:
  - ja-angry-late-delivery
pass_mark: 70
drill:
  attempts: 1
  time_limit: 900
  hints: false
"""


@pytest.fixture(autouse=True)
def nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLCOACH_USER", raising=False)


@pytest.fixture
def set_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sets"
    folder.mkdir()
    (folder / "mini.yaml").write_text(SET_YAML, encoding="utf-8")
    (folder / "solo.yaml").write_text(SOLO_YAML, encoding="utf-8")
    return folder


@pytest.fixture
def replay_dir(tmp_path: Path) -> Path:
    """The good replay of each scenario, named ``<scenario id>.yaml``."""
    folder = tmp_path / "replays"
    folder.mkdir()
    for scenario in SCENARIOS:
        shutil.copy(REPLAYS / scenario / "good.yaml", folder / f"{scenario}.yaml")
    return folder


Cli = Callable[..., int]


@pytest.fixture
def cli(db_url: str, set_dir: Path) -> Cli:
    """``cli("assign", "mini-drill", …)`` runs callcoach on the test database."""

    def run(*argv: str) -> int:
        return main(["--db", db_url, "--scenarios", str(set_dir), *argv])

    return run
