"""The scenario format, described once (the set format is in set_fields).

This is the single source of truth for the file shape: the loader checks files
against it and ``callcoach schema`` renders it as JSON Schema. Field names are
the attribute names of ``simulator.scenario.model`` (a test keeps them in step).
"""

from __future__ import annotations

from typing import Any

from simulator.i18n import t
from simulator.scenario import model
from simulator.scenario.spec import (
    Bool,
    Field,
    Int,
    ListOf,
    MapOf,
    Nullable,
    Num,
    Obj,
    OneOf,
    Str,
)

SCENARIO_FORMAT = model.FORMAT_V2  # the newest; new files and the scaffold use it
SCENARIO_FORMATS = (model.FORMAT_V1, model.FORMAT_V2)
SET_FORMAT = "callcoach.set/1"
SCHEMA_BASE = "https://callcoach.invalid/schema"

ID_PATTERN = r"[a-z0-9][a-z0-9-]*"
NAME_PATTERN = r"[a-z0-9][a-z0-9_-]*"


def text(description: str = "") -> Str:
    return Str(description)


def texts(description: str, min_items: int = 0) -> ListOf:
    return ListOf(Str(), description, min_items=min_items)


def mood_change(description: str) -> Num:
    return Int(description, -100, 100)


def seconds(description: str) -> Num:
    return Num(description, 0, 3600, exclusive_minimum=True)


PHRASE_CATEGORY = Str(choices=model.PHRASE_CATEGORIES)
KEY_PHRASE_NAME = Str("a key phrase named on this turn")
EARLIER_EVENT = Str(choices=model.CALL_EVENTS + model.PHRASE_CATEGORIES)
TURN_ID = Str("a turn id", pattern=NAME_PATTERN, pattern_help="spec.help.turn")
MOOD = Int("mood, 0 (calm) … 100 (furious)", 0, 100)

VOICE = Obj(
    {
        "engine": Field(
            Nullable(
                Str(
                    "TTS engine; null = best for the language",
                    choices=("openjtalk", "pyttsx3", "none"),
                )
            )
        ),
        "name": Field(Nullable(text("engine-specific voice id"))),
        "rate": Field(Num("speaking-rate multiplier at mood 50", 0, 4, exclusive_minimum=True)),
        "pitch": Field(Num("pitch multiplier at mood 50", 0, 4, exclusive_minimum=True)),
        "volume": Field(Num("volume multiplier at mood 50", 0, 4, exclusive_minimum=True)),
    },
    "How the caller sounds.",
    model.Voice,
    name="voice",
)

CUT_IN = Obj(
    {
        "after": Field(seconds("seconds of trainee talk before the caller cuts in"), required=True),
        "say": Field(texts("what the caller says (variants)", 1), required=True),
        "mood": Field(mood_change("mood change when the caller has to cut in")),
    },
    "The caller talks over a trainee who talks too long.",
    model.CutIn,
    name="cut_in",
)

SILENCE = Obj(
    {
        "after": Field(seconds("seconds of trainee silence before the caller reacts")),
        "say": Field(texts("what the caller says (variants)")),
        "mood": Field(mood_change("mood change on silence")),
    },
    "What the caller does when the trainee says nothing.",
    model.SilenceRule,
    name="silence",
)

CALLER = Obj(
    {
        "type": Field(Str("caller type", choices=model.CALLER_TYPES), required=True),
        "name": Field(text("the caller's name"), required=True),
        "persona": Field(Str("notes on who the caller is", allow_blank=True)),
        "pace": Field(
            Nullable(
                Num(
                    "mora/s (ja) or words/min (en); null = type default",
                    0,
                    400,
                    exclusive_minimum=True,
                )
            )
        ),
        "voice": Field(VOICE),
        "cut_in": Field(Nullable(CUT_IN)),
        "silence": Field(SILENCE),
    },
    "Who calls and how they behave.",
    model.Caller,
    name="caller",
)

MOOD_SPEC = Obj(
    {
        "start": Field(Int("mood when the call starts", 0, 100)),
        "hang_up": Field(Int("the caller hangs up at this mood", 1, 100)),
        "calm": Field(Int("at or below this mood the caller counts as calmed down", 0, 99)),
    },
    "Mood runs from 0 (calm) to 100 (furious).",
    model.MoodSpec,
    name="mood",
)

BRIEFING = Obj(
    {
        "situation": Field(text("what happened so far"), required=True),
        "history": Field(texts("purchase history")),
        "contacts": Field(texts("previous contacts, oldest first")),
        "handled_by": Field(Nullable(text("who handled it before the trainee"))),
        "goal": Field(Nullable(text("what a good landing point looks like"))),
    },
    "What the trainee reads before taking the call.",
    model.Briefing,
    name="briefing",
)

POLICY = Obj(
    {
        "may_offer": Field(texts("what may be offered")),
        "must_not_promise": Field(texts("phrases that count as over_promise in this scenario")),
        "notes": Field(texts("other rules")),
    },
    "What the trainee may and must not do.",
    model.Policy,
    name="policy",
)

