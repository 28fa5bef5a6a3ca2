"""The caller's mind: which line comes next and how the mood moves.

Pure and timeless: it knows turns, branches, mood and the session's seed, but
nothing of clocks, audio or storage. ``CallSession`` puts it on a clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from scoring.readback import reads_back
from simulator.engine.conditions import Facts, holds
from simulator.engine.memory import expects_the_request, memory_phrases, names_category
from simulator.engine.wait_lines import default_wait_line
from simulator.scenario.model import Branch, Condition, Level, Outcome, Scenario, Turn

MAX_SILENT_REPLIES = 3  # the caller gives up and hangs up after this many in a row


class DetectionLike(Protocol):
    @property
    def categories(self) -> frozenset[str]: ...

    @property
    def key_phrases(self) -> frozenset[str]: ...

    @property
    def asks_to_wait(self) -> bool: ...


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
    at: float | None = None  # seconds into the call when the reply ended
    faster: bool | None = None  # measured rate above the caller's (None: not measured)


@dataclass(frozen=True)
class Step:
    """What the caller does after one reply."""

    lines: tuple[CallerLine, ...]
    mood_before: int
    mood_after: int
    categories: frozenset[str] = frozenset()
    key_phrases: frozenset[str] = frozenset()
    ended: Outcome | None = None
    waiting: bool = False  # the caller agreed to wait: the turn stays open


@dataclass
class _State:
    turn: Turn
    mood: int
    silent_in_a_row: int = 0
    ended: Outcome | None = None
    line: str | None = None  # the variant of the turn's line actually said
    held: float = 0.0  # seconds on hold since the turn's line
    said_count: dict[str, int] = field(default_factory=dict)  # turn id → lines said
    # The caller's memory: key phrases the trainee has said, and what happened so far.
    told: set[str] = field(default_factory=set)
    earlier: set[str] = field(default_factory=set)
    # A request to wait keeps the turn open (hold inside a turn): how many the caller
    # accepted on this turn, and what those replies said (they count with the answer).
    waits: int = 0
    pending: frozenset[str] = frozenset()
    pending_said: frozenset[str] = frozenset()


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
        self._memory_phrases = memory_phrases(scenario)
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

    @property
    def told(self) -> frozenset[str]:
        """Key phrases the trainee has said so far in the call (the caller's memory)."""
        return frozenset(self._state.told)

    @property
    def line(self) -> str | None:
        """The variant of the current turn's line the caller actually said."""
        return self._state.line

    @property
    def model_answer(self) -> str | None:
        """The model answer to the current turn's line, as it was actually said."""
        return self.turn.answer_for(self._state.line)

    def opening(self) -> CallerLine:
        return self._turn_line()

    # -- reactions -----------------------------------------------------------
    def respond(self, reply: Reply) -> Step:
        """The trainee finished a reply (or stayed silent) to the current turn."""
        if self.ended:
            raise RuntimeError("the call has ended")
        if reply.silent:
            return self._silence(reply.at)
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
        said = frozenset(detection.key_phrases)
        state = self._state
        state.told |= said | self._remembered(reply.text)
        facts = self._facts(reply, categories | state.pending, said | state.pending_said)
        state.earlier |= categories | ({"interruption"} if reply.interrupted else set())
        if detection.asks_to_wait:
            waited = self._maybe_wait(facts, categories, said)
            if waited is not None:
                return waited
        return self._follow(self._choose(facts), facts.categories, facts.said)

    @property
    def waiting(self) -> bool:
        """The caller agreed to wait and the turn's question is still open."""
        return self._state.waits > 0

    def note_hold(self, seconds: float) -> None:
        """The caller was on hold for ``seconds`` (conditions on hold length use it)."""
        self._state.held += max(0.0, seconds)
        self._state.earlier.add("held")

    def cut_in(self) -> tuple[CallerLine, int] | None:
        """The caller talks over a long reply: the line and the mood change, if scripted."""
        rule = self.turn.cut_in or self.scenario.caller.cut_in
        if rule is None or not rule.say:
            return None
        delta = self._scaled(rule.mood)
        self._state.mood = _clamp(self.mood + delta)
        self._state.earlier.add("cut_in")
        return CallerLine(self.turn.id, self._pick(rule.say), cut_in=True), delta

    def cut_in_after(self) -> float | None:
        rule = self.turn.cut_in or self.scenario.caller.cut_in
        return None if rule is None else rule.after * self.level.patience

    def hold_patience(self) -> float:
        return self.scenario.hold.patience * self.level.patience

    def silence_patience(self) -> float:
        """How long the caller stays quiet before reacting: a caller who agreed to wait
        gives the trainee as long as a hold (looking it up without pressing hold); back
        from a hold, the usual patience."""
        after = self.scenario.caller.silence.after
        if self.waiting and self._state.held == 0:
            after = max(after, self.scenario.hold.patience)
        return after * self.level.patience

    def held_too_long(self) -> Step:
        """The trainee came back from a hold that outlasted the caller's patience."""
        rules = self.scenario.hold
        self._state.earlier.add("hold_too_long")
        return self._change_mood(rules.too_long_mood, rules.too_long_say)

    def abandon(self) -> None:
        self._state.ended = "abandoned"

    # -- internals -----------------------------------------------------------
    def _silence(self, reply_at: float | None) -> Step:
        state = self._state
        state.silent_in_a_row += 1
        facts = self._facts(Reply(silent=True, at=reply_at), frozenset(), frozenset())
        state.earlier.add("silence")
        for branch in self.turn.branches:
            if branch.when.silent and holds(branch.when, facts):
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

    def _facts(self, reply: Reply, categories: frozenset[str], said: frozenset[str]) -> Facts:
        state = self._state
        return Facts(
            categories=categories,
            said=said,
            mood=self.mood,
            interrupted=reply.interrupted,
            silent=reply.silent,
            told=frozenset(state.told),
            earlier=frozenset(state.earlier),
            held=state.held,
            repeats=max(0, state.said_count.get(self.turn.id, 0) - 1),
            asked=frozenset(state.said_count),
            at=reply.at,
            faster=reply.faster,
        )

    def _remembered(self, text: str) -> frozenset[str]:
        """Facts other turns ask about (``told``/``unless_told``) found in this reply."""
        wanted = {n: a for n, a in self._memory_phrases.items() if n not in self._state.told}
        if not wanted:
            return frozenset()
        found = self._detect(text, self.scenario.language, key_phrases=wanted)
        return frozenset(found.key_phrases) & frozenset(wanted)

    def _maybe_wait(
        self, facts: Facts, categories: frozenset[str], said: frozenset[str]
    ) -> Step | None:
        """The reply asks the caller to wait. A branch written for that (naming the
        ``hold`` category) is taken; otherwise the caller agrees to wait — unless the
        reply already gave the turn's answer (a required key phrase), the caller has run
        out of patience for waits on this turn, or the turn expects the request as its
        reply (then the reply is judged as it is)."""
        turn, state = self.turn, self._state
        if expects_the_request(turn):
            return None
        allowed = turn.waits if turn.waits is not None else self.scenario.hold.waits
        if state.waits >= allowed:
            return None
        for branch in turn.branches:
            if names_category(branch.when, "hold") and holds(branch.when, facts):
                return self._follow(branch, facts.categories, facts.said)
        if any(k.name in said and not k.optional for k in turn.key_phrases):
            return None
        return self._wait(categories, said)

    def _wait(self, categories: frozenset[str], said: frozenset[str]) -> Step:
        state, rules = self._state, self.scenario.hold
        state.waits += 1
        state.pending |= categories
        state.pending_said |= said
        again = state.waits > 1
        before = self.mood
        state.mood = _clamp(before + self._scaled(rules.wait_again_mood if again else 0))
        if self.mood >= self.scenario.mood.hang_up:
            return self._end_with("hung_up", before, (), categories, said)
        variants = rules.wait_again_say if again else (self.turn.wait_say or rules.wait_say)
        text = (
            self._pick(variants, heard=False)
            if variants
            else default_wait_line(self.scenario.language, self.mood, again=again, rng=self._rng)
        )
        line = CallerLine(self.turn.id, text)
        return Step((line,), before, self.mood, categories, said, waiting=True)

    def _choose(self, facts: Facts) -> Branch:
        for branch in self.turn.branches:
            if holds(branch.when, facts):
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
        target = self._unless_told(branch.next)
        if target in self.scenario.endings:
            ending = self.scenario.endings[target]
            return self._end_at(ending.id, before, reaction, categories, said)
        self._state.turn = self.scenario.turn(target)
        return Step((*reaction, self._turn_line()), before, self.mood, categories, said)

    def _unless_told(self, target: str) -> str:
        """Where the call goes: a turn whose ``unless_told`` facts were all told already,
        or a ``once`` turn the caller has said before, is skipped (to ``skip_to``, else
        its ``otherwise``'s target)."""
        passed: set[str] = set()
        while target not in self.scenario.endings and target not in passed:
            turn = self.scenario.turn(target)
            onward = turn.skip_to or (turn.otherwise.next if turn.otherwise else None)
            if onward is None or not self._skips(turn):
                break
            passed.add(target)
            target = onward
        return target

    def _skips(self, turn: Turn) -> bool:
        state = self._state
        # A turn leading back to itself repeats its question on purpose.
        if turn.once and turn.id != self.turn.id and state.said_count.get(turn.id, 0) > 0:
            return True
        return bool(turn.unless_told) and all(name in state.told for name in turn.unless_told)

    def _turn_line(self) -> CallerLine:
        state = self._state
        state.line = self._pick(self.turn.say)
        state.held = 0.0
        state.waits, state.pending, state.pending_said = 0, frozenset(), frozenset()
        state.said_count[self.turn.id] = state.said_count.get(self.turn.id, 0) + 1
        return CallerLine(self.turn.id, state.line)

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

    def _pick(self, variants: Sequence[str], *, heard: bool = True) -> str:
        line = variants[0] if len(variants) == 1 else self._rng.choice(list(variants))
        if heard:  # the caller's latest words: what a read-back repeats (not 「はい」)
            self._heard = line
        return line


def _clamp(mood: int) -> int:
    return max(0, min(100, mood))
