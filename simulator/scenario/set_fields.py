"""The scenario set format (``callcoach.set/1``), described with the same field
language as scenarios (simulator.scenario.fields)."""

from __future__ import annotations

from simulator.scenario import model
from simulator.scenario.fields import ID_PATTERN, SET_FORMAT, seconds, text
from simulator.scenario.spec import Bool, Field, Int, ListOf, Nullable, Obj, Str

DRILL = Obj(
    {
        "attempts": Field(Int("attempts allowed per scenario", 1, 100)),
        "time_limit": Field(Nullable(seconds("seconds per call; null = no limit"))),
        "hints": Field(Bool("whether hints may be shown")),
    },
    "Rules when the set is run as a drill.",
    model.DrillRules,
    name="drill",
)

SCENARIO_SET = Obj(
    {
        "format": Field(Str("file format and version", choices=(SET_FORMAT,)), required=True),
        "id": Field(
            Str("unique set id", pattern=ID_PATTERN, pattern_help="spec.help.id"),
            required=True,
        ),
        "title": Field(text("shown in lists"), required=True),
        "description": Field(Str("what the set trains", allow_blank=True)),
        "scenarios": Field(
            ListOf(
                Str(pattern=ID_PATTERN, pattern_help="spec.help.scenario_id"),
                "scenario ids in order",
                1,
                unique=True,
            ),
            required=True,
        ),
        "pass_mark": Field(Int("score needed to pass each call", 0, 100)),
        "drill": Field(DRILL),
    },
    "A CallCoach scenario set (callcoach.set/1).",
    model.ScenarioSet,
)