HOLD = Obj(
    {
        "patience": Field(seconds("seconds on hold before the caller gets upset (少々 = 30 s)")),
        "too_long_mood": Field(mood_change("mood change when the hold is too long")),
        "too_long_say": Field(texts("what the caller says after a too-long hold")),
        "wait_say": Field(texts("the caller's answer to a request to wait (v2)")),
        "wait_again_say": Field(texts("the answer to a second request in one turn (v2)")),
        "wait_again_mood": Field(mood_change("mood change for each request after the first")),
        "waits": Field(Int("requests to wait the caller accepts per turn (0: none)", 0, 10)),
    },
    "How the caller takes being put on hold.",
    model.HoldRules,
    name="hold",
)

# A plain dict: the combinators (conditions inside a condition) are added below.
_CONDITION_FIELDS: dict[str, Field] = {
    "detected": Field(ListOf(PHRASE_CATEGORY, "every category found in the reply")),
    "detected_any": Field(ListOf(PHRASE_CATEGORY, "at least one category found")),
    "not_detected": Field(ListOf(PHRASE_CATEGORY, "none of these categories found")),
    "said": Field(ListOf(KEY_PHRASE_NAME, "every named key phrase of this turn found")),
    "said_any": Field(ListOf(KEY_PHRASE_NAME, "at least one named key phrase found")),
    "not_said": Field(ListOf(KEY_PHRASE_NAME, "none of these key phrases found")),
    "interrupted": Field(Nullable(Bool("the trainee cut in on the caller's line"))),
    "silent": Field(Nullable(Bool("no reply at all"))),
    "mood_at_least": Field(Nullable(Int("mood before this reply's change is at least", 0, 100))),
    "mood_below": Field(Nullable(Int("mood before this reply's change is below", 0, 101))),
    "told": Field(
        ListOf(KEY_PHRASE_NAME, "key phrases found in this or any earlier reply (memory)")
    ),
    "hold_over": Field(Nullable(seconds("seconds on hold during this turn, more than"))),
    "hold_under": Field(Nullable(seconds("a hold during this turn, shorter than (seconds)"))),
    "repeats": Field(Nullable(Int("this turn's line was repeated at least this often", 1, 100))),
    "asked": Field(
        ListOf(TURN_ID, "the caller has said each turn's line before this reply", unique=True)
    ),
    "after": Field(Nullable(seconds("seconds into the call, at least"))),
    "earlier": Field(
        ListOf(EARLIER_EVENT, "every one happened in an earlier reply of the call", unique=True)
    ),
    "faster_than_caller": Field(
        Nullable(Bool("the trainee's measured speech rate is above the caller's"))
    ),
}
CONDITION = Obj(
    _CONDITION_FIELDS,
    "All given parts must hold; an empty condition always holds.",
    model.Condition,
    name="condition",
)
# The combinators nest conditions: added after CONDITION exists so it can hold itself.
_CONDITION_FIELDS["any"] = Field(ListOf(CONDITION, "at least one holds", min_items=1))
_CONDITION_FIELDS["all"] = Field(ListOf(CONDITION, "every one holds", min_items=1))
_CONDITION_FIELDS["not"] = Field(Nullable(CONDITION))

_BRANCH_FIELDS = {
    "next": Field(
        Str("a turn id or an ending id", pattern=NAME_PATTERN, pattern_help="spec.help.target"),
        required=True,
    ),
    "mood": Field(mood_change("mood change applied after the reply")),
    "say": Field(texts("an immediate reaction, spoken before the next turn's line")),
}
BRANCH = Obj(
    {"when": Field(CONDITION, required=True), **_BRANCH_FIELDS},
    "Taken when its condition holds (the first matching branch wins).",
    model.Branch,
    name="branch",
)
OTHERWISE = Obj(_BRANCH_FIELDS, "Taken when no branch matches.", model.Branch, name="otherwise")

KEY_PHRASE = Obj(
    {
        "alternatives": Field(texts("ways to say it", 1), required=True),
        "optional": Field(Bool("credit when said, nothing lost when not (v2)")),
    },
    "A key phrase with options.",
    name="key_phrase",
)

KEY_PHRASES = OneOf(
    [
        (
            dict,
            MapOf(
                OneOf([(list, texts("alternatives", 1)), (dict, KEY_PHRASE)]),
                key_pattern=r"\S.*",
                key_help="spec.empty_text.expected",
            ),
        ),
        (list, ListOf(text(), "each text is its own key phrase, named by itself")),
    ],
    "Facts the turn expects back: name → alternatives, or a list of texts.",
)

