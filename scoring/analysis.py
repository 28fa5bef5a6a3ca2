"""Everything measured about one session, computed once: the facts that rubric
checks score and feedback describes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring import timing
from scoring.detect import KEY_PHRASE, PhraseHit, scan
from scoring.lexicon import PUBLIC_CATEGORIES
from scoring.overlap import is_aizuchi_only
from scoring.rate import speech_rate
from scoring.readback import reads_back
from scoring.record import Session, Utterance
from scoring.text import fold_en, fold_ja


@dataclass
class Facts:
    session: Session
    thresholds: Any  # scoring.thresholds.Thresholds
    hits: dict[int, list[PhraseHit]] = field(default_factory=dict)  # trainee utterance → hits
    # trainee utterance → (position in the guide's `avoid`, hit)
    avoid_hits: dict[int, list[tuple[int, PhraseHit]]] = field(default_factory=dict)
    key_hits: dict[int, list[tuple[str, PhraseHit]]] = field(default_factory=dict)
    interruptions: list[dict[str, Any]] = field(default_factory=list)
    overlaps: list[dict[str, Any]] = field(default_factory=list)
    cut_ins: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] | None = None
    silences: list[dict[str, Any]] | None = None
    rate: dict[str, Any] | None = None
    talk_ratio: float | None = None
    fillers_per_min: float | None = None
    monotone: list[dict[str, Any]] = field(default_factory=list)
    early: dict[str, Any] = field(default_factory=dict)

    @property
    def trainee(self) -> list[Utterance]:
        return self.session.by("trainee")

    def utterance(self, index: int) -> Utterance:
        return self.session.utterances[index]

    def avoided(self, index: int) -> list[PhraseHit]:
        """Hits of the turn's ``avoid_phrases`` in a trainee utterance."""
        spec = self.turn_guide(self.utterance(index).turn)
        names = phrase_map(spec, "avoid_phrases")
        return [hit for name, hit in self.key_hits.get(index, []) if name in names]

    def categories(self, index: int) -> set[str]:
        return {hit.category for hit in self.hits.get(index, [])}

    def found(self, category: str) -> list[tuple[int, PhraseHit]]:
        return [(i, h) for i, hits in self.hits.items() for h in hits if h.category == category]

    def turn_guide(self, turn: str | None) -> Mapping[str, Any]:
        turns = self.session.guide.get("turns")
        if not isinstance(turns, Mapping) or turn is None:
            return {}
        spec = turns.get(turn)
        return spec if isinstance(spec, Mapping) else {}


def phrase_map(spec: Mapping[str, Any], field_name: str) -> dict[str, Sequence[str]]:
    """A turn's ``key_phrases`` (facts to say back) or ``avoid_phrases`` (scenario
    phrases that make things worse): name → alternatives."""
    raw = spec.get(field_name)
    if not isinstance(raw, Mapping):
        return {}
    return {str(k): [str(a) for a in v] for k, v in raw.items() if isinstance(v, list)}


def expected_keys(spec: Mapping[str, Any]) -> list[str]:
    """Key phrases the trainee should say: those not also listed to avoid, nor optional."""
    skip = {*phrase_map(spec, "avoid_phrases"), *optional_keys(spec)}
    return [name for name in phrase_map(spec, "key_phrases") if name not in skip]


def optional_keys(spec: Mapping[str, Any]) -> list[str]:
    """Key phrases that earn credit when said and cost nothing when not (format /2)."""
    raw = spec.get("optional_key_phrases")
    names = phrase_map(spec, "key_phrases")
    return [str(n) for n in raw if str(n) in names] if isinstance(raw, list) else []


@dataclass(frozen=True)
class ScenarioAvoid:
    """A phrase the scenario says to avoid (guide ``avoid``, format /2)."""

    alternatives: tuple[str, ...]
    cost: float  # fraction of the NG-phrase item per utterance
    note: str


# Scenario-wide avoid phrases share the detector's key-phrase scan under these names.
AVOID_PREFIX = "scenario-avoid#"


def scenario_avoid(session: Session) -> list[ScenarioAvoid]:
    raw = session.guide.get("avoid")
    found = []
    for item in raw if isinstance(raw, list) else ():
        alternatives = item.get("alternatives") if isinstance(item, Mapping) else None
        if not isinstance(alternatives, list) or not alternatives:
            continue
        cost = item.get("cost", 50)
        cost = cost if isinstance(cost, int | float) and not isinstance(cost, bool) else 50
        note = item.get("note")
        found.append(
            ScenarioAvoid(
                tuple(str(a) for a in alternatives),
                min(max(float(cost), 0.0), 100.0) / 100,
                note if isinstance(note, str) else "",
            )
        )
    return found


def _forbidden(session: Session) -> list[str]:
    raw = session.guide.get("forbidden_promises")
    return [str(p) for p in raw] if isinstance(raw, list) else []


