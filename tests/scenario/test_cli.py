"""`callcoach validate`, `schema` and `list` through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli.main import main
from tests.scenario.conftest import BROKEN, BUNDLED, EXAMPLE, GOOD, HOSTILE, REPO


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_good_files_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(EXAMPLE), str(GOOD / "minimal.yaml")], capsys)
    assert code == 0
    # The minimal file is valid but named unlike its id and has no hung_up ending.
    *warnings, summary = out.splitlines()
    assert summary == "2 files OK (2 warning(s))"
    assert all("minimal.yaml" in line and ": warning: " in line for line in warnings)


def test_validate_prints_warnings_but_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", str(GOOD / "warnings-only.yaml")], capsys)
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == 9 and all(": warning: " in line for line in lines[:8])
    assert lines[-1] == "1 file OK (8 warning(s))"


def test_validate_prints_every_problem_sorted_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["validate", str(BROKEN), str(HOSTILE)], capsys)
    lines = out.splitlines()
    assert code == 1 and err == ""
    problems, summary = lines[:-1], lines[-1]
    assert "error(s)" in summary and "files checked" in summary
    keys = []
    for line in problems:
        path, row, col, rest = line.split(":", 3)
        assert rest.startswith(" ") and " — " in rest  # file:line:col: what — expected
        keys.append((path, int(row), int(col)))
    assert keys == sorted(keys)
    assert any("python/object/apply" in line for line in problems)


def test_validate_quiet_hides_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["validate", "-q", str(GOOD / "warnings-only.yaml")], capsys)
    assert code == 0 and out == "1 file OK (8 warning(s))\n"


def test_schema_prints_the_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0 and out == (BUNDLED / "schema" / "scenario.schema.json").read_text("utf-8")
    code, out, _ = run(["schema", "set"], capsys)
    assert json.loads(out)["$id"].endswith("/set-1.json")


def test_list_json_has_the_contract_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["list", "--format", "json"], capsys)
    rows = json.loads(out)
    assert code == 0
    example = next(r for r in rows if r["id"] == "en-example-wrong-colour")
    assert example == {
        "id": "en-example-wrong-colour",
        "title": "Example: the sofa cover came in the wrong colour",
        "language": "en",
        "caller_type": "angry",
        "difficulty": 2,
        "path": str(EXAMPLE),
        "tags": ["example", "product", "wrong-colour"],
    }


def test_list_filters_and_user_folders(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "evil.yaml").write_bytes((HOSTILE / "billion-laughs.yaml").read_bytes())
    (tmp_path / "mine.yaml").write_bytes((GOOD / "key-phrase-list.yaml").read_bytes())
    argv = [
        "--scenarios",
        str(tmp_path),
        "list",
        "--format",
        "json",
        "--lang",
        "en",
        "--type",
        "unreasonable",
    ]
    code, out, err = run(argv, capsys)
    assert code == 0
    rows = json.loads(out)
    assert "en-test-key-phrase-list" in [r["id"] for r in rows]
    assert {(r["language"], r["caller_type"]) for r in rows} == {("en", "unreasonable")}
    assert "evil.yaml:1:4: anchor &a is not allowed" in err  # skipped, said once, no crash


def test_list_table_aligns_wide_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ja.yaml").write_bytes((GOOD / "minimal.yaml").read_bytes())
    argv = ["--ui-lang", "en", "--scenarios", str(tmp_path), "list", "--level", "2"]
    code, out, _ = run(argv, capsys)
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["ID", "TITLE", "LANG"]
    row = next(line for line in lines if line.startswith("ja-test-minimal"))
    header_lang = lines[0].index("LANG")
    # 最小のシナリオ is 7 characters but 14 columns: the LANG column still lines up.
    prefix = row.split("ja ", 1)[0]
    assert sum(2 if ord(c) > 0x2E80 else 1 for c in prefix) == header_lang


def test_list_sets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--scenarios", str(GOOD), "list", "--sets", "--format", "json"], capsys)
    assert code == 0
    assert any(
        r["id"] == "test-set" and r["scenarios"][0] == "ja-test-minimal" for r in json.loads(out)
    )


def test_hostile_file_through_the_process_prints_one_line_no_traceback() -> None:
    command = [sys.executable, "-m", "simulator", "validate", str(HOSTILE / "python-object.yaml")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stdout.splitlines()[0].endswith(
        "python-object.yaml:2:5: tag !!python/object/apply:os.system is not allowed"
        " — plain YAML values without tags"
    )


def test_validate_a_set_against_scenarios_in_a_given_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["validate", str(GOOD / "set.yaml")], capsys)
    assert code == 1
    assert f"scenario 'ja-test-minimal' is in {GOOD}, a folder no command searches" in out
    assert f"— --scenarios {GOOD}, or `callcoach config --add-scenarios {GOOD}`" in out
    code, out, _ = run(["--scenarios", str(GOOD), "validate", "-q", str(GOOD / "set.yaml")], capsys)
    assert code == 0 and out == "1 file OK (1 warning(s))\n"  # set.yaml is not named test-set
