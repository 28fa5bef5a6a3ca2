"""The ASR hints of a turn: what the trainee is likely to say (live voice calls and
``wav:`` replay give them to the recogniser)."""

from __future__ import annotations

from simulator.scenario.model import Scenario, Turn

MAX_LEXICON_HINTS = 60  # keeps the per-turn language model small and fast to build


def turn_hints(scenario: Scenario, turn: Turn) -> list[str]:
    """Phrases the trainee is likely to say on ``turn``: the model answer, every key
    phrase alternative and the lexicon entries of the expected categories."""
    hints: list[str] = []
    if turn.model_answer:
        hints.append(turn.model_answer)
    for key in turn.key_phrases:
        hints.extend(key.alternatives)
    hints.extend(_lexicon_phrases(scenario.language, turn.expects))
    return list(dict.fromkeys(h for h in hints if h.strip()))


def _lexicon_phrases(language: str, categories: tuple[str, ...]) -> list[str]:
    try:
        from scoring.lexicon import load_lexicon

        lexicon = load_lexicon(language)
    except (ImportError, ValueError):  # no lexicon for the language: hints without it
        return []
    # Pattern entries' text describes a family of phrases; it is not something said.
    phrases = [e.text for c in categories for e in lexicon.by_category(c) if e.pattern is None]
    return phrases[:MAX_LEXICON_HINTS]