def _offers(session: Session) -> list[str]:
    raw = session.guide.get("allowed_offers")
    return [str(p) for p in raw] if isinstance(raw, list) else []


def _detect_all(facts: Facts) -> None:
    session = facts.session
    forbidden, offers = _forbidden(session), _offers(session)
    heard = _caller_line_before(session)
    everywhere = {
        f"{AVOID_PREFIX}{n}": list(a.alternatives) for n, a in enumerate(scenario_avoid(session))
    }
    for utterance in facts.trainee:
        spec = facts.turn_guide(utterance.turn)
        keys = {
            **phrase_map(spec, "key_phrases"),
            **phrase_map(spec, "avoid_phrases"),
            **everywhere,
        }
        found = scan(
            utterance.text,
            session.language,
            key_phrases=keys,
            forbidden_promises=forbidden,
            allowed_offers=offers,
        )
        facts.hits[utterance.index] = [h for h, _ in found if h.category != KEY_PHRASE]
        _add_read_back(facts, utterance, heard.get(utterance.index, ""))
        keyed = [(n, h) for h, n in found if h.category == KEY_PHRASE]
        facts.key_hits[utterance.index] = [(n, h) for n, h in keyed if n not in everywhere]
        facts.avoid_hits[utterance.index] = [
            (int(n.removeprefix(AVOID_PREFIX)), h) for n, h in keyed if n in everywhere
        ]


def _caller_line_before(session: Session) -> dict[int, str]:
    """Trainee utterance index → the caller's latest line before it (one pass)."""
    last, before = "", {}
    for utterance in session.utterances:
        if utterance.speaker == "customer":
            last = utterance.text
        else:
            before[utterance.index] = last
    return before


def _add_read_back(facts: Facts, utterance: Utterance, caller_line: str) -> None:
    """The engine counts a read-back of the caller's latest line as confirmation
    (scoring.readback); so does the card."""
    hits = facts.hits[utterance.index]
    if any(h.category == "confirmation" for h in hits):
        return
    if reads_back(utterance.text, caller_line, facts.session.language):
        how = f"read-back of the caller's 「{caller_line}」"
        hits.append(PhraseHit("confirmation", utterance.text, 0, len(utterance.text), how))


def _fold(text: str, language: str) -> str:
    return fold_ja(text).text if language == "ja" else fold_en(text).text


def aizuchi_only(facts: Facts, utterance: Utterance) -> bool:
    """True when nothing but aizuchi (and fillers) was said: a backchannel."""
    hits = facts.hits.get(utterance.index, [])
    return is_aizuchi_only(utterance.text, hits, facts.session.language)


def _monotone(facts: Facts) -> list[dict[str, Any]]:
    """Runs of the same aizuchi, flagged once per run when it reaches the limit."""
    flagged = []
    previous, run = "", 0
    for index, hit in sorted(facts.found("aizuchi"), key=lambda x: (x[0], x[1].start)):
        key = _fold(hit.text, facts.session.language)
        run = run + 1 if key == previous else 1
        previous = key
        if run == facts.thresholds.monotone_run:
            flagged.append({"utterance": index, "text": hit.text, "run": run})
    return flagged


def _early(facts: Facts) -> dict[str, Any]:
    trainee = facts.trainee
    if not trainee:
        return {"found": False, "utterance": None}
    first_turn = trainee[0].turn
    window = facts.thresholds.early_window
    for utterance in trainee:
        in_scope = utterance.turn == first_turn or utterance.start <= window
        if in_scope and facts.categories(utterance.index) & {"empathy", "apology"}:
            return {"found": True, "utterance": utterance.index, "t": utterance.start}
    return {"found": False, "utterance": None}


def analyse(session: Session, thresholds: Any) -> Facts:
    facts = Facts(session, thresholds)
    _detect_all(facts)
    facts.interruptions, facts.overlaps = timing.overlaps(
        session, thresholds, lambda u: aizuchi_only(facts, u)
    )
    facts.cut_ins = timing.caller_cut_ins(session)
    facts.monotone = _monotone(facts)
    facts.early = _early(facts)
    if session.rate_measured:
        facts.rate = speech_rate(session, thresholds)
    if session.timed:
        facts.gaps = timing.response_gaps(session, thresholds)
        facts.silences = timing.silences(session, thresholds)
        facts.talk_ratio = timing.talk_ratio(session)
        minutes = timing.trainee_minutes(session)
        fillers = len(facts.found("filler"))
        facts.fillers_per_min = round(fillers / minutes, 2) if minutes > 0 else None
    return facts


def phrases_metric(facts: Facts) -> list[dict[str, Any]]:
    return [
        {"category": hit.category, "utterance": index, "text": hit.text}
        for index in sorted(facts.hits)
        for hit in facts.hits[index]
        if hit.category in PUBLIC_CATEGORIES
    ]
