"""`callcoach score FILE… --format json|text|csv --rubric NAME|FILE`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from simulator.cli.commands import score
from simulator.errors import CallCoachError

TIMING = Path(__file__).parents[1] / "data" / "timing"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLCOACH_HOME", str(tmp_path / "home"))


def run_score(
    argv: list[str], capsys: pytest.CaptureFixture[str], ui_lang: str = "en"
) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="callcoach")
    score.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["score", *argv])
    args.ui_lang = ui_lang
    try:
        code = args.handler(args)
    except CallCoachError as error:  # what main() does
        print(f"callcoach: {error}")
        code = error.exit_code
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sessions(tmp_path: Path) -> list[Path]:
    paths = []
    for source in sorted(TIMING.glob("*.json")):
        target = tmp_path / source.name
        shutil.copy(source, target)
        paths.append(target)
    return paths


def test_json_lines_in_input_order(
    sessions: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    order = [sessions[2], sessions[0], sessions[1]]
    code, out, err = run_score([str(p) for p in order], capsys)
    assert code == 0 and err == ""
    cards = [json.loads(line) for line in out.splitlines()]
    assert [c["file"] for c in cards] == [str(p) for p in order]
    assert all(c["format"] == "callcoach.scorecard/1" for c in cards)


def test_malformed_file_gets_one_error_line_and_others_are_scored(
    sessions: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "callcoach.session/1",\n  "language": "ja",,\n}')
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"language": "ja", "utterances": [{"speaker": "trainee", "start": "x"}]}')
    files = [
        str(sessions[0]),
        str(broken),
        str(wrong),
        str(tmp_path / "missing.json"),
        str(sessions[1]),
    ]
    code, out, err = run_score(files, capsys)
    assert code == 2
    assert len(out.splitlines()) == 2
    lines = err.splitlines()
    assert lines == [
        f"callcoach: {broken}:2:20: invalid JSON "
        "(Expecting property name enclosed in double quotes) — a callcoach.session/1 JSON record",
        f"callcoach: {wrong}:1: no 'format' field — "
        '"format": "callcoach.session/1" in a callcoach.session/1 JSON record',
        f"callcoach: {tmp_path / 'missing.json'}: no such file — an existing session record (JSON)",
    ]


def test_csv_one_row_per_session(sessions: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_score(
        [*map(str, sessions), "--format", "csv", "--rubric", "jp-contest"], capsys
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(sessions)
    assert rows[0]["rubric"] == "jp-contest" and "first_impression" in rows[0]
    assert {r["file"] for r in rows} == {str(p) for p in sessions}


def test_text_report_speaks_the_interface_language(
    sessions: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, english, _ = run_score([str(sessions[1]), "--format", "text"], capsys, "en")
    assert code == 0
    assert "Total" in english and "Listening" in english and "Feedback" in english
    assert not re.search("[ぁ-んァ-ン]", _own_words(english)), english
    assert "['" not in english and "{'" not in english  # no Python reprs
    code, japanese, _ = run_score([str(sessions[1]), "--format", "text"], capsys, "ja")
    assert code == 0
    assert "合計" in japanese and "傾聴" in japanese and "フィードバック" in japanese
    assert "Total" not in japanese and "Listening" not in japanese


def _own_words(report: str) -> str:
    """The report without quoted speech (「…」, "…"), which stays as it was said."""
    return re.sub(r'「[^」]*」|"[^"]*"', "", report)


def test_text_is_the_default_on_a_terminal(
    sessions: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, _ = run_score([str(sessions[1])], capsys)
    assert code == 0 and out.splitlines()[1].lstrip().startswith("Total:")
    code, out, _ = run_score([str(sessions[1]), "--format", "json"], capsys)
    assert json.loads(out)["format"] == "callcoach.scorecard/1"


def test_json_when_piped(sessions: list[Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_score([str(sessions[1])], capsys)
    assert code == 0 and json.loads(out)["format"] == "callcoach.scorecard/1"


def test_rubric_file_and_bad_rubric(
    sessions: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rubric = tmp_path / "mine.yaml"
    rubric.write_text("extends: logical\nname: mine\n")
    code, out, _ = run_score([str(sessions[0]), "--rubric", str(rubric)], capsys)
    assert code == 0 and json.loads(out)["rubric"] == "mine"
    code, out, _ = run_score([str(sessions[0]), "--rubric", "nonesuch"], capsys)
    assert code == 1 and "unknown rubric 'nonesuch'" in out


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    sessions: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    files = [str(sessions[0])] * score.PROGRESS_MIN_FILES
    code, out, err = run_score(files, capsys)
    assert code == 0 and err == "" and len(out.splitlines()) == len(files)


def test_progress_bar_on_a_terminal(
    sessions: list[Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    files = [str(sessions[0])] * score.PROGRESS_MIN_FILES
    code, out, err = run_score(files, capsys)
    assert code == 0 and len(out.splitlines()) == len(files)
    assert f"{len(files)}/{len(files)}" in err


def test_a_large_batch_in_worker_processes_matches_one_process(
    sessions: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    batch = [str(sessions[n % len(sessions)]) for n in range(score.PARALLEL_MIN_FILES)]
    batch[5] = str(broken)
    one = run_score([*batch, "--jobs", "1"], capsys)
    two = run_score([*batch, "--jobs", "2"], capsys)
    assert one == two
    code, out, err = two
    assert code == 2
    assert len(out.splitlines()) == len(batch) - 1
    assert [json.loads(line)["file"] for line in out.splitlines()] == batch[:5] + batch[6:]
    assert err.count("callcoach: ") == 1 and "broken.json:1:12: invalid JSON" in err


def test_jobs_below_one_is_a_one_line_error(
    sessions: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_score([str(sessions[0]), "--jobs", "0"], capsys)
    assert code == 2 and out.strip() == "callcoach: --jobs must be at least 1, not 0"
