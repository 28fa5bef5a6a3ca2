"""The hostile session files of issue 14 through `callcoach score` (one process and
worker processes) and `callcoach import`: each bad file or line is one line on
stderr, every good one is still scored or imported, exit status 2, no traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli.commands import score
from simulator.cli.main import main

TIMING = Path(__file__).parents[1] / "data" / "timing"
HEADER = '{"format": "callcoach.session/1", "language": "en", "utterances": '
HOSTILE = {
    "deep.json": "[" * 50_000 + "]" * 50_000,
    "digits.json": HEADER + '[], "x": ' + "7" * 5000 + "}",
    "start.json": HEADER + '[{"speaker": "trainee", "start": ' + "9" * 400 + "}]}",
    "outcome_object.json": HEADER + '[], "outcome": {"a": 1}}',
    "outcome_list.json": HEADER + '[], "outcome": ["resolved"]}',
    "no_format.json": '{"language": "en", "utterances": []}',
    "nan.json": HEADER + '[{"speaker": "trainee", "start": NaN}]}',
    "infinity.json": HEADER + '[{"speaker": "trainee", "start": -Infinity}]}',
    "binary.json": "\x00\x01",
}


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLCOACH_HOME", str(tmp_path / "home"))


def hostile_files(folder: Path) -> list[Path]:
    paths = []
    for name, text in HOSTILE.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_score_reports_each_bad_file_and_scores_the_rest(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.json"
    shutil.copy(TIMING / "en_gaps_holds.json", good)
    bad = hostile_files(tmp_path)
    batch = [good, *bad] * (score.PARALLEL_MIN_FILES // (len(bad) + 1) + 1)
    code = main(["score", "--format", "json", "--jobs", jobs, *map(str, batch)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "Traceback" not in err and "RemoteTraceback" not in err
    cards = [json.loads(line) for line in out.splitlines()]
    assert [c["file"] for c in cards] == [str(good)] * batch.count(good)
    lines = err.splitlines()
    assert len(lines) == len(batch) - batch.count(good)
    for path, line in zip([p for p in batch if p != good], lines, strict=True):
        assert line.startswith(f"callcoach: {path}:1: ") and " — " in line, line


def test_import_reports_each_bad_line_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.loads((TIMING / "en_gaps_holds.json").read_text(encoding="utf-8"))
    good |= {"id": "good-1", "scenario": {"id": "s"}}
    lines = [json.dumps(good)]
    for text in HOSTILE.values():
        lines.append(text.replace("{", '{"id": "x", "scenario": {"id": "s"}, ', 1))
    lines.append(json.dumps(good | {"id": "good-2"}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["import", str(path)]) == 2
    out, err = capsys.readouterr()
    assert f"{path}: 2 imported, 0 already there, {len(HOSTILE)} bad line(s)" in out
    assert "Traceback" not in err and len(err.splitlines()) == len(HOSTILE)
    for number, line in enumerate(err.splitlines(), start=2):
        assert line.startswith(f"callcoach: {path}:{number}") and " — " in line, line
