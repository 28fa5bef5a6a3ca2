"""Rubric checks on what was said: scenario expectations, politeness, promises,
call opening and closing, holds and the outcome. Registered into CHECKS."""

from __future__ import annotations

from scoring.analysis import Facts, expected_keys, optional_keys, scenario_avoid
from scoring.checks import Evidence, Result, _ev, _share, check
from scoring.timing import holds, ms

# The expected landing (guide `expected_outcome`, default resolved) earns it all; the
# other of resolved/escalated half: a handover is fine, just not what was trained.
_LANDINGS = ("resolved", "escalated")


def _guide_turns(facts: Facts) -> dict[str, dict]:
    turns = facts.session.guide.get("turns")
    return (
        {str(k): v for k, v in turns.items() if isinstance(v, dict)}
        if isinstance(turns, dict)
        else {}
    )


@check("expected_behaviours")
def expected_behaviours(facts: Facts) -> Result | None:
    evidence = []
    for turn, spec in _guide_turns(facts).items():
        replies = [u for u in facts.trainee if u.turn == turn]
        for category in spec.get("expects", ()):
            hit = next((u for u in replies if category in facts.categories(u.index)), None)
            if hit is not None:
                evidence.append(_ev(facts, hit.index, "+", f"expected:{category}"))
            elif replies:
                evidence.append(_ev(facts, replies[0].index, "-", f"missing:{category}"))
    return _share(evidence)


@check("key_facts")
def key_facts(facts: Facts) -> Result | None:
    evidence = []
    for turn, spec in _guide_turns(facts).items():
        replies = [u for u in facts.trainee if u.turn == turn]
        if not replies:
            continue
        for name in expected_keys(spec):
            said = next(
                (u for u in replies if any(n == name for n, _ in facts.key_hits.get(u.index, []))),
                None,
            )
            if said is not None:
                evidence.append(_ev(facts, said.index, "+", f"key:{name}"))
            else:
                # "Say it back" is advice for facts to confirm, not for everything a
                # turn wants said (「私が最後まで担当いたします」).
                confirm = "confirmation" in spec.get("expects", [])
                note = "no_key_confirm" if confirm else "no_key"
                evidence.append(_ev(facts, replies[0].index, "-", f"{note}:{name}"))
        evidence += _optional_said(facts, replies, optional_keys(spec))
    return _share(evidence)


def _optional_said(facts: Facts, replies: list, names: list[str]) -> list[Evidence]:
    """Optional key phrases: credit when said, nothing lost when not."""
    found = []
    for name in names:
        said = [u for u in replies if any(n == name for n, _ in facts.key_hits.get(u.index, []))]
        if said:
            found.append(_ev(facts, said[0].index, "+", f"key:{name}"))
    return found


# Each utterance with an NG phrase (or over-promise) costs half the politeness item:
# one slip is a clear loss, two lose it all. A share of clean utterances would let a
# long call hide an NG phrase (1 in 20 cost 5 %).
_NG_COST = 0.5


def _offences(facts: Facts, category: str) -> dict[int, list[str]]:
    """Trainee utterance → the ``category`` phrases it contains, in call order."""
    found: dict[int, list[str]] = {}
    for utterance in facts.trainee:
        texts = [h.text for h in facts.hits.get(utterance.index, []) if h.category == category]
        if texts:
            found[utterance.index] = texts
    return found


def _clean_evidence(facts: Facts, category: str, offended: set[int]) -> list[Evidence]:
    return [
        _ev(facts, u.index, "+", f"no_{category}") for u in facts.trainee if u.index not in offended
    ]


@check("no_ng_phrases")
def no_ng_phrases(facts: Facts) -> Result | None:
    """NG phrases, over-promises and the scenario's own phrases to avoid
    (``avoid_phrases``): each offending utterance costs ``_NG_COST``."""
    if not facts.trainee:
        return None
    ng = _offences(facts, "ng_phrase")
    promises = _offences(facts, "over_promise")
    costs = [a.cost for a in scenario_avoid(facts.session)]
    bad: list[Evidence] = []
    lost = 0.0
    for utterance in facts.trainee:
        index = utterance.index
        avoided = [hit.text for hit in facts.avoided(index)]
        own = facts.avoid_hits.get(index, [])
        cost = _NG_COST if index in ng or avoided or index in promises else 0.0
        if index in ng:
            bad.append(_ev(facts, index, "-", f"ng_phrase:{'/'.join(ng[index])}"))
        elif avoided:
            bad.append(_ev(facts, index, "-", f"avoid:{'/'.join(avoided)}"))
        for position, hit in own:  # the scenario's own: cited with the trainer's note
            bad.append(_ev(facts, index, "-", f"avoid_scenario:{position}:{hit.text}"))
            cost = max(cost, costs[position])
        if index in promises:
            bad.append(_ev(facts, index, "-", f"over_promise:{'/'.join(promises[index])}"))
        lost += cost
    offended = {e.utterance for e in bad}
    evidence = bad + _clean_evidence(facts, "ng_phrase", offended)
    return Result(max(0.0, 1.0 - lost), tuple(sorted(evidence, key=lambda e: e.utterance)))


@check("no_over_promise")
def no_over_promise(facts: Facts) -> Result | None:
    """A critical error: any promise beyond policy loses the whole item."""
    if not facts.trainee:
        return None
    promises = _offences(facts, "over_promise")
    if promises:
        evidence = [
            _ev(facts, index, "-", f"over_promise:{'/'.join(texts)}")
            for index, texts in promises.items()
        ]
        return Result(0.0, tuple(evidence))
    return Result(1.0, tuple(_clean_evidence(facts, "over_promise", set())))


