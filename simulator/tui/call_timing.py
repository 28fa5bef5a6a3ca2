"""The time-keeping of a text-mode call, free of widgets so it is easy to test: how much
of a caller line is showing, when the trainee started typing, holds and silences."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.engine.call import Speech

HOLD_WARN_SECONDS = 30.0  # DOMAIN.md §10: 「少々」 means at most 30 s


def revealed_text(speech: Speech, now: float, language: str) -> str:
    """The part of ``speech`` said by ``now``: characters in proportion to the time
    spent; English is shown whole words at a time."""
    if now >= speech.end:
        return speech.text
    if now <= speech.start:
        return ""
    fraction = (now - speech.start) / (speech.end - speech.start)
    shown = speech.text[: int(len(speech.text) * fraction)]
    if language == "en":
        cut = shown.rfind(" ")
        shown = shown[: cut + 1] if cut >= 0 else ""
    return shown


@dataclass
class CallTiming:
    """Session-clock times the call screen keeps between engine steps."""

    speaking_until: float = 0.0  # end of the latest caller line
    quiet_since: float = 0.0  # since when the trainee owes an answer
    typing_since: float | None = None  # first keystroke of the reply being typed
    typed_over_caller: bool = False
    hold_since: float | None = None

    def caller_speaking(self, now: float) -> bool:
        return now < self.speaking_until

    def typed(self, now: float) -> None:
        """A keystroke; the first one of a reply is when the trainee started talking."""
        if self.typing_since is None:
            self.typing_since = now
            self.typed_over_caller = self.caller_speaking(now)

    def cleared(self) -> None:
        """The input was emptied (sent or deleted): nothing is being said."""
        self.typing_since = None
        self.typed_over_caller = False

    def reply_span(self, now: float) -> tuple[float, float]:
        start = now if self.typing_since is None else self.typing_since
        return start, max(start, now)

    def silence_due(self, now: float, patience: float) -> bool:
        """The caller has finished, the trainee has neither typed nor held for ``patience``."""
        if self.typing_since is not None or self.hold_since is not None:
            return False
        return now >= max(self.quiet_since, self.speaking_until) + patience

    def hold_seconds(self, now: float) -> float:
        return 0.0 if self.hold_since is None else max(0.0, now - self.hold_since)
