"""`callcoach schema replay` (issue 13): the replay format's JSON Schema agrees with
the loader — every bundled replay passes both, and what the loader refuses the
schema refuses too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from simulator.cli.main import main
from simulator.engine.replay import ReplayError, parse_replay
from simulator.engine.replay_schema import replay_schema, replay_schema_text

ROOT = Path(__file__).resolve().parents[2]
REPLAYS = sorted((ROOT / "tests" / "library" / "replays").glob("*/*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(replay_schema())


def test_the_schema_is_valid_and_shipped_as_printed(capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema.Draft202012Validator.check_schema(replay_schema())
    assert main(["schema", "replay"]) == 0
    printed = capsys.readouterr().out
    assert printed == replay_schema_text()
    shipped = ROOT / "scenarios" / "schema" / "replay.schema.json"
    assert shipped.read_text(encoding="utf-8") == printed, "regenerate: callcoach schema replay"


@pytest.mark.parametrize("path", REPLAYS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_bundled_replay_passes_the_schema(path: Path) -> None:
    data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert [e.message for e in VALIDATOR.iter_errors(data)] == []


@pytest.mark.parametrize(
    "data",
    [
        {"replies": "hello"},
        {"format": "callcoach.replay/2", "replies": []},
        {"seed": 1.5, "replies": []},
        {"replies": ["just text"]},
        {"replies": [{"text": "hi", "hold": 3}]},
        {"replies": [{"start": 1}]},
        {"replies": [{"text": 5}]},
        {"replies": [{"text": "hi", "duration": 0}]},
        {"replies": [{"hold": -1}]},
        {"replies": [{"wav": ""}]},
        {"replies": [{"text": "hi", "start": 7200}]},
    ],
)
def test_what_the_loader_refuses_the_schema_refuses(data: dict[str, Any]) -> None:
    with pytest.raises(ReplayError):
        parse_replay(data, lambda key: "x.yaml:1:1", None)
    assert list(VALIDATOR.iter_errors(data)) != []


def test_a_replay_gets_the_same_pre_pass_as_scenarios(tmp_path: Path) -> None:
    from simulator.engine.replay import load_replay

    path = tmp_path / "good.yaml"
    path.write_text("replies:\n  - text：「お待たせいたしました。」\n", encoding="utf-8")
    with pytest.raises(ReplayError) as caught:
        load_replay(path)
    assert str(caught.value) == (
        f"{path}:2:9: a full-width colon '：' after 'text'"
        " — a half-width colon and a space: 'text: '"
    )