@check("cushion_before_refusal")
def cushion_before_refusal(facts: Facts) -> Result | None:
    """Each refusal needs a cushion earlier in the same utterance (or the one before)."""
    evidence = []
    previous_cushioned = False
    for utterance in facts.trainee:
        hits = facts.hits.get(utterance.index, [])
        refusals = [h for h in hits if h.category == "refusal"]
        cushions = [h for h in hits if h.category == "cushion"]
        for refusal in refusals:
            ok = previous_cushioned or any(c.end <= refusal.start for c in cushions)
            evidence.append(
                _ev(
                    facts,
                    utterance.index,
                    "+" if ok else "-",
                    "cushioned" if ok else "bare_refusal",
                )
            )
        previous_cushioned = bool(cushions) and not refusals
    return _share(evidence)


@check("self_introduction")
def self_introduction(facts: Facts) -> Result | None:
    if not facts.trainee:
        return None
    first_turn = facts.trainee[0].turn
    found = facts.found("self_introduction")
    if not found:
        return Result(0.0, (_ev(facts, facts.trainee[0].index, "-", "no_self_introduction"),))
    index = found[0][0]
    if facts.utterance(index).turn == first_turn:
        return Result(1.0, (_ev(facts, index, "+", "self_introduction"),))
    return Result(0.5, (_ev(facts, index, "-", "late_self_introduction"),))


def _closing_window(facts: Facts) -> list[int]:
    return [u.index for u in facts.trainee[-2:]]


@check("closing")
def closing(facts: Facts) -> Result | None:
    window = _closing_window(facts)
    if not window:
        return None
    hit = next((i for i in window if "closing" in facts.categories(i)), None)
    if hit is None:
        return Result(0.0, (_ev(facts, window[-1], "-", "no_closing"),))
    return Result(1.0, (_ev(facts, hit, "+", "closing"),))


@check("name_at_close")
def name_at_close(facts: Facts) -> Result | None:
    window = _closing_window(facts)
    if not window:
        return None
    hit = next((i for i in window if "self_introduction" in facts.categories(i)), None)
    if hit is None:
        return Result(0.0, (_ev(facts, window[-1], "-", "no_name_at_close"),))
    return Result(1.0, (_ev(facts, hit, "+", "name_at_close"),))


# A hold announced as short (「少々」, "one moment") promises at most ``hold_short``.
_SHORT_HOLD_WORDS = ("少々", "しょうしょう", "moment", "second")


def hold_limit(facts: Facts, announcement: int | None) -> float:
    """``hold_long`` when the trainee announced a longer wait (「しばらく」); otherwise —
    「少々」, or no announcement — ``hold_short`` (30 s)."""
    hits = facts.hits.get(announcement, []) if announcement is not None else []
    said = " ".join(h.text.lower() for h in hits if h.category == "hold")
    if said and not any(word in said for word in _SHORT_HOLD_WORDS):
        return facts.thresholds.hold_long
    return facts.thresholds.hold_short


def hold_credit(seconds: float, limit: float, fade: float) -> float:
    """A hold within ``limit`` earns its point; past it the credit falls in proportion
    to the overrun and is gone ``fade`` seconds later (the longer the caller waits,
    the more it costs)."""
    if seconds <= limit:
        return 1.0
    return max(0.0, 1.0 - (seconds - limit) / max(fade, 0.001))


@check("hold_etiquette")
def hold_etiquette(facts: Facts) -> Result | None:
    """Per hold: announced before, thanked after, and its length graded
    (``hold_credit``). The length counts on the turn where the hold was placed: the
    last utterance before it (the trainee's announcement, or the caller's line)."""
    graded: list[tuple[Evidence, float]] = []
    limits = facts.thresholds
    for start, end in holds(facts.session):
        before = [u for u in facts.trainee if u.end <= start + 0.001]
        anyone = [u for u in facts.session.utterances if u.start <= start + 0.001]
        after = [u for u in facts.trainee if u.start >= end - 0.001]
        if before:
            announced = "hold" in facts.categories(before[-1].index)
            graded.append(
                _graded(facts, before[-1].index, announced, "hold_announced", "hold_unannounced")
            )
        anchor = anyone[-1] if anyone else None
        if anchor is not None:
            limit = hold_limit(facts, before[-1].index if before else None)
            credit = hold_credit(ms(end - start), limit, limits.hold_long)
            note = "hold_length_ok" if credit == 1.0 else f"hold_too_long:{limit:g}"
            evidence = _ev(facts, anchor.index, "+" if credit == 1.0 else "-", note)
            graded.append((evidence, credit))
        if after:
            thanked = bool(facts.categories(after[0].index) & {"hold", "gratitude", "apology"})
            graded.append(
                _graded(facts, after[0].index, thanked, "hold_thanked", "hold_not_thanked")
            )
    if not graded:
        return None
    share = sum(credit for _, credit in graded) / len(graded)
    return Result(share, tuple(evidence for evidence, _ in graded))


def _graded(facts: Facts, index: int, ok: bool, good: str, bad: str) -> tuple[Evidence, float]:
    return _ev(facts, index, "+" if ok else "-", good if ok else bad), 1.0 if ok else 0.0


@check("outcome")
def outcome(facts: Facts) -> Result | None:
    outcome = facts.session.outcome
    if not outcome or not facts.session.utterances:
        return None
    last = facts.trainee[-1].index if facts.trainee else facts.session.utterances[-1].index
    expected = facts.session.guide.get("expected_outcome")
    expected = expected if expected in _LANDINGS else "resolved"
    credit = 1.0 if outcome == expected else 0.5 if outcome in _LANDINGS else 0.0
    return Result(credit, (_ev(facts, last, "+" if credit else "-", f"outcome:{outcome}"),))
