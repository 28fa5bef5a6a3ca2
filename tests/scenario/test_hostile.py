"""Hostile and broken files: a clean one-line error at the right place, nothing else.

No timing assertions here (bench/ measures speed); what keeps these fast is
that each is refused at the first offending event, which the positions prove.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario.loader import ScenarioError, load_file, load_scenario, load_scenario_text
from simulator.scenario.yamlsafe import MAX_BYTES, MAX_DEPTH, MAX_EVENTS
from tests.scenario.conftest import HOSTILE

# file, line, col (None: any column on that line), a fragment of the message
CASES: list[tuple[str, int, int | None, str]] = [
    ("python-object.yaml", 2, 5, "tag !!python/object/apply:os.system is not allowed"),
    ("python-name.yaml", 1, 1, "tag !!python/name:os.system is not allowed"),
    ("custom-tag.yaml", 2, 8, "tag !secret is not allowed"),
    ("billion-laughs.yaml", 1, 4, "anchor &a is not allowed"),
    ("merge-key.yaml", 2, 7, "anchor &base is not allowed"),
    # Where on the line PyYAML puts a flow collection's start mark differs between
    # releases (6.0.4 reports the end of the line); the line and the message matter.
    ("deep-nesting.yaml", 2, None, f"nesting deeper than {MAX_DEPTH} levels"),
    ("nul-bytes.yaml", 2, 8, "binary data (a NUL byte)"),
    ("latin1.yaml", 2, 11, "not valid UTF-8 (byte 0xe9 at byte offset 39)"),
    ("shift-jis.yaml", 2, 8, "not valid UTF-8 (byte 0x82 at byte offset 36)"),
    ("utf16.yaml", 1, 1, "the file is UTF-16"),
    ("empty.yaml", 1, 1, "empty file"),
    ("comment-only.yaml", 1, 1, "empty file"),
    ("list-root.yaml", 1, 1, "the file holds a list"),
    ("scalar-root.yaml", 1, 1, "the file holds a single value"),
    ("duplicate-keys.yaml", 5, 1, "duplicate key 'title' (first at line 3)"),
    ("control-chars.yaml", 2, 13, "control character U+0007"),
    ("bidi-override.yaml", 2, 14, "invisible text-direction control U+202E"),
    ("two-documents.yaml", 3, 1, "a second YAML document"),
    ("huge-int.yaml", 2, 13, "cannot read '99999999999999999999…' as a whole number"),
    ("complex-key.yaml", 2, 3, "a list or mapping used as a key"),
]


@pytest.mark.parametrize(("name", "line", "col", "fragment"), CASES)
def test_hostile_file_gets_one_clean_line(
    name: str, line: int, col: int | None, fragment: str
) -> None:
    path = HOSTILE / name
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    first = caught.value.problems[0]
    assert first.line == line
    if col is None:
        line_text = path.read_bytes().splitlines()[line - 1].decode("utf-8", "replace")
        assert 1 <= first.col <= len(line_text) + 1
    else:
        assert first.col == col
    assert fragment in first.message
    assert first.expected  # every problem says what was expected
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"{path}:{line}:{first.col}: ")


def test_every_hostile_fixture_is_covered() -> None:
    on_disk = {p.name for p in HOSTILE.iterdir()}
    assert on_disk == {name for name, *_ in CASES}


def test_python_tag_never_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f'format: callcoach.scenario/1\nid: !!python/object/apply:os.system ["touch {marker}"]\n'
    with pytest.raises(ScenarioError):
        load_scenario_text(text)
    assert not marker.exists()


def test_alias_use_without_anchor_is_refused() -> None:
    # An alias to an unknown anchor is a syntax error in YAML; either way it never expands.
    with pytest.raises(ScenarioError, match=r"<string>:2:\d+: "):
        load_scenario_text("format: callcoach.scenario/1\nid: *nowhere\n")


def test_file_over_the_size_cap_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"format: callcoach.scenario/1\nnotes: '" + b"x" * MAX_BYTES + b"'\n")
    loaded = load_file(path)
    assert [p.message for p in loaded.problems] == ["file is larger than 1 MiB"]
    with pytest.raises(ScenarioError, match="larger than 1 MiB"):
        load_scenario_text("x: " + "y" * MAX_BYTES)


def test_too_many_values_stop_the_parse() -> None:
    text = "format: callcoach.scenario/1\ntags: [" + "a," * MAX_EVENTS + "a]\n"
    with pytest.raises(ScenarioError, match="too many values in one file"):
        load_scenario_text(text)


def test_deep_block_nesting_is_capped() -> None:
    lines = [f"{'  ' * depth}k{depth}:" for depth in range(200)]
    with pytest.raises(ScenarioError, match="nesting deeper than"):
        load_scenario_text("\n".join(lines) + " end\n")


def test_nul_in_the_middle_names_its_line() -> None:
    with pytest.raises(ScenarioError, match=r"^<string>:3:4: binary data"):
        load_scenario_text("a: 1\nb: 2\nc: \x00\n")


def test_invalid_utf8_in_japanese_text_counts_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes("title: 日本語".encode() + b"\xff\n")
    problem = load_file(path).problems[0]
    assert (problem.line, problem.col) == (1, 11)


def test_unreadable_paths_are_problems_not_exceptions(tmp_path: Path) -> None:
    assert load_file(tmp_path / "missing.yaml").problems[0].message == "no such file"
    assert load_file(tmp_path).problems[0].message == "is a folder"


def test_syntax_errors_are_one_based_and_helpful() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text("format: callcoach.scenario/1\ntitle: a: b\n")
    problem = caught.value.problems[0]
    assert (problem.line, problem.col) == (2, 9)
    assert "quote text" in problem.expected
