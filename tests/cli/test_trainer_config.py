"""The trainer config (issue 13): scenario folders remembered in trainer.json are
searched by every command; --scenarios wins over CALLCOACH_SCENARIOS, which wins
over the remembered folders; a broken file is one line and is never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.trainer_config import config_path
from tests.scenario.conftest import GOOD

SET = """\
format: callcoach.set/1
id: week-1
title: 第1週
scenarios: [ja-test-minimal]
pass_mark: 60
"""


def folder_with(tmp_path: Path, name: str, title: str) -> Path:
    """A trainer folder holding ja-test-minimal under its own title, and a set."""
    folder = tmp_path / name
    (folder / "sets").mkdir(parents=True)
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    (folder / "ja-test-minimal.yaml").write_text(
        text.replace("title: 最小のシナリオ", f"title: {title}"), encoding="utf-8"
    )
    (folder / "sets" / "week-1.yaml").write_text(SET, encoding="utf-8")
    return folder


def titles(capsys: pytest.CaptureFixture[str], *flags: str) -> dict[str, str]:
    capsys.readouterr()
    assert main([*flags, "list", "--format", "json"]) == 0
    return {row["id"]: row["title"] for row in json.loads(capsys.readouterr().out)}


def test_a_remembered_folder_is_used_by_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = folder_with(tmp_path, "mine", "私のシナリオ")
    assert "ja-test-minimal" not in titles(capsys)
    assert main(["config", "--add-scenarios", str(mine)]) == 0
    out = capsys.readouterr().out
    assert f"trainer.json         {mine}" in out
    assert json.loads(config_path().read_text("utf-8")) == {"scenarios": [str(mine)]}
    assert titles(capsys)["ja-test-minimal"] == "私のシナリオ"
    assert main(["validate", str(mine / "sets" / "week-1.yaml")]) == 0  # the set's members
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["--db", db, "assign", "week-1", "--trainee", "kim", "--due", "2030-01-31"]) == 0
    assert main(["graph", "ja-test-minimal"]) == 0
    assert main(["config", "--remove-scenarios", str(mine)]) == 0
    assert "ja-test-minimal" not in titles(capsys)


def test_the_flag_wins_over_the_environment_which_wins_over_the_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    remembered = folder_with(tmp_path, "remembered", "設定")
    from_env = folder_with(tmp_path, "env", "環境変数")
    flagged = folder_with(tmp_path, "flag", "フラグ")
    assert main(["config", "--add-scenarios", str(remembered)]) == 0
    assert titles(capsys)["ja-test-minimal"] == "設定"
    monkeypatch.setenv("CALLCOACH_SCENARIOS", str(from_env))
    assert titles(capsys)["ja-test-minimal"] == "環境変数"
    assert titles(capsys, "--scenarios", str(flagged))["ja-test-minimal"] == "フラグ"
    assert main(["--scenarios", str(flagged), "config"]) == 0
    shown = capsys.readouterr().out.splitlines()
    order = [line.split()[0] for line in shown if line.startswith("  ")]
    assert order == ["bundled", "trainer.json", "CALLCOACH_SCENARIOS", "--scenarios"]


def test_a_broken_config_is_one_line_and_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"scenarios": ["/x",]\n', encoding="utf-8")
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{path}:1:" in err and "not valid JSON" in err
    assert main(["config", "--add-scenarios", str(tmp_path)]) == 2
    assert path.read_text(encoding="utf-8") == '{"scenarios": ["/x",]\n'
    path.write_text('{"scenarios": "/x"}', encoding="utf-8")
    assert main(["list"]) == 2
    assert "'scenarios' must be a list of folder paths" in capsys.readouterr().err


def test_config_refuses_folders_that_do_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "--add-scenarios", str(tmp_path / "nope")]) == 2
    assert "no such folder" in capsys.readouterr().err
    assert main(["config", "--remove-scenarios", str(tmp_path)]) == 2
    assert "not a remembered folder" in capsys.readouterr().err
    assert not config_path().exists()


def test_assign_without_the_folder_says_how_to_find_the_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    assert main(["--db", db, "assign", "week-1", "--trainee", "kim", "--due", "2030-01-31"]) == 1
    err = capsys.readouterr().err
    assert "unknown scenario set 'week-1'" in err
    assert "--scenarios DIR, or `callcoach config --add-scenarios DIR` to remember it" in err
