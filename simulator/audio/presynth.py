"""Render every line a scenario can speak, ahead of time, in a background thread.

Lines: turn variants, branch and fallback reactions, endings, cut-ins, silence and
hold complaints. Prosodies: every mood level the caller can reach between calm
and hang-up. The first turn at the starting mood comes first so the call can
start at once; then everything at the starting mood; then the other levels,
nearest first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

from simulator.audio import AudioError
from simulator.audio.cache import CachedTTS
from simulator.audio.prosody import Prosody, mood_level, prosody_for
from simulator.scenario.model import Scenario


def scenario_lines(scenario: Scenario) -> list[str]:
    """Every distinct line the caller may say, in the order the call meets them."""
    caller = scenario.caller
    lines: list[str] = []
    for turn in scenario.turns:
        lines += turn.say
        for branch in (*turn.branches, *([turn.otherwise] if turn.otherwise else [])):
            lines += branch.say
        if turn.cut_in:
            lines += turn.cut_in.say
    for ending in scenario.endings.values():
        lines += ending.say
    if caller.cut_in:
        lines += caller.cut_in.say
    lines += caller.silence.say
    lines += scenario.hold.too_long_say
    return list(dict.fromkeys(line for line in lines if line.strip()))


def reachable_levels(scenario: Scenario, start_mood: int) -> list[int]:
    """Mood levels from 0 up to the hang-up mood, nearest to the start first."""
    top = max(0, min(100, scenario.mood.hang_up))
    levels = sorted({mood_level(m) for m in range(0, top + 1)} | {mood_level(start_mood)})
    return sorted(levels, key=lambda level: (abs(level - mood_level(start_mood)), level))


def render_plan(scenario: Scenario, start_mood: int) -> Iterator[tuple[str, Prosody]]:
    voice = scenario.caller.voice
    lines = scenario_lines(scenario)
    first = list(scenario.turns[0].say) if scenario.turns else []
    levels = reachable_levels(scenario, start_mood)
    yield from ((line, prosody_for(levels[0], voice)) for line in first)
    yield from ((line, prosody_for(levels[0], voice)) for line in lines if line not in first)
    for level in levels[1:]:
        yield from ((line, prosody_for(level, voice)) for line in lines)


@dataclass
class PresynthProgress:
    total: int = 0
    done: int = 0  # rendered now or already in the cache
    rendered: int = 0  # rendered now
    errors: list[str] = field(default_factory=list)


class Presynthesizer:
    """``start()`` renders in a daemon thread; ``cancel()`` stops after the current
    line; ``wait()`` joins. Progress is readable at any time."""

    def __init__(self, scenario: Scenario, tts: CachedTTS, start_mood: int | None = None) -> None:
        mood = scenario.mood.start if start_mood is None else start_mood
        self.plan = list(render_plan(scenario, mood))
        self.tts = tts
        self.progress = PresynthProgress(total=len(self.plan))
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name="presynth", daemon=True)

    def start(self) -> Presynthesizer:
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """True when the work is over (finished or cancelled)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def finished(self) -> bool:
        return self.progress.done == self.progress.total

    def run_here(self) -> PresynthProgress:
        """Render in the calling thread (the CLI's `say` and tests use this)."""
        self._run()
        return self.progress

    def _run(self) -> None:
        for text, prosody in self.plan:
            if self._cancel.is_set():
                return
            try:
                if not self.tts.is_cached(text, prosody):
                    self.tts.synthesize(text, prosody)
                    self.progress.rendered += 1
            except AudioError as error:
                self.progress.errors.append(f"{text[:30]}: {error}")
            self.progress.done += 1
