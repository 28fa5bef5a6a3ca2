"""What live voice calls and ``wav:`` replay share: the turn's ASR hints and the
caller's default reaction to a barge-in (stop talking at the confirmation time).

A caller line cut short keeps its original end as ``planned_end`` (the scorer and
the interruption check judge the trainee against the line as it was meant to be).
"""

from __future__ import annotations

from typing import Any

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
    phrases = [e.text for c in categories for e in lexicon.by_category(c)]
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
    (the replay timeline: the caller stops right then). Returns the cut utterance's
    index, or None when no caller line was playing at ``onset``."""
    index = caller_line_at(session, onset)
    if index is None:
        return None
    planned_end = session.record["utterances"][index]["end"]
    cut_caller_line(session, index, onset, confirmed, confirmed, planned_end)
    return index


def cut_caller_line(
    session: CallSession,
    index: int,
    onset: float,
    confirmed: float,
    stopped: float,
    planned_end: float,
) -> None:
    """Record a ``barge_in`` event at ``confirmed`` and end caller utterance ``index``
    at ``stopped`` (when its audio stopped), keeping ``planned_end``."""
    utterance: dict[str, Any] = session.record["utterances"][index]
    session.recorder.add_event(confirmed, "barge_in", turn=utterance["turn"], onset=round(onset, 3))
    if "planned_end" in utterance or stopped >= planned_end:
        return
    session.recorder.update_utterance(
        index, end=round(stopped, 3), planned_end=round(planned_end, 3)
    )
    if session.caller_free_at > stopped:
        session.caller_free_at = max(stopped, _later_lines_end(session, index))


def _later_lines_end(session: CallSession, index: int) -> float:
    later = [
        u["end"] for u in session.record["utterances"][index + 1 :] if u["speaker"] == "customer"
    ]
    return max(later, default=0.0)
