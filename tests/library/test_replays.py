"""Every bundled scenario has two replay tests (issue 5): a good handling that ends
resolved and passes the score card, and a poor one that ends badly and fails."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.main import main
from tests.library.bundled import BAD_ENDINGS, REPLAYS, play, scenario_ids, transcript

IDS = scenario_ids()


@pytest.mark.parametrize("scenario_id", IDS)
def test_good_handling_resolves_and_passes(scenario_id: str) -> None:
    session = play(scenario_id, "good")
    assert session.outcome == "resolved", transcript(session)
    assert session.scorecard is not None and session.scorecard["passed"], transcript(session)


@pytest.mark.parametrize("scenario_id", IDS)
def test_poor_handling_ends_badly_and_fails(scenario_id: str) -> None:
    session = play(scenario_id, "poor")
    assert session.outcome in BAD_ENDINGS, transcript(session)
    assert session.scorecard is not None and not session.scorecard["passed"], transcript(session)


@pytest.mark.parametrize("scenario_id", IDS)
@pytest.mark.parametrize("kind", ["good", "poor"])
def test_every_reply_in_a_replay_is_used(scenario_id: str, kind: str) -> None:
    # A replay whose last replies are never reached describes a call that did not happen.
    from simulator.engine.replay import TextReply, load_replay

    script = load_replay(REPLAYS / scenario_id / f"{kind}.yaml")
    written = sum(isinstance(item, TextReply) for item in script.replies)
    spoken = sum(u["speaker"] == "trainee" for u in play(scenario_id, kind).record["utterances"])
    assert spoken == written


def test_every_scenario_has_a_replay_pair_and_no_orphans() -> None:
    folders = {path.name for path in REPLAYS.iterdir() if path.is_dir()}
    assert folders == set(IDS)
    for scenario_id in IDS:
        names = {p.name for p in (REPLAYS / scenario_id).glob("*.yaml")}
        assert names == {"good.yaml", "poor.yaml"}


@pytest.mark.parametrize(
    ("scenario_id", "kind", "outcome"),
    [
        ("ja-angry-late-delivery", "good", "resolved"),
        ("en-logical-double-charge", "poor", "escalated"),
    ],
)
def test_cli_replay_writes_the_expected_ending(
    scenario_id: str, kind: str, outcome: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "session.json"
    replay = REPLAYS / scenario_id / f"{kind}.yaml"
    code = main(["run", scenario_id, "--replay", str(replay), "--no-store", "--json", str(out)])
    assert code == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["format"] == "callcoach.session/1"
    assert record["scenario"]["id"] == scenario_id
    assert record["outcome"] == outcome
    assert f"{scenario_id}: {outcome}" in capsys.readouterr().out
