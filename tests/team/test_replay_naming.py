"""`drill --replay-dir` names (issue 13): `<id>.yaml`, or the one `<id>.<anything>.yaml`
(`<id>.good.yaml`); two candidates without a plain `<id>.yaml` are a one-line error."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.errors import CallCoachError
from simulator.team.drill import replay_files
from tests.team.conftest import SCENARIOS, SET_ID, Cli


def rename(folder: Path, scenario: str, new_name: str) -> Path:
    target = folder / new_name
    (folder / f"{scenario}.yaml").rename(target)
    return target


def test_dotted_names_are_found(replay_dir: Path) -> None:
    good = rename(replay_dir, SCENARIOS[0], f"{SCENARIOS[0]}.good.yaml")
    assert replay_files(replay_dir, SCENARIOS) == {
        SCENARIOS[0]: good,
        SCENARIOS[1]: replay_dir / f"{SCENARIOS[1]}.yaml",
    }


def test_a_plain_name_wins_over_dotted_ones(replay_dir: Path) -> None:
    (replay_dir / f"{SCENARIOS[0]}.poor.yaml").write_text("replies: []\n", encoding="utf-8")
    found = replay_files(replay_dir, SCENARIOS)
    assert found[SCENARIOS[0]] == replay_dir / f"{SCENARIOS[0]}.yaml"


def test_two_dotted_names_are_ambiguous(replay_dir: Path) -> None:
    rename(replay_dir, SCENARIOS[0], f"{SCENARIOS[0]}.good.yaml")
    (replay_dir / f"{SCENARIOS[0]}.poor.yml").write_text("replies: []\n", encoding="utf-8")
    with pytest.raises(CallCoachError) as caught:
        replay_files(replay_dir, SCENARIOS)
    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        f"{replay_dir}: 2 replay files for {SCENARIOS[0]}: {SCENARIOS[0]}.good.yaml,"
        f" {SCENARIOS[0]}.poor.yml — keep one, or name the one to use {SCENARIOS[0]}.yaml"
    )


def test_a_longer_id_is_not_taken_for_a_shorter_one(tmp_path: Path) -> None:
    (tmp_path / "ja-angry-broken-item.yaml").write_text("replies: []\n", encoding="utf-8")
    with pytest.raises(CallCoachError, match=r"missing replay file\(s\) ja-angry-broken\.yaml"):
        replay_files(tmp_path, ["ja-angry-broken"])


def test_a_drill_runs_from_good_named_replays(
    cli: Cli, db_url: str, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for scenario in SCENARIOS:
        rename(replay_dir, scenario, f"{scenario}.good.yaml")
    # On PostgreSQL the login takes the drill: no name to give.
    who = [] if db_url.startswith("postgresql") else ["--trainee", "kim"]
    assert cli("drill", SET_ID, *who, "--replay-dir", str(replay_dir)) == 0
    assert "ja-angry-late-delivery: resolved" in capsys.readouterr().out
