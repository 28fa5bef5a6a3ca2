"""Key phrases a turn names only to make things worse (the scorer's
``avoid_phrases``; the validator's lint reads them too)."""

from __future__ import annotations

from simulator.scenario.model import Branch, Turn


def _branches(turn: Turn) -> list[Branch]:
    return [*turn.branches, *([turn.otherwise] if turn.otherwise else [])]


def avoid_phrases(turn: Turn) -> dict[str, list[str]]:
    """Key phrases that only make things worse: named (``said``/``said_any``) in
    branches that raise the mood, and never in a branch that keeps or lowers it nor
    required by a worsening branch's ``not_said``. Name → the phrase's alternatives;
    the scorer takes points for saying them and does not expect them back."""
    worse: set[str] = set()
    fine: set[str] = set()
    for branch in _branches(turn):
        named = {*branch.when.said, *branch.when.said_any}
        if branch.mood > 0:
            worse |= named
            fine |= set(branch.when.not_said)  # leaving it out makes things worse
        else:
            fine |= named
    alternatives = {phrase.name: list(phrase.alternatives) for phrase in turn.key_phrases}
    return {name: alternatives[name] for name in sorted(worse - fine) if name in alternatives}
