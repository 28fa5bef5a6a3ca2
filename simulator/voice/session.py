"""What live voice calls and ``wav:`` replay share: the turn's ASR hints and the
caller's reaction to a barge-in on the replay timeline (CallSession.barge_in decides
and records it for both).

A caller line cut short keeps its original end as ``planned_end`` (the scorer and
the interruption check judge the trainee against the line as it was meant to be).
"""

from __future__ import annotations

from simulator.engine.call import CallSession
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


def caller_line_at(session: CallSession, t: float) -> int | None:
    """Index of the caller utterance being spoken at ``t`` (planned timing)."""
    for index, utterance in enumerate(session.record["utterances"]):
        if utterance["speaker"] != "customer":
            continue
        end = utterance.get("planned_end", utterance["end"])
        if utterance["start"] <= t < end:
            return index
    return None


def apply_barge_in(session: CallSession, onset: float, confirmed: float) -> int | None:
    """The trainee talked over the caller from ``onset``; confirmed at ``confirmed``
    (the replay timeline: a caller who stops does so right then, like a live one a
    frame after the confirmation). Returns the talked-over utterance's index, or None
    when no caller line was playing at ``onset``."""
    index = caller_line_at(session, onset)
    if index is None:
        return None
    stopped = confirmed if session.barge_in_reaction(index) == "stop" else None
    session.barge_in(index, onset, confirmed, stopped=stopped)
    return index
