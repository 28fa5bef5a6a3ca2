"""The one call loop of text, voice and replay: what the caller still has to say, what
was said (and cut), the trainee's replies, holds, silence prompts, the time limit and
the end of the call — on one clock, driven by a few events.

The loop knows no widgets, audio or threads. Its adapters only translate: the text
screen (keystrokes and a timer), the voice call (speaker and microphone) and replay
(a file of replies on a virtual clock) call ``start``, ``tick(now)``,
``trainee_started``/``trainee_replied``, ``hold``/``unhold``, ``barge_in`` and
``abandon``; the voice call also reports ``caller_line_started``/``finished`` as
its speaker really plays them (``live_caller``), while for text and replay the loop
says each line on the clock as planned. What happened comes back through
``take_events()`` for the screen to draw.

Call it from one thread at a time (the adapters run it on one engine worker): every
step may write to the database through the session's sinks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from simulator.engine.session import LINE_GAP, CallSession, Speech
from simulator.scenario.model import Outcome


@dataclass(frozen=True)
class LineStarted:
    speech: Speech  # with the times it is really said


@dataclass(frozen=True)
class LineFinished:
    speech: Speech
    at: float
    cut: bool  # stopped early (a hold or a barge-in)


@dataclass(frozen=True)
class MoodChanged:
    mood: int


@dataclass(frozen=True)
class CallerWaiting:
    """The caller agreed to wait for the answer (True), or the wait is over (False)."""

    waiting: bool


@dataclass(frozen=True)
class CallEnded:
    outcome: str
    timed_out: bool


LoopEvent = LineStarted | LineFinished | MoodChanged | CallerWaiting | CallEnded


class CallLoop:
    def __init__(
        self,
        session: CallSession,
        *,
        time_limit: float | None = None,
        live_caller: bool = False,
    ) -> None:
        self.session = session
        self.time_limit = time_limit
        self.live_caller = live_caller
        self.timed_out = False
        self._queue: deque[Speech] = deque()  # waiting to be said
        self._current: Speech | None = None  # being said
        self._said_until = 0.0  # end of the latest line said
        self._quiet_since = 0.0  # the trainee owes an answer since then
        self._hold_since: float | None = None
        self._hold_ended = 0.0
        self._held: tuple[Speech, str] | None = None  # a line a hold cut, and its rest
        self._composing_since: float | None = None
        self._reply_until = 0.0  # end of the latest reply as it would be spoken
        self._events: list[LoopEvent] = []
        self._mood = session.mood
        self._waiting = False
        self._end_sent = False

    # -- state ---------------------------------------------------------------
    @property
    def outcome(self) -> Outcome | None:
        return self.session.outcome

    @property
    def mood(self) -> int:
        return self.session.mood

    @property
    def hold_since(self) -> float | None:
        return self._hold_since

    @property
    def caller_waiting(self) -> bool:
        """The caller agreed to wait (「少々お待ちください」) for the answer to their question."""
        return self.session.conversation.waiting and self.outcome is None

    @property
    def all_said(self) -> bool:
        """No caller line is being said or waiting."""
        return self._current is None and not self._queue

    @property
    def caller_free_at(self) -> float:
        """When the caller will have said everything planned so far (each waiting line
        starts once the one before it has been said, as ``tick`` says them)."""
        end = self._said_until
        if self._current is not None:
            end = max(end, self._current.end)
        for speech in self._queue:
            start = max(speech.start, end + LINE_GAP) if end > 0 else speech.start
            end = start + (speech.end - speech.start)
        return end

    @property
    def replies_from(self) -> float:
        """Replay: when the trainee's next reply is placed from — the caller's last
        planned words, or the end of the latest hold if that came later (the answer
        after a hold comes after it)."""
        return max(self.caller_free_at, self._hold_ended)

    def caller_speaking(self, t: float) -> bool:
        current = self._current
        return current is not None and current.start <= t < current.end

    def trainee_speaking(self, t: float) -> bool:
        """A sent text reply is still being "said" (its speaking time runs past the
        moment it was sent, e.g. a pasted sentence): the caller waits for its end."""
        return t < self._reply_until

    def take_events(self) -> list[LoopEvent]:
        events, self._events = self._events, []
        return events

    def spoken_seconds(self, text: str) -> float:
        return self.session.spoken_seconds(text)

    # -- the call ------------------------------------------------------------
    def start(self, now: float) -> None:
        self._queue.extend(self.session.start(now))
        self._quiet_since = now
        self._after_step(now)

    def tick(self, now: float, *, speaking_from: float | None = None) -> None:
        """Everything due by ``now``, in time order: lines start and finish (text and
        replay), silence prompts, the time limit. ``speaking_from``: the trainee spoke
        from then, so no silence prompt at or after it (a tie goes to the trainee)."""
        for _ in range(1000):  # every action moves time or the queue on
            due = self.next_due()
            if due is None or due[0] > now:
                break
            if due[1] == self._silence and speaking_from is not None and due[0] >= speaking_from:
                break
            due[1](due[0])
        self._announce_end()

    def next_due(self) -> tuple[float, Callable[[float], None]] | None:
        """The next thing the clock will do, and when (None: nothing until an event)."""
        candidates: list[tuple[float, int, Callable[[float], None]]] = []
        if not self.live_caller:
            if self._current is not None:
                candidates.append((self._current.end, 0, self._finish_current))
            elif self._queue and self._hold_since is None:
                head = self._queue[0]
                candidates.append((max(head.start, self._line_floor()), 1, self._start_head))
        if self.outcome is None and self.time_limit is not None:
            candidates.append((self.time_limit, 2, self._time_up))
        silence_at = self._silence_due()
        if silence_at is not None:
            candidates.append((silence_at, 3, self._silence))
        if not candidates:
            return None
        at, _, action = min(candidates, key=lambda c: (c[0], c[1]))
        return at, action

    # -- the caller (live: reported by the speaker) ------------------------------
    def next_line(self) -> Speech | None:
        """Live: the line the speaker should play next (None: nothing, or on hold)."""
        if self._hold_since is not None or self._current is not None or not self._queue:
            return None
        return self._queue[0]

    def caller_line_started(self, index: int, at: float, duration: float) -> None:
        if not self._queue or self._queue[0].index != index:
            return  # dropped meanwhile (a barge-in or the end of the call)
        head = self._queue.popleft()
        self._current = self.session.line_said(head, at, at + duration)
        self._events.append(LineStarted(self._current))

    def caller_line_finished(self, index: int, at: float) -> None:
        current = self._current
        if current is None or current.index != index:
            return  # cut by a hold or a barge-in: recorded then
        self.session.line_ended(index, at)
        self._finish(current, at, cut=False)
        self._announce_end()

    # -- the trainee -------------------------------------------------------------
    def trainee_started(self, at: float) -> bool:
        """The trainee began a reply (a keystroke, an IME composition, speech).
        Returns True when it began over the caller."""
        if self._composing_since is None:
            self._composing_since = at
        return self.caller_speaking(at)

    def trainee_stopped(self) -> None:
        """The reply being composed was abandoned (the input emptied)."""
        self._composing_since = None

    def trainee_replied(
        self,
        text: str,
        start: float,
        end: float,
        *,
        answer_after: float | None = None,
        spoken_seconds: float | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """A finished reply from ``start`` to ``end``; the caller answers after ``end``
        or ``answer_after`` (text: when it was sent), whichever is later."""
        self.tick(start if answer_after is None else answer_after, speaking_from=start)
        self._composing_since = None
        if self.outcome is not None or self._hold_since is not None:
            return
        speeches = self.session.reply(
            text,
            start,
            end,
            spoken_seconds=spoken_seconds,
            extra=extra,
            answer_after=answer_after,
        )
        self._queue.extend(speeches)
        self._quiet_since = max(self._quiet_since, end, answer_after or end)
        self._reply_until = max(self._reply_until, end)
        self._after_step(end)

    def note(self, at: float, kind: str, **data: Any) -> None:
        """An event for the record (a hint shown)."""
        self.session.add_event(at, kind, **data)

    # -- holds -------------------------------------------------------------------
    def hold(self, at: float) -> None:
        """The caller is put on hold: a line being said stops here; its rest and the
        lines waiting are said when the trainee is back."""
        self.tick(at)
        if self._hold_since is not None or self.outcome is not None:
            return
        self._hold_since = at
        self._composing_since = None
        current = self._current
        if current is not None and current.start <= at < current.end:
            rest = self.session.cut_for_hold(current, at)
            self._held = (current, rest) if rest.strip() else None
            self._finish(current, at, cut=True)

    def unhold(self, at: float) -> None:
        start = self._hold_since
        if start is None:
            return
        self.tick(at)
        if self._hold_since is None:  # the time limit ended the call meanwhile
            return
        self._hold_since = None
        self._hold_ended = at
        reaction = self.session.hold(start, at)
        if self.outcome is not None:  # kept waiting too long, the caller hangs up
            self._queue.clear()
        lines = list(reaction)
        held, self._held = self._held, None
        if held is not None and self.outcome is None:
            speech, rest = held
            lines.append(self.session.resume_line(speech, rest, at + LINE_GAP))
        self._queue.extendleft(reversed(lines))
        self._quiet_since = max(self._quiet_since, at)
        self._after_step(at)

    # -- barge-in ----------------------------------------------------------------
    def line_at(self, t: float) -> Speech | None:
        """The line being said at ``t``."""
        current = self._current
        return current if current is not None and current.start <= t < current.end else None

    def caller_stops_for(self, speech: Speech) -> bool:
        """Whether the caller stops when talked over (not on a scripted cut-in line)."""
        return self.session.barge_in_reaction(speech.index) == "stop"

    def barge_in(
        self,
        onset: float,
        confirmed: float,
        *,
        stopped: float | None,
        planned_end: float | None = None,
    ) -> None:
        """The trainee talked over the line being said from ``onset`` (confirmed at
        ``confirmed``). ``stopped``: when the caller really fell silent (None: they
        talk on). A caller who stops drops the rest of the step (CallSession.barge_in)."""
        current = self._current
        if current is None or self.outcome is not None:
            return
        unsaid = [s.index for s in self._queue] if stopped is not None else None
        self.session.barge_in(
            current.index,
            onset,
            confirmed,
            stopped=stopped,
            planned_end=planned_end,
            unsaid=unsaid,
        )
        if stopped is not None:
            self._queue.clear()
            self._finish(current, stopped, cut=True)

    # -- the end ---------------------------------------------------------------
    def abandon(self, at: float) -> None:
        if self.outcome is None:
            if self._hold_since is not None:
                self.session.hold(self._hold_since, at, react=False)
                self._hold_since = None
            self._queue.clear()
            self.session.abandon(at)
        self._announce_end()

    # -- internals -------------------------------------------------------------
    def _line_floor(self) -> float:
        return self._said_until + LINE_GAP if self._said_until > 0 else 0.0

    def _start_head(self, at: float) -> None:
        head = self._queue.popleft()
        self._current = self.session.line_said(head, at, at + (head.end - head.start))
        self._events.append(LineStarted(self._current))

    def _finish_current(self, at: float) -> None:
        if self._current is not None:
            self._finish(self._current, at, cut=False)

    def _finish(self, speech: Speech, at: float, *, cut: bool) -> None:
        self._current = None
        self._said_until = max(self._said_until, at)
        self._quiet_since = max(self._quiet_since, at)
        self._events.append(LineFinished(speech, at, cut))
        self._announce_waiting()

    def _silence_due(self) -> float | None:
        busy = self._current is not None or self._queue or self._composing_since is not None
        if self.outcome is not None or busy or self._hold_since is not None:
            return None
        patience = self.session.conversation.silence_patience()
        return max(self._quiet_since, self._said_until) + patience

    def _silence(self, at: float) -> None:
        self._queue.extend(self.session.silence(at))
        self._quiet_since = at
        self._after_step(at)

    def _time_up(self, at: float) -> None:
        """The drill's time limit: the call ends now (a hold is cut off; lines not said
        yet are not said)."""
        self.timed_out = True
        if self._hold_since is not None:
            self.session.hold(self._hold_since, at, react=False)
            self._hold_since = None
        self.session.add_event(at, "time_up", limit=self.time_limit)
        self._queue.clear()
        self.session.abandon(at)

    def _after_step(self, at: float) -> None:
        if self.mood != self._mood:
            self._mood = self.mood
            self._events.append(MoodChanged(self.mood))
        self._announce_waiting()
        self._announce_end()

    def _announce_waiting(self) -> None:
        """CallerWaiting once the caller has said everything after agreeing to wait (their
        「はい、お願いします」), and again when the wait is over."""
        waiting = self.caller_waiting and self.all_said
        if waiting != self._waiting and (waiting or not self.caller_waiting):
            self._waiting = waiting
            self._events.append(CallerWaiting(waiting))

    def _announce_end(self) -> None:
        if self.outcome is not None and not self._end_sent:
            self._end_sent = True
            self._events.append(CallEnded(self.outcome, self.timed_out))
