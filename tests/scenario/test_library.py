"""The library: bundled package + user folders, broken files skipped, ids resolved."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from simulator.errors import CallCoachError
from simulator.scenario.library import ScenarioLibrary, bundled_dir
from simulator.scenario.loader import ScenarioError
from tests.scenario.conftest import BROKEN, BUNDLED, EXAMPLE, GOOD, HOSTILE


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    for name in ("minimal.yaml", "key-phrase-list.yaml", "set.yaml", "replay-beside.yaml"):
        shutil.copy(GOOD / name, folder / name)
    shutil.copy(HOSTILE / "python-object.yaml", folder / "evil.yaml")
    shutil.copy(BROKEN / "graph-errors.yaml", folder / "en-test-graph-errors.yaml")
    return folder


def test_bundled_library_is_the_scenarios_package() -> None:
    assert bundled_dir() == BUNDLED
    library = ScenarioLibrary()
    entries = {e.id: e for e in library.entries()}
    example = entries["en-example-wrong-colour"]
    assert example.path == EXAMPLE and example.bundled
    assert (example.language, example.caller_type, example.difficulty) == ("en", "angry", 2)
    assert "example" in example.tags
    assert library.problems == []


def test_entries_are_sorted_by_language_then_id() -> None:
    keys = [(e.language, e.id) for e in ScenarioLibrary().entries()]
    assert keys == sorted(keys)


def test_user_folder_from_the_environment(user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLCOACH_SCENARIOS", os.pathsep.join([str(user_dir), ""]))
    library = ScenarioLibrary()
    entries = {e.id: e for e in library.entries()}
    assert {"ja-test-minimal", "en-test-key-phrase-list", "en-example-wrong-colour"} <= set(entries)
    assert not entries["ja-test-minimal"].bundled
    assert [s.id for s in library.sets() if s.id == "test-set"] == ["test-set"]
    broken = {Path(p.path).name for p in library.problems}
    assert broken == {"evil.yaml", "en-test-graph-errors.yaml"}  # the replay file is not ours


def test_extra_dirs_work_like_the_environment(user_dir: Path) -> None:
    library = ScenarioLibrary(extra_dirs=[user_dir])
    assert library.resolve("ja-test-minimal").title == "最小のシナリオ"


def test_a_user_file_overrides_a_bundled_id_with_a_warning(tmp_path: Path) -> None:
    copy = tmp_path / "my-example.yaml"
    copy.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace('title: "Example:', 'title: "Mine:'), "utf-8"
    )
    library = ScenarioLibrary(extra_dirs=[tmp_path])
    assert library.resolve("en-example-wrong-colour").title.startswith("Mine:")
    assert [p.severity for p in library.problems] == ["warning"]
    assert "also defined in" in library.problems[0].message


def test_resolve_by_path(tmp_path: Path) -> None:
    library = ScenarioLibrary()
    assert library.resolve(str(GOOD / "minimal.yaml")).id == "ja-test-minimal"
    with pytest.raises(CallCoachError, match="no such scenario file"):
        library.resolve(str(tmp_path / "nothing.yaml"))
    with pytest.raises(ScenarioError, match=r"graph-errors\.yaml:"):
        library.resolve(str(BROKEN / "graph-errors.yaml"))


def test_unknown_id_lists_close_matches() -> None:
    with pytest.raises(CallCoachError) as caught:
        ScenarioLibrary().resolve("en-example-wrong-color")
    message = str(caught.value)
    assert "unknown scenario 'en-example-wrong-color'" in message
    assert "did you mean en-example-wrong-colour" in message
    assert "\n" not in message


def test_an_id_whose_file_is_broken_shows_the_files_problem(user_dir: Path) -> None:
    with pytest.raises(ScenarioError, match=r"en-test-graph-errors\.yaml:14:23: said names"):
        ScenarioLibrary(extra_dirs=[user_dir]).resolve("en-test-graph-errors")


def test_missing_folder_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    library = ScenarioLibrary(extra_dirs=[tmp_path / "gone"])
    assert library.entries()
    assert [p.message for p in library.problems] == ["scenario folder not found"]


def test_parsed_files_are_cached_until_they_change(tmp_path: Path) -> None:
    path = tmp_path / "minimal.yaml"
    shutil.copy(GOOD / "minimal.yaml", path)
    first = ScenarioLibrary(extra_dirs=[tmp_path]).resolve("ja-test-minimal")
    again = ScenarioLibrary(extra_dirs=[tmp_path]).resolve("ja-test-minimal")
    assert again is first
    path.write_text(path.read_text(encoding="utf-8").replace("最小", "最少") + "\n", "utf-8")
    changed = ScenarioLibrary(extra_dirs=[tmp_path]).resolve("ja-test-minimal")
    assert changed.title == "最少のシナリオ"
