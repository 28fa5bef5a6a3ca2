"""The caller's mind: which line comes next and how the mood moves.

Pure and timeless: it knows turns, branches, mood and the session's seed, but
nothing of clocks, audio or storage. ``CallSession`` puts it on a clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from scoring.readback import reads_back
from simulator.scenario.model import Branch, Condition, Level, Outcome, Scenario, Turn

MAX_SILENT_REPLIES = 3  # the caller gives up and hangs up after this many in a row


class DetectionLike(Protocol):
    @property
    def categories(self) -> frozenset[str]: ...

    @property
    def key_phrases(self) -> frozenset[str]: ...


Detector = Callable[..., DetectionLike]


@dataclass(frozen=True)
class CallerLine:
    turn: str  # turn or ending id the line belongs to
    text: str
    cut_in: bool = False


@dataclass(frozen=True)
class Reply:
    text: str = ""
    interrupted: bool = False
    silent: bool = False


@dataclass(frozen=True)
class Step:
    """What the caller does after one reply."""

    lines: tuple[CallerLine, ...]
    mood_before: int
    mood_after: int
    categories: frozenset[str] = frozenset()
    key_phrases: frozenset[str] = frozenset()
    ended: Outcome | None = None


@dataclass
class _State:
    turn: Turn
    mood: int
    silent_in_a_row: int = 0
    ended: Outcome | None = None


class Conversation:
    def __init__(
        self,
        scenario: Scenario,
        detector: Detector,
        *,
        level: int | None = None,
        seed: int | None = None,
    ) -> None:
        self.scenario = scenario
        self.level: Level = scenario.level(level)
        self.level_number = level or scenario.difficulty
        self._detect = detector
        self._rng = random.Random(seed)
        self._heard = ""
        start = _clamp(scenario.mood.start + self.level.start_mood)
        self._state = _State(turn=scenario.turns[0], mood=start)

    # -- state ---------------------------------------------------------------
    @property
    def mood(self) -> int:
        return self._state.mood

    @property
    def turn(self) -> Turn:
        return self._state.turn

    @property
    def ended(self) -> Outcome | None:
        return self._state.ended

    def opening(self) -> CallerLine:
        return CallerLine(self.turn.id, self._pick(self.turn.say))

    # -- reactions -----------------------------------------------------------
    def respond(self, reply: Reply) -> Step:
        """The trainee finished a reply (or stayed silent) to the current turn."""
        if self.ended:
            raise RuntimeError("the call has ended")
        if reply.silent:
            return self._silence()
        self._state.silent_in_a_row = 0
        detection = self._detect(
            reply.text,
            self.scenario.language,
            key_phrases={k.name: k.alternatives for k in self.turn.key_phrases},
            forbidden_promises=self.scenario.policy.must_not_promise,
            allowed_offers=self.scenario.policy.may_offer,
        )
        categories = frozenset(detection.categories)
        if reads_back(reply.text, self._heard, self.scenario.language):
            categories |= {"confirmation"}  # as the score card counts it (scoring.readback)
        branch = self._choose(reply, categories, detection.key_phrases)
        return self._follow(branch, categories, detection.key_phrases)

    def cut_in(self) -> tuple[CallerLine, int] | None:
        """The caller talks over a long reply: the line and the mood change, if scripted."""
        rule = self.turn.cut_in or self.scenario.caller.cut_in
        if rule is None or not rule.say:
            return None
        delta = self._scaled(rule.mood)
        self._state.mood = _clamp(self.mood + delta)
        return CallerLine(self.turn.id, self._pick(rule.say), cut_in=True), delta

    def cut_in_after(self) -> float | None:
        rule = self.turn.cut_in or self.scenario.caller.cut_in
        return None if rule is None else rule.after * self.level.patience

    def hold_patience(self) -> float:
        return self.scenario.hold.patience * self.level.patience

    def silence_patience(self) -> float:
        return self.scenario.caller.silence.after * self.level.patience

    def held_too_long(self) -> Step:
        """The trainee came back from a hold that outlasted the caller's patience."""
        rules = self.scenario.hold
        return self._change_mood(rules.too_long_mood, rules.too_long_say)

    def abandon(self) -> None:
        self._state.ended = "abandoned"

    # -- internals -----------------------------------------------------------
    def _silence(self) -> Step:
        state = self._state
        state.silent_in_a_row += 1
        silent = Reply(silent=True)
        for branch in self.turn.branches:
            if branch.when.silent and _holds(
                branch.when, silent, frozenset(), frozenset(), self.mood
            ):
                return self._follow(branch, frozenset(), frozenset())
        if state.silent_in_a_row >= MAX_SILENT_REPLIES:
            return self._end_with("hung_up", self.mood, ())
        rule = self.scenario.caller.silence
        return self._change_mood(rule.mood, rule.say)

    def _change_mood(self, change: int, say: Sequence[str]) -> Step:
        before = self.mood
        self._state.mood = _clamp(before + self._scaled(change))
        if self.mood >= self.scenario.mood.hang_up:
            return self._end_with("hung_up", before, ())
        lines = (CallerLine(self.turn.id, self._pick(say)),) if say else ()
        return Step(lines, before, self.mood)

    def _choose(self, reply: Reply, categories: frozenset[str], said: frozenset[str]) -> Branch:
        for branch in self.turn.branches:
            if _holds(branch.when, reply, categories, said, self.mood):
                return branch
        if self.turn.otherwise is not None:
            return self.turn.otherwise
        # A turn without a fallback repeats itself; the mood rises a little each time.
        return Branch(when=Condition(), next=self.turn.id, mood=5)

    def _follow(self, branch: Branch, categories: frozenset[str], said: frozenset[str]) -> Step:
        before = self.mood
        self._state.mood = _clamp(before + self._scaled(branch.mood))
        reaction = (CallerLine(self.turn.id, self._pick(branch.say)),) if branch.say else ()
        if self.mood >= self.scenario.mood.hang_up:
            return self._end_with("hung_up", before, reaction, categories, said)
        target = branch.next
        if target in self.scenario.endings:
            ending = self.scenario.endings[target]
            return self._end_at(ending.id, before, reaction, categories, said)
        self._state.turn = self.scenario.turn(target)
        line = CallerLine(self.turn.id, self._pick(self.turn.say))
        return Step((*reaction, line), before, self.mood, categories, said)

    def _end_with(
        self,
        outcome: Outcome,
        before: int,
        reaction: tuple[CallerLine, ...],
        categories: frozenset[str] = frozenset(),
        said: frozenset[str] = frozenset(),
    ) -> Step:
        ending = next((e for e in self.scenario.endings.values() if e.outcome == outcome), None)
        if ending is not None:
            return self._end_at(ending.id, before, reaction, categories, said)
        self._state.ended = outcome
        return Step(reaction, before, self.mood, categories, said, ended=outcome)

    def _end_at(
        self,
        ending_id: str,
        before: int,
        reaction: tuple[CallerLine, ...],
        categories: frozenset[str],
        said: frozenset[str],
    ) -> Step:
        ending = self.scenario.endings[ending_id]
        self._state.ended = ending.outcome
        last = (CallerLine(ending.id, self._pick(ending.say)),) if ending.say else ()
        return Step((*reaction, *last), before, self.mood, categories, said, ended=ending.outcome)

    def _scaled(self, change: int) -> int:
        factor = self.level.worsen if change > 0 else self.level.soothe
        return round(change * factor)

    def _pick(self, variants: Sequence[str]) -> str:
        line = variants[0] if len(variants) == 1 else self._rng.choice(list(variants))
        self._heard = line  # the caller's latest words: what a read-back repeats
        return line


def _holds(
    when: Condition,
    reply: Reply,
    categories: frozenset[str],
    said: frozenset[str],
    mood: int,
) -> bool:
    checks: Mapping[str, bool] = {
        "detected": all(c in categories for c in when.detected),
        "detected_any": not when.detected_any or any(c in categories for c in when.detected_any),
        "not_detected": not any(c in categories for c in when.not_detected),
        "said": all(k in said for k in when.said),
        "said_any": not when.said_any or any(k in said for k in when.said_any),
        "not_said": not any(k in said for k in when.not_said),
        "interrupted": when.interrupted is None or when.interrupted == reply.interrupted,
        "silent": when.silent is None or when.silent == reply.silent,
        "mood_at_least": when.mood_at_least is None or mood >= when.mood_at_least,
        "mood_below": when.mood_below is None or mood < when.mood_below,
    }
    return all(checks.values())


def _clamp(mood: int) -> int:
    return max(0, min(100, mood))
