"""One call on a clock: places the caller's lines and the trainee's replies in time,
asks the ``Conversation`` what happens next and records everything as it happens.

All times are seconds from call start and are passed in by the driver (the replay
runner on a virtual clock, the TUI and voice mode on the monotonic clock), so the
same code runs headless in CI and live in the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from simulator.engine.conversation import CallerLine, Conversation, Detector, Reply, Step
from simulator.engine.pacing import (
    CALLER_PACE,
    TRAINEE_PACE,
    mood_pace_factor,
    speaking_seconds,
    speech_units,
)
from simulator.engine.record import SessionRecorder, SessionSink
from simulator.engine.session_header import session_header
from simulator.scenario.model import Outcome, Scenario
from simulator.scenario.version2 import personalise

# Seconds between the end of the trainee's reply and the caller's answer.
CALLER_RESPONSE_DELAY = 0.6
LINE_GAP = 0.3  # pause between two caller lines of one step

# How the caller takes a barge-in: stop (and protest), or talk over the trainee.
BargeInReaction = Literal["stop", "talk_over"]


@dataclass(frozen=True)
class Speech:
    """A caller line placed on the session clock."""

    index: int  # position in the session's utterances
    turn: str
    text: str
    start: float
    end: float
    mood: int
    cut_in: bool = False


class CallSession:
    def __init__(
        self,
        scenario: Scenario,
        *,
        mode: str,
        detector: Detector | None = None,
        level: int | None = None,
        seed: int | None = None,
        trainee: str | None = None,
        sinks: Sequence[SessionSink] = (),
    ) -> None:
        if detector is None:
            from scoring import detect

            detector = detect
        # The call says the trainee's name wherever the scenario writes {trainee}.
        scenario = personalise(scenario, trainee)
        self.scenario = scenario
        self.conversation = Conversation(scenario, detector, level=level, seed=seed)
        header = session_header(
            scenario, mode=mode, level=self.conversation.level_number, seed=seed, trainee=trainee
        )
        self.recorder = SessionRecorder(header, sinks)
        from scoring.card import record_rubric

        self.thresholds = record_rubric(self.recorder.record).thresholds
        self.scorecard: dict[str, Any] | None = None

    # -- state ---------------------------------------------------------------
    @property
    def mood(self) -> int:
        return self.conversation.mood

    @property
    def outcome(self) -> Outcome | None:
        return self.conversation.ended

    @property
    def record(self) -> dict[str, Any]:
        return self.recorder.record

    def spoken_seconds(self, text: str) -> float:
        """How long the trainee would take to say ``text`` at a normal pace."""
        return speaking_seconds(text, self.scenario.language, TRAINEE_PACE[self.scenario.language])

    # -- the call ------------------------------------------------------------
    def start(self, t: float = 0.0) -> list[Speech]:
        self.recorder.add_event(t, "mood", value=self.mood)
        return self._speak([self.conversation.opening()], t)

    def reply(
        self,
        text: str,
        start: float,
        end: float,
        *,
        spoken_seconds: float | None = None,
        extra: dict[str, Any] | None = None,
        answer_after: float | None = None,
    ) -> list[Speech]:
        """The trainee said ``text`` from ``start`` to ``end``. ``spoken_seconds`` is how
        long it takes to say; ``answer_after``: the caller cannot answer before then
        (text mode: the reply was sent then, whatever its speaking time)."""
        turn = self.conversation.turn.id
        interrupted = self._interrupts(text, _r(start), _r(end))  # as recorded
        self.recorder.add_utterance(
            {"speaker": "trainee", "turn": turn, "start": _r(start), "end": _r(end), "text": text}
            | (extra or {})
        )
        if interrupted:
            self.recorder.add_event(start, "interruption", turn=turn)
        speeches = self._cut_in_if_too_long(start, spoken_seconds or (end - start))
        after = max(end, answer_after or end, *(s.end for s in speeches))
        faster = self._faster_than_caller(text, start, end) if spoken_seconds is None else None
        reply = Reply(text=text, interrupted=interrupted, at=_r(end), faster=faster)
        step = self.conversation.respond(reply)
        return speeches + self._apply(step, after, turn)

    def silence(self, t: float) -> list[Speech]:
        """The trainee has said nothing; at ``t`` the caller reacts to the silence."""
        turn = self.conversation.turn.id
        self.recorder.add_event(t, "silence", turn=turn)
        step = self.conversation.respond(Reply(silent=True, at=_r(t)))
        return self._apply(step, t - CALLER_RESPONSE_DELAY, turn)

    def hold(self, start: float, end: float, *, react: bool = True) -> list[Speech]:
        """The trainee put the caller on hold from ``start`` to ``end``; with ``react``
        a caller kept waiting past their patience reacts when the trainee is back."""
        turn = self.conversation.turn.id
        self.recorder.add_event(start, "hold_start", turn=turn)
        self.recorder.add_event(end, "hold_end", duration=_r(end - start), turn=turn)
        self.conversation.note_hold(end - start)
        if not react or end - start <= self.conversation.hold_patience():
            return []
        step = self.conversation.held_too_long()
        return self._apply(step, end, self.conversation.turn.id)

    def barge_in_reaction(self, index: int) -> BargeInReaction:
        """What the caller does when the trainee talks over caller line ``index``, as
        the scenario says (DESIGN.md §3, §8).

        A cut-in line (the scenario's ``cut_in``: the caller talks over a trainee who
        has gone on too long) is the caller taking the floor on purpose: they talk
        over the trainee and do not give it back. On any other line the caller stops,
        hears the trainee out, and the reply is judged ``interrupted`` (DESIGN.md §7)
        — the turn's ``interrupted: true`` branch is the protest ("Excuse me, I
        haven't finished."); a turn without one reacts through its other branches."""
        line = self.record["utterances"][index]
        return "talk_over" if line.get("cut_in") else "stop"

    def barge_in(
        self,
        index: int,
        onset: float,
        confirmed: float,
        *,
        stopped: float | None,
        planned_end: float | None = None,
        unsaid: Sequence[int] | None = None,
    ) -> list[int]:
        """The trainee talked over caller line ``index`` from ``onset``, confirmed at
        ``confirmed``; recorded as a ``barge_in`` event with the caller's reaction.

        ``stopped`` (None: the caller talks on) is when the line's audio really stopped.
        The line then ends there and keeps ``planned_end`` (the scorer judges the
        trainee against the line as it was meant to be, DESIGN.md §7), and the lines
        of the step not said yet (``unsaid``; by default the caller lines planned to
        start after the stop) are dropped: ``dropped: true``, both times at the stop,
        listed in the event. Returns their indices.

        Why dropped and not resumed after the protest: the step that planned them
        already moved the call to their turn, and the reply being spoken is judged
        against that turn; the engine's answer to it (the protest of the turn's
        ``interrupted`` branch, then the line of the turn it leads to) comes next.
        Said after the protest, they would ask a question the conversation has left
        behind, and then the caller would ask the next one. As on a real call, talking
        over the caller costs the trainee what the caller still had to say; the
        record keeps it (``dropped`` lines, listed in the event)."""
        line = self.record["utterances"][index]
        event: dict[str, Any] = {"turn": line["turn"], "onset": _r(onset)}
        if stopped is None:
            self.recorder.add_event(confirmed, "barge_in", reaction="talk_over", **event)
            return []
        dropped = list(unsaid) if unsaid is not None else self._planned_after(index, stopped)
        if dropped:
            event["dropped"] = dropped
        self.recorder.add_event(confirmed, "barge_in", reaction="stop", **event)
        for i in dropped:
            self.recorder.update_utterance(i, start=_r(stopped), end=_r(stopped), dropped=True)
        self._cut_line(index, stopped, line["end"] if planned_end is None else planned_end)
        return dropped

    def abandon(self, t: float) -> None:
        if self.outcome is not None:
            return
        self.conversation.abandon()
        self._finish(t)

    # -- caller lines as they are really said (CallLoop) ------------------------
    def line_said(self, speech: Speech, start: float, end: float) -> Speech:
        """``speech`` is said from ``start`` to ``end`` (later than planned, or as the
        speaker really played it): the record follows."""
        if (speech.start, speech.end) != (_r(start), _r(end)):
            self.recorder.update_utterance(speech.index, start=_r(start), end=_r(end))
        return replace(speech, start=start, end=end)

    def line_ended(self, index: int, end: float) -> None:
        """A line the speaker finished at ``end`` (not cut)."""
        if self.record["utterances"][index]["end"] != _r(end):
            self.recorder.update_utterance(index, end=_r(end))

    def cut_for_hold(self, speech: Speech, at: float) -> str:
        """A hold at ``at`` stops ``speech`` mid-line: the record keeps what was said
        (``held: true``); returns the rest, said when the trainee is back."""
        said, rest = split_said(speech, at, self.scenario.language)
        self.recorder.update_utterance(speech.index, end=_r(at), text=said, held=True)
        return rest

    def resume_line(self, speech: Speech, rest: str, t: float) -> Speech:
        """The rest of a line a hold cut, said from ``t`` (``resumes`` names the line)."""
        duration = speech.end - speech.start
        whole = max(len(speech.text), 1)
        length = max(0.4, duration * len(rest) / whole)
        utterance = {
            "speaker": "customer",
            "turn": speech.turn,
            "start": _r(t),
            "end": _r(t + length),
            "text": rest,
            "resumes": speech.index,
        }
        index = self.recorder.add_utterance(utterance)
        return Speech(index, speech.turn, rest, t, t + length, speech.mood)

    def add_event(self, t: float, kind: str, **data: Any) -> None:
        self.recorder.add_event(t, kind, **data)

    # -- internals -----------------------------------------------------------
    def _planned_after(self, index: int, t: float) -> list[int]:
        later = enumerate(self.record["utterances"][index + 1 :], index + 1)
        return [i for i, u in later if _said(u) and u["start"] >= t]

    def _cut_line(self, index: int, stopped: float, planned_end: float) -> None:
        line = self.record["utterances"][index]
        if "planned_end" in line or stopped >= planned_end:
            return  # cut before, or it had finished anyway
        self.recorder.update_utterance(index, end=_r(stopped), planned_end=_r(planned_end))

    def _interrupts(self, text: str, start: float, end: float) -> bool:
        """The scorer's rule (scoring.overlap), with the rubric's thresholds, on the
        caller lines said so far: the engine and the score card always agree."""
        from scoring.overlap import classify_overlap, line_spoken_at, reply_is_aizuchi_only

        lines = [_Line.of(u) for u in self.record["utterances"] if _said(u)]
        line = line_spoken_at(lines, start)
        if line is None:
            return False
        aizuchi = reply_is_aizuchi_only(text, self.scenario.language)
        judged = classify_overlap(line, start, end, self.thresholds, aizuchi_only=aizuchi)
        return judged.kind == "interruption"

    def _cut_in_if_too_long(self, start: float, talk: float) -> list[Speech]:
        limit = self.conversation.cut_in_after()
        if limit is None or talk <= limit:
            return []
        cut = self.conversation.cut_in()
        if cut is None:
            return []
        line, _change = cut
        at = start + limit
        self.recorder.add_event(at, "cut_in", turn=line.turn)
        self.recorder.add_event(at, "mood", value=self.mood)
        return self._speak([line], at)

    def _apply(self, step: Step, after: float, turn: str) -> list[Speech]:
        at = after + CALLER_RESPONSE_DELAY
        if step.waiting:  # asked to wait, the caller waits: the turn's question stays open
            self.recorder.add_event(after, "wait", turn=turn)
        if step.mood_after != step.mood_before:
            self.recorder.add_event(after, "mood", value=step.mood_after, turn=turn)
        speeches = self._speak(list(step.lines), at) if step.lines else []
        if step.ended:
            self._finish(speeches[-1].end if speeches else at)
        return speeches

    def _caller_pace(self) -> float:
        """The caller's speaking rate now (mora/s or words/min): faster when angrier."""
        caller = self.scenario.caller
        base_pace = caller.pace or CALLER_PACE[self.scenario.language][caller.type]
        return base_pace * mood_pace_factor(self.mood)

    def _faster_than_caller(self, text: str, start: float, end: float) -> bool | None:
        """A spoken reply's measured rate against the caller's (None: too short to tell)."""
        units = speech_units(text, self.scenario.language)
        if end - start < 0.5 or units <= 0:
            return None
        per_second = units / (end - start)
        rate = per_second if self.scenario.language == "ja" else per_second * 60.0
        return rate > self._caller_pace()

    def _speak(self, lines: list[CallerLine], t: float) -> list[Speech]:
        speeches = []
        pace = self._caller_pace()
        for line in lines:
            duration = speaking_seconds(line.text, self.scenario.language, pace)
            utterance = {
                "speaker": "customer",
                "turn": line.turn,
                "start": _r(t),
                "end": _r(t + duration),
                "text": line.text,
            }
            if line.cut_in:
                utterance["cut_in"] = True
            index = self.recorder.add_utterance(utterance)
            speeches.append(
                Speech(index, line.turn, line.text, t, t + duration, self.mood, line.cut_in)
            )
            t += duration + LINE_GAP
        return speeches

    def _finish(self, t: float) -> None:
        outcome = self.conversation.ended or "abandoned"
        self.recorder.add_event(t, "end", outcome=outcome)
        self.record["outcome"] = outcome
        self.scorecard = self._score()
        self.recorder.finish(outcome, self.scorecard)

    def _score(self) -> dict[str, Any]:
        from scoring import score_session

        return score_session(self.record)


@dataclass(frozen=True)
class _Line:
    """A caller utterance of the record as scoring.overlap reads it."""

    start: float
    end: float
    planned_end: float | None

    @classmethod
    def of(cls, utterance: dict[str, Any]) -> _Line:
        return cls(utterance["start"], utterance["end"], utterance.get("planned_end"))


def split_said(speech: Speech, at: float, language: str) -> tuple[str, str]:
    """(said, rest) of ``speech`` stopped at ``at``: characters in proportion to the time
    spent, English cut at a word boundary (as the text-mode transcript reveals it)."""
    span = speech.end - speech.start
    fraction = 1.0 if span <= 0 else min(1.0, max(0.0, (at - speech.start) / span))
    cut = int(len(speech.text) * fraction)
    if language == "en" and 0 < cut < len(speech.text):
        space = speech.text.rfind(" ", 0, cut + 1)
        cut = space + 1 if space >= 0 else 0
    return speech.text[:cut], speech.text[cut:]


def _said(utterance: dict[str, Any]) -> bool:
    return utterance["speaker"] == "customer" and not utterance.get("dropped")


def _r(t: float) -> float:
    return round(t, 3)
