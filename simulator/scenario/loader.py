"""Load and validate scenario and set files: every problem at once, as ``file:line:col``.

Reading goes through ``yamlsafe`` (no object construction, no aliases, capped
size and depth); the shape is checked against ``fields`` (the same description
that ``callcoach schema`` publishes); then ``checks`` looks at the whole
scenario (names that must exist, the turn graph, mood sanity).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.i18n import t
from simulator.scenario import build, fields, set_fields
from simulator.scenario.checks import check_scenario
from simulator.scenario.lint import lint_file_name, lint_scenario, unmet_key_phrases
from simulator.scenario.model import Scenario, ScenarioSet, Source
from simulator.scenario.prepass import prepass_problems
from simulator.scenario.problems import Problem, ScenarioError, errors_in, sort_problems
from simulator.scenario.version2 import version_problems
from simulator.scenario.yamlsafe import (
    Document,
    UnreadableFile,
    YamlProblem,
    control_character_problems,
    decode_text,
    parse_text,
    read_file_bytes,
)

__all__ = [
    "Loaded",
    "Problem",
    "ScenarioError",
    "load_file",
    "load_scenario",
    "load_scenario_text",
    "load_set",
    "validate_paths",
]

_KINDS = {**{f: "scenario" for f in fields.SCENARIO_FORMATS}, fields.SET_FORMAT: "set"}
_KIND_NAMES = {"scenario": "load.kind.scenario", "set": "load.kind.set"}  # catalogue keys


def _format_help() -> str:
    return t("load.format_help", scenario=fields.SCENARIO_FORMAT, set=fields.SET_FORMAT)


@dataclass
class Loaded:
    """What one file turned out to be. ``value`` is None when it has errors."""

    name: str
    kind: str | None  # "scenario", "set", or None (not one of ours / unreadable)
    value: Scenario | ScenarioSet | None
    problems: list[Problem] = field(default_factory=list)
    format: str | None = None  # the file's `format:` value when it is some other text
    unreadable: bool = False  # missing or not readable: nothing about its content is known

    @property
    def foreign(self) -> bool:
        """Another kind of CallCoach file (a replay, a rubric …), not a broken scenario."""
        ours = ("callcoach.scenario/", "callcoach.set/")
        return self.kind is None and self.format is not None and not self.format.startswith(ours)


def load_scenario(path: Path | str) -> Scenario:
    return _expect(load_file(Path(path)), "scenario", Scenario)


def load_scenario_text(text: str, name: str = "<string>") -> Scenario:
    raw = text.encode("utf-8", "surrogatepass")
    return _expect(_load_bytes(raw, name, None), "scenario", Scenario)


def load_set(path: Path | str) -> ScenarioSet:
    return _expect(load_file(Path(path)), "set", ScenarioSet)


def load_file(path: Path) -> Loaded:
    """Read any file; never raises for bad content (problems are in the result)."""
    name = str(path)
    try:
        raw = read_file_bytes(path, name)
    except YamlProblem as error:
        unreadable = isinstance(error, UnreadableFile)
        return Loaded(name, None, None, [error.problem], unreadable=unreadable)
    return _load_bytes(raw, name, path)


def _load_bytes(raw: bytes, name: str, path: Path | None) -> Loaded:
    source = Source(path, "sha256:" + hashlib.sha256(raw).hexdigest())
    try:
        text = decode_text(raw, name)
    except YamlProblem as error:
        return Loaded(name, None, None, [error.problem])
    if bad_text := control_character_problems(text, name):
        return Loaded(name, None, None, bad_text)
    if slips := prepass_problems(text, name):
        return Loaded(name, None, None, slips)  # YAML would report them late and vaguely
    try:
        doc = parse_text(text, name)
    except YamlProblem as error:
        return Loaded(name, None, None, [error.problem])
    return _load_document(doc, source)


def _load_document(doc: Document, source: Source) -> Loaded:
    data = doc.data
    if data is None:
        return _not_ours(doc, t("load.empty"), _format_help())
    if not isinstance(data, dict):
        shape = "load.holds_list" if isinstance(data, list) else "load.holds_value"
        return _not_ours(doc, t(shape), t("load.holds.expected", format=_format_help()))
    value = data.get("format")
    kind = _KINDS.get(value) if isinstance(value, str) else None
    if kind is None:
        return _wrong_format(doc, value)
    spec = fields.SCENARIO if kind == "scenario" else set_fields.SCENARIO_SET
    problems: list[Problem] = list(doc.warnings)
    spec.check(doc, (), data, problems)
    if errors_in(problems):
        return Loaded(doc.name, kind, None, problems)
    built: Scenario | ScenarioSet
    if kind == "scenario":
        problems += version_problems(doc, data)
        if errors_in(problems):
            return Loaded(doc.name, kind, None, problems)
        built = build.scenario(data, source)
        problems += check_scenario(built, doc)
        problems += lint_scenario(built, doc)
    else:
        built = build.scenario_set(data, source)
    problems += lint_file_name(built, doc, source.path)
    return Loaded(doc.name, kind, None if errors_in(problems) else built, problems)


def _wrong_format(doc: Document, value: Any) -> Loaded:
    if value is None:
        loaded = _not_ours(doc, t("load.no_format"), _format_help())
    elif isinstance(value, str) and value.startswith(("callcoach.scenario/", "callcoach.set/")):
        message = t("load.format_version", format=value)
        loaded = _not_ours(doc, message, _format_help(), ("format",))
    else:
        message = t("load.format_other", format=value)
        loaded = _not_ours(doc, message, _format_help(), ("format",))
    loaded.format = value if isinstance(value, str) else None
    return loaded


def _not_ours(doc: Document, message: str, expected: str, path: tuple[str, ...] = ()) -> Loaded:
    return Loaded(doc.name, None, None, [doc.problem(path, message, expected)])


def _expect(loaded: Loaded, kind: str, cls: type) -> Any:
    if loaded.kind not in (None, kind):
        what, wanted = t(_KIND_NAMES[loaded.kind or ""]), t(_KIND_NAMES[kind])
        problem = Problem(loaded.name, 1, 1, t("load.wrong_kind", kind=what), wanted)
        raise ScenarioError([problem])
    if not isinstance(loaded.value, cls):
        raise ScenarioError(errors_in(loaded.problems))
    return loaded.value


# -- validating many files -------------------------------------------------------------


@dataclass
class Report:
    problems: list[Problem]
    files: list[Loaded]

    @property
    def ok(self) -> bool:
        return not errors_in(self.problems)


def validate_paths(paths: Sequence[Path]) -> list[Problem]:
    """Every problem in the given files and folders (recursively *.yaml / *.yml), sorted."""
    return validate_report(paths).problems


def validate_report(paths: Sequence[Path], library_dirs: Sequence[Path] = ()) -> Report:
    """Like ``validate_paths``; sets may also name scenarios in ``library_dirs``."""
    problems: list[Problem] = []
    loaded: list[Loaded] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
            if not found:
                message, expected = t("load.empty_folder"), t("load.empty_folder.expected")
                problems.append(Problem(str(path), 1, 1, message, expected))
            loaded += [_in_folder(file) for file in found if file.is_file()]
        else:
            loaded.append(load_file(path))
    for item in loaded:
        problems += item.problems
        if isinstance(item.value, Scenario):
            problems += unmet_key_phrases(item.value, functools.partial(_reparse, item))
    problems += _cross_file_problems(loaded, library_dirs)
    checked = [item for item in loaded if not item.foreign]
    return Report(sort_problems(problems), checked)


def _in_folder(path: Path) -> Loaded:
    """Folders may hold other YAML (replays, rubrics): files of another format are skipped."""
    loaded = load_file(path)
    if loaded.foreign:
        loaded.problems = []
    return loaded


def _cross_file_problems(loaded: list[Loaded], library_dirs: Sequence[Path]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for item in loaded:
        if isinstance(item.value, Scenario):
            if item.value.id in first:
                message = t("load.duplicate_id", id=item.value.id, other=first[item.value.id])
                problems.append(_at_id(item, message, t("load.duplicate_id.expected")))
            first.setdefault(item.value.id, item.name)
    sets = [item for item in loaded if isinstance(item.value, ScenarioSet)]
    if sets:
        known = set(first) | _library_ids(library_dirs)
        for item in sets:
            problems += _unknown_set_members(item, known, set(first))
    return problems


def _unknown_set_members(item: Loaded, known: set[str], validated: set[str]) -> list[Problem]:
    """Suggestions come from the trainer's own folder when it has scenarios: a typo in
    `ja-angry-my-case` should not suggest an unrelated bundled scenario. A scenario in
    that folder that no command would find gets the flag that makes it found."""
    from simulator.scenario.spec import suggest

    assert isinstance(item.value, ScenarioSet)
    doc = _reparse(item)
    home, home_ids = _home_ids(Path(item.name))
    choices = sorted((home_ids | validated) or known)
    problems = []
    for index, scenario_id in enumerate(item.value.scenarios):
        if scenario_id in known:
            continue
        if scenario_id in home_ids:
            message = t("load.unsearched_folder", id=scenario_id, folder=home)
            expected = t("load.unsearched_folder.expected", folder=home)
        else:
            message = t("load.unknown_member", id=scenario_id, hint=suggest(scenario_id, choices))
            expected = t("load.unknown_member.expected")
        problems.append(doc.problem(("scenarios", index), message, expected))
    return problems


def _home_ids(set_path: Path) -> tuple[Path, set[str]]:
    """The set's own folder (the parent of a `sets/` folder) and its scenario ids."""
    from simulator.scenario.library import scenario_ids_in

    home = set_path.resolve().parent
    if home.name == "sets":
        home = home.parent
    return home, scenario_ids_in(home)


def _at_id(item: Loaded, message: str, expected: str) -> Problem:
    return _reparse(item).problem(("id",), message, expected)


def _reparse(item: Loaded) -> Document:
    """Positions for cross-file problems (rare, so re-reading beats keeping every document)."""
    raw = read_file_bytes(Path(item.name), item.name)
    return parse_text(decode_text(raw, item.name), item.name)


def _library_ids(extra_dirs: Sequence[Path]) -> set[str]:
    from simulator.scenario.library import ScenarioLibrary

    return {entry.id for entry in ScenarioLibrary(extra_dirs).entries()}
