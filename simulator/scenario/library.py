"""The scenario library: the bundled ``scenarios`` package plus the user's folders.

Folders, in order (a later one overrides an earlier one's id, with a warning):
the bundled package, the trainer's remembered folders (``trainer.json``),
``CALLCOACH_SCENARIOS``, then ``extra_dirs`` (``--scenarios``).
A trainer's folder works exactly like the bundled one. Broken files are skipped
and their problems kept in ``problems``; the library itself never fails.
Parsed files are cached per process by path, modification time and size.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from simulator.errors import CallCoachError
from simulator.i18n import t
from simulator.scenario.loader import Loaded, load_file, load_scenario
from simulator.scenario.model import Scenario, ScenarioSet
from simulator.scenario.problems import Problem, ScenarioError
from simulator.scenario.spec import close_matches

_SKIP_DIRS = {"schema", "__pycache__"}
_CACHE: dict[Path, tuple[tuple[int, int], Loaded]] = {}


@dataclass(frozen=True)
class LibraryEntry:
    id: str
    title: str
    language: str
    caller_type: str
    difficulty: int
    path: Path
    tags: tuple[str, ...]
    bundled: bool


def bundled_dir() -> Path | None:
    try:
        root = resources.files("scenarios")
    except ModuleNotFoundError:
        return None
    path = Path(str(root))
    return path if path.is_dir() else None


class ScenarioLibrary:
    def __init__(self, extra_dirs: Sequence[Path] = ()) -> None:
        from simulator.paths import user_scenario_dirs
        from simulator.trainer_config import remembered_scenario_dirs

        bundled = bundled_dir()
        self.bundled_dir = bundled
        # Later folders override earlier ones' ids: --scenarios > env > trainer.json.
        self.dirs: list[Path] = list(
            dict.fromkeys(
                [
                    *([bundled] if bundled else []),
                    *remembered_scenario_dirs(),
                    *user_scenario_dirs(),
                    *(Path(d) for d in extra_dirs),
                ]
            )
        )
        self.problems: list[Problem] = []
        self._scenarios: dict[str, Scenario] | None = None
        self._sets: dict[str, ScenarioSet] = {}

    # -- queries ------------------------------------------------------------------
    def entries(self) -> list[LibraryEntry]:
        scenarios = self._scan()
        entries = [self._entry(s) for s in scenarios.values()]
        return sorted(entries, key=lambda e: (e.language, e.id))

    def sets(self) -> list[ScenarioSet]:
        self._scan()
        return sorted(self._sets.values(), key=lambda s: s.id)

    def scenario(self, scenario_id: str) -> Scenario:
        scenarios = self._scan()
        if scenario_id in scenarios:
            return scenarios[scenario_id]
        raise self._unknown(scenario_id)

    def resolve(self, id_or_path: str) -> Scenario:
        """A library id, or a path to a scenario file."""
        scenarios = self._scan()
        if id_or_path in scenarios:
            return scenarios[id_or_path]
        path = Path(id_or_path).expanduser()
        if path.suffix in (".yaml", ".yml") or os.sep in id_or_path or path.is_file():
            if not path.exists():
                raise CallCoachError(t("load.no_scenario_file", path=id_or_path))
            return load_scenario(path)
        raise self._unknown(id_or_path)

    # -- scanning -----------------------------------------------------------------
    def _scan(self) -> dict[str, Scenario]:
        if self._scenarios is not None:
            return self._scenarios
        found: dict[str, Scenario] = {}
        for folder in self.dirs:
            if not folder.is_dir():
                message, expected = t("load.no_folder"), t("load.no_folder.expected")
                self.problems.append(Problem(str(folder), 1, 1, message, expected, "warning"))
                continue
            for path in _yaml_files(folder):
                self._add(_cached_load(path), found)
        self._scenarios = found
        return found

    def _add(self, loaded: Loaded, found: dict[str, Scenario]) -> None:
        value = loaded.value
        if value is None:
            if not loaded.foreign:
                self.problems += [p for p in loaded.problems if p.is_error]
            return
        table: dict[str, Scenario] | dict[str, ScenarioSet]
        table = found if isinstance(value, Scenario) else self._sets
        if value.id in table:
            earlier = table[value.id].source.path
            message = t("load.overrides", id=value.id, earlier=earlier)
            expected = t("load.overrides.expected")
            self.problems.append(Problem(loaded.name, 1, 1, message, expected, "warning"))
        table[value.id] = value  # type: ignore[assignment]

    def _entry(self, scenario: Scenario) -> LibraryEntry:
        path = scenario.source.path or Path(scenario.id)
        bundled = self.bundled_dir is not None and path.is_relative_to(self.bundled_dir)
        return LibraryEntry(
            id=scenario.id,
            title=scenario.title,
            language=scenario.language,
            caller_type=scenario.caller.type,
            difficulty=scenario.difficulty,
            path=path,
            tags=scenario.tags,
            bundled=bundled,
        )

    def _unknown(self, scenario_id: str) -> CallCoachError:
        broken = [p for p in self.problems if Path(p.path).stem == scenario_id and p.is_error]
        if broken:
            return ScenarioError(broken)
        matches = close_matches(scenario_id, sorted(self._scan()))
        hint = t("load.unknown_scenario.hint", ids=", ".join(matches)) if matches else ""
        return CallCoachError(t("load.unknown_scenario", id=repr(scenario_id), hint=hint))


def scenario_ids_in(folder: Path, limit: int = 500) -> set[str]:
    """Ids of the valid scenarios in ``folder`` and its direct subfolders (``ja/``, ``en/``):
    shallow and capped, since a set saved in the home folder must not scan all of it."""
    if not folder.is_dir():
        return set()
    paths = [*folder.glob("*.y*ml"), *folder.glob("*/*.y*ml")]
    paths = sorted(p for p in paths if p.suffix in (".yaml", ".yml") and p.parent.name != "schema")
    values = (_cached_load(path).value for path in paths[:limit])
    return {value.id for value in values if isinstance(value, Scenario)}


def _yaml_files(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        files += [Path(root) / n for n in sorted(names) if n.endswith((".yaml", ".yml"))]
    return files


def _cached_load(path: Path) -> Loaded:
    try:
        stat = path.stat()
    except OSError:
        return load_file(path)
    stamp = (stat.st_mtime_ns, stat.st_size)
    key = path.resolve()
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    loaded = load_file(path)
    _CACHE[key] = (stamp, loaded)
    return loaded
