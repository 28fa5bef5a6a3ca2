"""The scenario format as typed, immutable objects.

This module is the contract between the loader (YAML → these objects), the
conversation engine, the TUI and the scenario library. The YAML field names
match the attribute names one to one; the README documents them with a
fully commented example and ``callcoach schema`` prints the JSON Schema.

Mood is a number from 0 (calm, satisfied) to 100 (furious). A branch's
``mood`` is a *change* applied after the trainee's reply; reaching
``mood.hang_up`` makes the caller hang up, falling to ``mood.calm`` or
below counts as calmed down.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from scoring.categories import PUBLIC_CATEGORIES

Language = Literal["ja", "en"]
CallerType = Literal["angry", "logical", "unreasonable"]
Outcome = Literal["resolved", "escalated", "hung_up", "abandoned"]

LANGUAGES: tuple[Language, ...] = ("ja", "en")
CALLER_TYPES: tuple[CallerType, ...] = ("angry", "logical", "unreasonable")
OUTCOMES: tuple[Outcome, ...] = ("resolved", "escalated", "hung_up", "abandoned")
LEVELS: tuple[int, ...] = (1, 2, 3)
ExpectedOutcome = Literal["resolved", "escalated"]
EXPECTED_OUTCOMES: tuple[ExpectedOutcome, ...] = ("resolved", "escalated")

FORMAT_V1 = "callcoach.scenario/1"
FORMAT_V2 = "callcoach.scenario/2"  # v1 + placeholders, avoid, optional key phrases, …

# Phrase categories the detector reports (DESIGN.md §5); conditions may name only these.
PHRASE_CATEGORIES: tuple[str, ...] = PUBLIC_CATEGORIES
# What else `earlier:` may name: things that happened before this reply in the call.
CALL_EVENTS: tuple[str, ...] = ("interruption", "silence", "held", "hold_too_long", "cut_in")


@dataclass(frozen=True)
class Voice:
    """How the caller sounds. ``rate``/``pitch``/``volume`` are multipliers at mood 50."""

    engine: str | None = None  # openjtalk | pyttsx3 | none; None = best for the language
    name: str | None = None  # engine-specific voice id
    rate: float = 1.0
    pitch: float = 1.0
    volume: float = 1.0


@dataclass(frozen=True)
class CutIn:
    """The caller talks over a trainee who has been talking for ``after`` seconds."""

    after: float
    say: tuple[str, ...]  # variants; one is picked with the session's seed
    mood: int = 5  # mood change when the caller has to cut in


@dataclass(frozen=True)
class SilenceRule:
    """What the caller does when the trainee says nothing for ``after`` seconds."""

    after: float = 6.0
    say: tuple[str, ...] = ()
    mood: int = 10


@dataclass(frozen=True)
class Caller:
    type: CallerType
    name: str
    persona: str = ""
    pace: float | None = None  # mora/s (ja) or words/min (en); None = type default
    voice: Voice = field(default_factory=Voice)
    cut_in: CutIn | None = None
    silence: SilenceRule = field(default_factory=SilenceRule)


@dataclass(frozen=True)
class MoodSpec:
    start: int = 70
    hang_up: int = 100
    calm: int = 30


@dataclass(frozen=True)
class Briefing:
    situation: str
    history: tuple[str, ...] = ()  # purchase history
    contacts: tuple[str, ...] = ()  # previous contacts, oldest first
    handled_by: str | None = None  # who handled it before the trainee (2次対応)
    goal: str | None = None  # what a good landing point looks like


@dataclass(frozen=True)
class Policy:
    may_offer: tuple[str, ...] = ()
    must_not_promise: tuple[str, ...] = ()  # phrases that count as over_promise here
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class HoldRules:
    patience: float = 30.0  # 少々 means ≤ 30 s (DOMAIN.md §10)
    too_long_mood: int = 15
    too_long_say: tuple[str, ...] = ()
    # A reply asking the caller to wait (「少々お待ちください」) keeps the turn open: the
    # caller agrees (``wait_say``; a built-in line when empty) and the next reply still
    # answers the turn. ``waits``: requests a caller accepts per turn (0: none); each
    # one after the first costs ``wait_again_mood`` and gets ``wait_again_say``. (v2)
    wait_say: tuple[str, ...] = ()
    wait_again_say: tuple[str, ...] = ()
    wait_again_mood: int = 5
    waits: int = 2


@dataclass(frozen=True)
class Condition:
    """All given parts must hold. An empty condition always holds."""

    detected: tuple[str, ...] = ()  # every category found
    detected_any: tuple[str, ...] = ()  # at least one found
    not_detected: tuple[str, ...] = ()  # none found
    said: tuple[str, ...] = ()  # every named key phrase found
    said_any: tuple[str, ...] = ()
    not_said: tuple[str, ...] = ()
    interrupted: bool | None = None  # the trainee cut in on this line
    silent: bool | None = None  # no reply at all
    mood_at_least: int | None = None  # mood before this reply's change
    mood_below: int | None = None
    told: tuple[str, ...] = ()  # key phrases found in this or any earlier reply (memory)
    hold_over: float | None = None  # seconds on hold during this turn, more than
    hold_under: float | None = None  # a hold during this turn, shorter than
    repeats: int | None = None  # this turn's line has been repeated at least this often
    asked: tuple[str, ...] = ()  # the caller has said each of these turns' lines (memory)
    after: float | None = None  # seconds into the call, at least
    earlier: tuple[str, ...] = ()  # every named event/category happened in earlier replies
    faster_than_caller: bool | None = None  # measured speech rate vs the caller's
    any: tuple[Condition, ...] = ()  # at least one holds
    all: tuple[Condition, ...] = ()  # every one holds
    not_: Condition | None = None  # written `not:` in the file; holds when it does not


@dataclass(frozen=True)
class Branch:
    when: Condition
    next: str  # a turn id or an ending id
    mood: int = 0
    say: tuple[str, ...] = ()  # an immediate reaction, spoken before the next turn's line


@dataclass(frozen=True)
class KeyPhrase:
    """A scenario fact the turn expects back (order number, date …)."""

    name: str
    alternatives: tuple[str, ...]
    optional: bool = False  # credit when said, nothing lost when not (v2)


@dataclass(frozen=True)
class AvoidPhrase:
    """A phrase this scenario's trainees should not say (v2): scored like an NG phrase
    at ``cost`` (% of the NG-phrase item per utterance; a built-in NG phrase costs 50)."""

    alternatives: tuple[str, ...]
    cost: int = 50
    note: str = ""  # why, or what to say instead; cited in the feedback


@dataclass(frozen=True)
class Turn:
    id: str
    say: tuple[str, ...]  # variants of the caller's line
    expects: tuple[str, ...] = ()  # phrase categories a good reply contains
    key_phrases: tuple[KeyPhrase, ...] = ()
    model_answer: str | None = None
    model_answers: tuple[str, ...] = ()  # one per `say` variant, in order (overrides)
    hint: str | None = None  # practice-mode hint; default is built from expects
    branches: tuple[Branch, ...] = ()
    otherwise: Branch | None = None  # when no branch matches
    cut_in: CutIn | None = None  # overrides caller.cut_in for this turn
    unless_told: tuple[str, ...] = ()  # skip this turn when all were already told
    skip_to: str | None = None  # where a skipped turn goes; default otherwise.next
    once: bool = False  # the caller asks this only once: a later visit is skipped (v2)
    wait_say: tuple[str, ...] = ()  # overrides hold.wait_say on this turn (v2)
    waits: int | None = None  # overrides hold.waits on this turn (v2)

    def answer_for(self, line: str | None) -> str | None:
        """The model answer to the variant actually said (``model_answer`` otherwise)."""
        if line is not None and self.model_answers:
            for variant, answer in zip(self.say, self.model_answers, strict=False):
                if variant == line:
                    return answer
        return self.model_answer


@dataclass(frozen=True)
class Ending:
    id: str
    outcome: Outcome
    say: tuple[str, ...] = ()


@dataclass(frozen=True)
class Level:
    """How a difficulty level changes the caller. Scales multiply the base values."""

    worsen: float = 1.0  # positive mood changes
    soothe: float = 1.0  # negative mood changes
    patience: float = 1.0  # cut-in, silence and hold patience
    start_mood: int = 0  # added to mood.start


DEFAULT_LEVELS: Mapping[int, Level] = {
    1: Level(worsen=0.7, soothe=1.3, patience=1.5, start_mood=-10),
    2: Level(),
    3: Level(worsen=1.4, soothe=0.7, patience=0.6, start_mood=10),
}


@dataclass(frozen=True)
class Source:
    path: Path | None
    digest: str  # "sha256:<hex>" of the file bytes


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    language: Language
    caller: Caller
    briefing: Briefing
    turns: tuple[Turn, ...]  # the first is where the call starts
    endings: Mapping[str, Ending]
    difficulty: int = 2  # default level
    tags: tuple[str, ...] = ()
    mood: MoodSpec = field(default_factory=MoodSpec)
    policy: Policy = field(default_factory=Policy)
    hold: HoldRules = field(default_factory=HoldRules)
    levels: Mapping[int, Level] = field(default_factory=lambda: dict(DEFAULT_LEVELS))
    rubric: str | None = None  # scoring preset; default = caller type
    pass_mark: int | None = None
    source: Source = field(default_factory=lambda: Source(None, ""))
    format: str = FORMAT_V1  # v1 files load as v2 without the new fields
    company: str | None = None  # fills {company} (v2)
    avoid: tuple[AvoidPhrase, ...] = ()  # (v2)
    expected_outcome: ExpectedOutcome = "resolved"  # the right landing (v2)

    def turn(self, turn_id: str) -> Turn:
        for turn in self.turns:
            if turn.id == turn_id:
                return turn
        raise KeyError(turn_id)

    def level(self, level: int | None) -> Level:
        return self.levels.get(level or self.difficulty, Level())


@dataclass(frozen=True)
class DrillRules:
    attempts: int = 1
    time_limit: float | None = None  # seconds per call
    hints: bool = False


@dataclass(frozen=True)
class ScenarioSet:
    id: str
    title: str
    scenarios: tuple[str, ...]  # scenario ids in order
    pass_mark: int = 70
    description: str = ""
    drill: DrillRules = field(default_factory=DrillRules)
    source: Source = field(default_factory=lambda: Source(None, ""))
