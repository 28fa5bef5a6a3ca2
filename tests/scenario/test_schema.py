"""The published JSON Schema: generated from the one description in code, shipped
unchanged, and in agreement with the loader on real files."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from simulator.scenario import fields, model, schema_doc, set_fields
from simulator.scenario.spec import Obj
from tests.scenario.conftest import BROKEN, BUNDLED, EXAMPLE, GOOD

SHIPPED = BUNDLED / "schema"


def as_json(path: Path) -> Any:
    """What an editor sees: the YAML as JSON (mapping keys become strings)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema_doc.json_schema(kind))


@pytest.mark.parametrize("kind", ["scenario", "set"])
def test_shipped_schema_equals_the_generated_one(kind: str) -> None:
    shipped = (SHIPPED / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert shipped == schema_doc.schema_text(kind), "regenerate with `callcoach schema > …`"


@pytest.mark.parametrize("kind", ["scenario", "set"])
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = schema_doc.json_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def scenario_files() -> list[Path]:
    files = [EXAMPLE, *sorted(BUNDLED.glob("ja/*.yaml")), *sorted(BUNDLED.glob("en/*.yaml"))]
    return files + [
        GOOD / n for n in ("minimal.yaml", "key-phrase-list.yaml", "warnings-only.yaml")
    ]


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.name)
def test_good_scenarios_validate_against_the_schema(path: Path) -> None:
    errors = [e.message for e in validator("scenario").iter_errors(as_json(path))]
    assert errors == []


def test_good_set_validates_against_the_set_schema() -> None:
    assert list(validator("set").iter_errors(as_json(GOOD / "set.yaml"))) == []


def test_schema_rejects_what_the_loader_rejects() -> None:
    data = as_json(BROKEN / "many-shape-errors.yaml")
    bad_paths = {tuple(e.absolute_path) for e in validator("scenario").iter_errors(data)}
    # jsonschema reports per subtree; these are the problem spots the loader also names.
    for spot in [("id",), ("title",), ("language",), ("difficulty",), ("caller",), ("briefing",)]:
        assert spot in bad_paths, spot
    assert list(validator("set").iter_errors(as_json(BROKEN / "set-errors.yaml")))


def test_schema_has_defaults_and_descriptions_for_editors() -> None:
    schema = schema_doc.json_schema("scenario")
    defs = schema["$defs"]
    assert schema["properties"]["mood"] == {"$ref": "#/$defs/mood"}
    assert defs["mood"]["properties"]["start"]["default"] == model.MoodSpec().start
    assert defs["caller"]["description"]
    categories = defs["turn"]["properties"]["expects"]["items"]["enum"]
    assert categories == list(model.PHRASE_CATEGORIES)
    # A shape used in two places (the caller's and a turn's cut-in) is written once.
    assert defs["cut_in"]["required"] == ["after", "say"]


# Fields in the model that are not written in the file, per class.
NOT_IN_FILE = {
    model.Scenario: {"source"},
    model.ScenarioSet: {"source"},
    model.Ending: {"id"},  # the key under `endings`
    model.Condition: {"not_"},  # `not` is a Python keyword
}
IN_FILE_ONLY = {
    model.Scenario: {"format"},
    model.ScenarioSet: {"format"},
    model.AvoidPhrase: {"phrase"},  # a single phrase, short for `alternatives: [one]`
    model.Condition: {"not"},
}


def all_objects() -> list[Obj]:
    found: list[Obj] = []
    for value in [*vars(fields).values(), *vars(set_fields).values()]:
        if isinstance(value, Obj) and value.model is not None and value is not fields.OTHERWISE:
            found.append(value)
    return found


@pytest.mark.parametrize("spec", all_objects(), ids=lambda s: s.model.__name__)
def test_file_keys_match_the_model_attributes(spec: Obj) -> None:
    assert spec.model is not None
    attributes = {f.name for f in dataclasses.fields(spec.model)}
    expected = attributes - NOT_IN_FILE.get(spec.model, set()) | IN_FILE_ONLY.get(spec.model, set())
    assert set(spec.fields) == expected


def test_every_model_class_has_a_spec() -> None:
    covered = {spec.model for spec in all_objects()}
    wanted = {
        model.Voice, model.CutIn, model.SilenceRule, model.Caller, model.MoodSpec,
        model.Briefing, model.Policy, model.HoldRules, model.Condition, model.Branch,
        model.Turn, model.Ending, model.Level, model.Scenario, model.DrillRules,
        model.ScenarioSet,
    }  # fmt: skip
    assert wanted <= covered
