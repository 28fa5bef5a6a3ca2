"""Plain data (already checked against ``fields``) → the typed model objects.

Only called on data that passed the shape checks, so it can index freely.
Text is kept exactly as the author wrote it (no normalisation).
"""

from __future__ import annotations

from typing import Any

from simulator.scenario import model


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(data.get(key) or ())


def _pick(data: dict[str, Any], *names: str) -> dict[str, Any]:
    """The given keys that are present and not null (null means "use the default")."""
    return {name: data[name] for name in names if data.get(name) is not None}


def voice(data: dict[str, Any]) -> model.Voice:
    return model.Voice(**_pick(data, "engine", "name", "rate", "pitch", "volume"))


def cut_in(data: dict[str, Any] | None) -> model.CutIn | None:
    if data is None:
        return None
    return model.CutIn(after=float(data["after"]), say=_texts(data, "say"), **_pick(data, "mood"))


def caller(data: dict[str, Any]) -> model.Caller:
    silence = data.get("silence") or {}
    return model.Caller(
        type=data["type"],
        name=data["name"],
        persona=data.get("persona") or "",
        pace=data.get("pace"),
        voice=voice(data.get("voice") or {}),
        cut_in=cut_in(data.get("cut_in")),
        silence=model.SilenceRule(say=_texts(silence, "say"), **_pick(silence, "after", "mood")),
    )


def briefing(data: dict[str, Any]) -> model.Briefing:
    return model.Briefing(
        situation=data["situation"],
        history=_texts(data, "history"),
        contacts=_texts(data, "contacts"),
        handled_by=data.get("handled_by"),
        goal=data.get("goal"),
    )


def condition(data: dict[str, Any]) -> model.Condition:
    return model.Condition(
        detected=_texts(data, "detected"),
        detected_any=_texts(data, "detected_any"),
        not_detected=_texts(data, "not_detected"),
        said=_texts(data, "said"),
        said_any=_texts(data, "said_any"),
        not_said=_texts(data, "not_said"),
        interrupted=data.get("interrupted"),
        silent=data.get("silent"),
        mood_at_least=data.get("mood_at_least"),
        mood_below=data.get("mood_below"),
        told=_texts(data, "told"),
        hold_over=data.get("hold_over"),
        hold_under=data.get("hold_under"),
        repeats=data.get("repeats"),
        asked=_texts(data, "asked"),
        after=data.get("after"),
        earlier=_texts(data, "earlier"),
        faster_than_caller=data.get("faster_than_caller"),
        any=tuple(condition(c) for c in data.get("any") or ()),
        all=tuple(condition(c) for c in data.get("all") or ()),
        not_=None if data.get("not") is None else condition(data["not"]),
    )


def branch(data: dict[str, Any]) -> model.Branch:
    return model.Branch(
        when=condition(data.get("when") or {}),
        next=data["next"],
        say=_texts(data, "say"),
        **_pick(data, "mood"),
    )


def key_phrases(data: dict[str, Any] | list[str] | None) -> tuple[model.KeyPhrase, ...]:
    if isinstance(data, dict):
        return tuple(_key_phrase(str(name), value) for name, value in data.items())
    return tuple(model.KeyPhrase(text, (text,)) for text in data or ())


def _key_phrase(name: str, value: list[str] | dict[str, Any]) -> model.KeyPhrase:
    """`name: [alternatives]`, or (v2) `name: {alternatives: […], optional: true}`."""
    if isinstance(value, dict):
        optional = bool(value.get("optional"))
        return model.KeyPhrase(name, tuple(value["alternatives"]), optional)
    return model.KeyPhrase(name, tuple(value))


def avoid(data: dict[str, Any]) -> model.AvoidPhrase:
    phrases = data.get("alternatives") or [data["phrase"]]
    return model.AvoidPhrase(tuple(phrases), note=data.get("note") or "", **_pick(data, "cost"))


def turn(data: dict[str, Any]) -> model.Turn:
    otherwise = data.get("otherwise")
    return model.Turn(
        id=data["id"],
        say=_texts(data, "say"),
        expects=_texts(data, "expects"),
        key_phrases=key_phrases(data.get("key_phrases")),
        model_answer=data.get("model_answer"),
        model_answers=_texts(data, "model_answers"),
        hint=data.get("hint"),
        branches=tuple(branch(b) for b in data.get("branches") or ()),
        otherwise=None if otherwise is None else branch(otherwise),
        cut_in=cut_in(data.get("cut_in")),
        unless_told=_texts(data, "unless_told"),
        skip_to=data.get("skip_to"),
        once=bool(data.get("once")),
        wait_say=_texts(data, "wait_say"),
        waits=data.get("waits"),
    )


def levels(data: dict[Any, Any] | None) -> dict[int, model.Level]:
    merged = dict(model.DEFAULT_LEVELS)
    for key, value in (data or {}).items():
        level = model.Level(**_pick(value, "worsen", "soothe", "patience", "start_mood"))
        merged[int(key)] = level
    return merged


def scenario(data: dict[str, Any], source: model.Source) -> model.Scenario:
    hold = data.get("hold") or {}
    endings = {
        str(name): model.Ending(str(name), e["outcome"], _texts(e, "say"))
        for name, e in data["endings"].items()
    }
    return model.Scenario(
        id=data["id"],
        title=data["title"],
        language=data["language"],
        caller=caller(data["caller"]),
        briefing=briefing(data["briefing"]),
        turns=tuple(turn(t) for t in data["turns"]),
        endings=endings,
        tags=_texts(data, "tags"),
        mood=model.MoodSpec(**_pick(data.get("mood") or {}, "start", "hang_up", "calm")),
        policy=model.Policy(**{k: _texts(data.get("policy") or {}, k) for k in _POLICY}),
        hold=model.HoldRules(
            too_long_say=_texts(hold, "too_long_say"),
            wait_say=_texts(hold, "wait_say"),
            wait_again_say=_texts(hold, "wait_again_say"),
            **_pick(hold, "patience", "too_long_mood", "wait_again_mood", "waits"),
        ),
        levels=levels(data.get("levels")),
        rubric=data.get("rubric"),
        pass_mark=data.get("pass_mark"),
        source=source,
        format=data["format"],
        company=data.get("company"),
        avoid=tuple(avoid(item) for item in data.get("avoid") or ()),
        **_pick(data, "difficulty", "expected_outcome"),
    )


_POLICY = ("may_offer", "must_not_promise", "notes")


def scenario_set(data: dict[str, Any], source: model.Source) -> model.ScenarioSet:
    drill = data.get("drill") or {}
    return model.ScenarioSet(
        id=data["id"],
        title=data["title"],
        scenarios=tuple(data["scenarios"]),
        description=data.get("description") or "",
        drill=model.DrillRules(**_pick(drill, "attempts", "time_limit", "hints")),
        source=source,
        **_pick(data, "pass_mark"),
    )
