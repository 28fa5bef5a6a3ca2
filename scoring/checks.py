"""Rubric checks. Each looks at the session's facts and returns the share of its
points earned with the utterances that prove it, or None when it does not apply
(no holds → no hold check). No evidence, no point: a check that cannot cite an
utterance for a good behaviour earns nothing for it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from scoring.analysis import Facts


@dataclass(frozen=True)
class Evidence:
    utterance: int
    text: str
    effect: str  # "+" point earned, "-" point lost
    note: str  # a stable key of what was seen (see scoring.feedback for wording)
    matched: str = ""  # how the phrase behind the note was recognised, when there is one


@dataclass(frozen=True)
class Result:
    fraction: float
    evidence: tuple[Evidence, ...]


Check = Callable[[Facts], Result | None]
CHECKS: dict[str, Check] = {}


def check(name: str) -> Callable[[Check], Check]:
    def register(function: Check) -> Check:
        CHECKS[name] = function
        return function

    return register


def _ev(facts: Facts, index: int, effect: str, note: str) -> Evidence:
    return Evidence(index, facts.utterance(index).text, effect, note, _matched(facts, index, note))


_NOTE_CATEGORY = {"early_empathy": "empathy", "early_apology": "apology"}


def _matched(facts: Facts, index: int, note: str) -> str:
    """Which lexicon entry, pattern or key phrase made ``note`` true (issue 10:
    every point says how it was recognised)."""
    key, _, detail = note.partition(":")
    if key in ("key", "avoid") and detail:
        return next((h.how for n, h in facts.key_hits.get(index, []) if n == detail), "")
    category = detail if key == "expected" else _NOTE_CATEGORY.get(key, key)
    return next((h.how for h in facts.hits.get(index, []) if h.category == category), "")


def _share(evidence: list[Evidence]) -> Result | None:
    """Earned share = good observations / all observations."""
    if not evidence:
        return None
    good = sum(1 for e in evidence if e.effect == "+")
    return Result(good / len(evidence), tuple(evidence))


@check("no_interruptions")
def no_interruptions(facts: Facts) -> Result | None:
    cut = {i["utterance"] for i in facts.interruptions if i["kind"] == "interruption"}
    evidence = [_ev(facts, i, "-", "interruption") for i in sorted(cut)]
    for gap in facts.gaps or []:
        if gap["utterance"] not in cut:
            evidence.append(_ev(facts, gap["utterance"], "+", "waited"))
    if facts.gaps is None:  # text mode: every reply that did not cut in counts
        evidence += [
            _ev(facts, u.index, "+", "waited") for u in facts.trainee if u.index not in cut
        ]
    return _share(evidence)


_GAP_CREDIT = {"good": "+", "hesitant": "-", "rushed": "-", "dead_air": "-"}


@check("response_timing")
def response_timing(facts: Facts) -> Result | None:
    if facts.gaps is None:
        return None
    return _share(
        [
            _ev(facts, g["utterance"], _GAP_CREDIT[g["label"]], f"gap_{g['label']}")
            for g in facts.gaps
        ]
    )


@check("no_silences")
def no_silences(facts: Facts) -> Result | None:
    if facts.silences is None:
        return None
    evidence = []
    for silence in facts.silences:
        before = [u for u in facts.session.utterances if u.end <= silence["start"] + 0.001]
        if before:
            evidence.append(_ev(facts, before[-1].index, "-", f"silence:{silence['start']:.1f}"))
    if not evidence:
        evidence = [_ev(facts, g["utterance"], "+", "no_silence") for g in facts.gaps or []]
    return _share(evidence)


@check("speech_rate")
def speech_rate(facts: Facts) -> Result | None:
    if not facts.rate or not facts.rate["per_utterance"]:
        return None
    low, high = facts.rate["band"]
    evidence = []
    for row in facts.rate["per_utterance"]:
        rate = row["rate"]
        note = "rate_ok" if low <= rate <= high else ("rate_fast" if rate > high else "rate_slow")
        evidence.append(_ev(facts, row["index"], "+" if note == "rate_ok" else "-", note))
    return _share(evidence)


@check("pace_vs_caller")
def pace_vs_caller(facts: Facts) -> Result | None:
    if not facts.rate or not facts.rate["caller_mean"] or not facts.rate["per_utterance"]:
        return None
    limit = round(facts.rate["caller_mean"] * (1 + facts.thresholds.faster_than_caller), 2)
    return _share(
        [
            _ev(
                facts,
                row["index"],
                "+" if row["rate"] <= limit else "-",
                "pace_ok" if row["rate"] <= limit else "faster_than_caller",
            )
            for row in facts.rate["per_utterance"]
        ]
    )


def _longest_trainee(facts: Facts) -> int | None:
    trainee = facts.trainee
    return max(trainee, key=lambda u: u.duration).index if trainee else None


@check("talk_ratio")
def talk_ratio(facts: Facts) -> Result | None:
    longest = _longest_trainee(facts)
    if facts.talk_ratio is None or longest is None:
        return None
    limit = facts.thresholds.talk_ratio_max
    if facts.talk_ratio <= limit:
        return Result(1.0, (_ev(facts, longest, "+", "talk_ratio_ok"),))
    fraction = max(0.0, 1.0 - (facts.talk_ratio - limit) / 0.25)
    return Result(fraction, (_ev(facts, longest, "-", "talk_ratio_high"),))


@check("fillers")
def fillers(facts: Facts) -> Result | None:
    """Every filler costs (issue 10: 5–9 a minute used to earn full marks): the item
    falls linearly from full marks with none to nothing at ``fillers_per_min_max``
    (DOMAIN.md: above ~10 a minute they distract), citing each utterance with one."""
    if facts.fillers_per_min is None:
        return None
    found = facts.found("filler")
    if not found:
        clean = [u.index for u in facts.trainee]
        return Result(1.0, tuple(_ev(facts, i, "+", "no_filler") for i in clean[:3]))
    limit = facts.thresholds.fillers_per_min_max
    fraction = max(0.0, 1.0 - facts.fillers_per_min / limit)
    cited = dict.fromkeys(i for i, _ in found)
    return Result(fraction, tuple(_ev(facts, i, "-", "filler") for i in cited))


@check("aizuchi")
def aizuchi(facts: Facts) -> Result | None:
    found = facts.found("aizuchi")
    if not facts.trainee:
        return None
    if not found:
        return Result(0.0, (_ev(facts, facts.trainee[0].index, "-", "no_aizuchi"),))
    distinct = {hit.text for _, hit in found}
    evidence = [_ev(facts, i, "+", "aizuchi") for i in sorted({i for i, _ in found})]
    evidence += [_ev(facts, m["utterance"], "-", "monotone") for m in facts.monotone]
    fraction = min(1.0, len(distinct) / 2) * max(0.0, 1.0 - 0.5 * len(facts.monotone))
    return Result(fraction, tuple(evidence))


@check("early_empathy")
def early_empathy(facts: Facts) -> Result | None:
    """DESIGN §7: empathy *or* an apology early. The praise names which it was, so a
    card never praises "empathy" on a turn whose expected empathy is missing."""
    if not facts.trainee:
        return None
    if facts.early["found"]:
        index = facts.early["utterance"]
        note = "early_empathy" if "empathy" in facts.categories(index) else "early_apology"
        return Result(1.0, (_ev(facts, index, "+", note),))
    return Result(0.0, (_ev(facts, facts.trainee[0].index, "-", "no_early_empathy"),))


def _category_per_turn(facts: Facts, category: str) -> Result | None:
    """Turns that expect ``category`` (from the guide) and got it; without a guide,
    whether it was said at all."""
    expecting = _turns_expecting(facts, category)
    if not expecting:
        found = facts.found(category)
        if found:
            return Result(1.0, (_ev(facts, found[0][0], "+", category),))
        return (
            Result(0.0, (_ev(facts, facts.trainee[0].index, "-", f"no_{category}"),))
            if facts.trainee
            else None
        )
    evidence = []
    for turn in expecting:
        replies = [u for u in facts.trainee if u.turn == turn]
        hit = next((u for u in replies if category in facts.categories(u.index)), None)
        if hit is not None:
            evidence.append(_ev(facts, hit.index, "+", category))
        elif replies:
            evidence.append(_ev(facts, replies[0].index, "-", f"no_{category}"))
    return _share(evidence)


def _turns_expecting(facts: Facts, category: str) -> list[str]:
    turns = facts.session.guide.get("turns")
    if not isinstance(turns, dict):
        return []
    return [
        t
        for t, spec in turns.items()
        if isinstance(spec, dict) and category in spec.get("expects", ())
    ]


def _per_turn_check(category: str) -> Check:
    def run(facts: Facts) -> Result | None:
        return _category_per_turn(facts, category)

    return run


for _category in ("empathy", "apology", "confirmation", "gratitude"):
    CHECKS[_category] = _per_turn_check(_category)