TURN = Obj(
    {
        "id": Field(
            Str("turn id", pattern=NAME_PATTERN, pattern_help="spec.help.turn_id"),
            required=True,
        ),
        "say": Field(
            texts("variants of the caller's line (one is picked, seeded)", 1), required=True
        ),
        "expects": Field(
            ListOf(PHRASE_CATEGORY, "phrase categories a good reply contains", unique=True)
        ),
        "key_phrases": Field(KEY_PHRASES),
        "model_answer": Field(Nullable(text("a model answer shown after the call"))),
        "model_answers": Field(
            texts("a model answer per `say` variant, in the same order (for the line said)")
        ),
        "hint": Field(Nullable(text("practice-mode hint; default is built from expects"))),
        "branches": Field(
            ListOf(BRANCH, "checked in order; the first whose condition holds is taken")
        ),
        "otherwise": Field(Nullable(OTHERWISE)),
        "cut_in": Field(Nullable(CUT_IN)),
        "unless_told": Field(
            ListOf(KEY_PHRASE_NAME, "skip this turn when every one was already told", unique=True)
        ),
        "skip_to": Field(
            Nullable(
                Str(
                    "where a skipped turn goes; default: otherwise.next",
                    pattern=NAME_PATTERN,
                    pattern_help="spec.help.target",
                )
            )
        ),
        "once": Field(Bool("the caller asks this once; a later visit skips it (v2)")),
        "wait_say": Field(texts("this turn's answer to a request to wait (v2)")),
        "waits": Field(Nullable(Int("requests to wait accepted on this turn (v2)", 0, 10))),
    },
    "One caller line and what the trainee's reply leads to.",
    model.Turn,
    name="turn",
)

ENDING = Obj(
    {
        "outcome": Field(Str("how the call ends", choices=model.OUTCOMES), required=True),
        "say": Field(texts("the caller's last words (variants)")),
    },
    "How the call ends.",
    model.Ending,
    name="ending",
)

AVOID = Obj(
    {
        "phrase": Field(text("the phrase (or give alternatives)")),
        "alternatives": Field(texts("ways of saying it", 1)),
        "cost": Field(Int("% of the NG-phrase item lost per utterance (an NG phrase: 50)", 1, 100)),
        "note": Field(Str("why, or what to say instead; cited in the feedback", allow_blank=True)),
    },
    "A phrase this scenario's trainees should not say (v2).",
    model.AvoidPhrase,
    name="avoid",
    extra_check=lambda doc, path, value, out: _one_phrase(doc, path, value, out),
)


def _one_phrase(doc: Any, path: Any, value: dict[str, Any], out: list[Any]) -> None:
    if ("phrase" in value) == ("alternatives" in value):
        message = t("spec.avoid_one", index=path[-1])
        expected = t(
            "spec.avoid_one.expected", phrase="phrase: 'たぶん'", alternatives="alternatives: [...]"
        )
        out.append(doc.problem(path, message, expected))


LEVEL = Obj(
    {
        "worsen": Field(Num("multiplies positive mood changes", 0, 10)),
        "soothe": Field(Num("multiplies negative mood changes", 0, 10)),
        "patience": Field(
            Num("multiplies cut-in, silence and hold patience", 0, 10, exclusive_minimum=True)
        ),
        "start_mood": Field(Int("added to mood.start", -100, 100)),
    },
    "How a difficulty level changes the caller.",
    model.Level,
    name="level",
)

SCENARIO = Obj(
    {
        "format": Field(
            Str("file format and version (1 = 2 without the new fields)", choices=SCENARIO_FORMATS),
            required=True,
        ),
        "id": Field(
            Str("unique scenario id", pattern=ID_PATTERN, pattern_help="spec.help.id"),
            required=True,
        ),
        "title": Field(text("shown in lists"), required=True),
        "language": Field(Str("language of the call", choices=model.LANGUAGES), required=True),
        "difficulty": Field(Int("default level: 1 easy … 3 hard", 1, 3)),
        "tags": Field(ListOf(Str(), "free-form tags", unique=True)),
        "caller": Field(CALLER, required=True),
        "mood": Field(MOOD_SPEC),
        "briefing": Field(BRIEFING, required=True),
        "policy": Field(POLICY),
        "hold": Field(HOLD),
        "levels": Field(
            MapOf(
                LEVEL,
                "per-level changes (defaults shown in the README)",
                key_choices=("1", "2", "3"),
            )
        ),
        "rubric": Field(Nullable(text("scoring preset; default = caller type"))),
        "pass_mark": Field(Nullable(Int("score needed to pass", 0, 100))),
        "company": Field(Nullable(text("fills {company} in caller lines and answers (v2)"))),
        "expected_outcome": Field(
            Str("the right landing of the call (v2)", choices=model.EXPECTED_OUTCOMES)
        ),
        "avoid": Field(ListOf(AVOID, "phrases to avoid in this scenario (v2)")),
        "turns": Field(ListOf(TURN, "the first turn opens the call", min_items=1), required=True),
        "endings": Field(
            MapOf(ENDING, "ending id → outcome and last words", min_items=1), required=True
        ),
    },
    "A CallCoach scenario (callcoach.scenario/2; /1 files are /2 without the new fields).",
    model.Scenario,
)
