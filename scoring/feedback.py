"""Per-turn feedback in the session's language: what happened, when, and what to
say instead (the turn's model answer when the scenario has one)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from scoring.analysis import Facts, scenario_avoid
from scoring.checks import Evidence
from scoring.gates import FailedGate
from scoring.text import fold_en, fold_ja


@cache
def _wording() -> dict[str, Any]:
    import yaml  # loaded on first use: `callcoach --help` needs no YAML

    text = resources.files("scoring").joinpath("messages.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _language(facts: Facts, wording: str | None) -> str:
    """The language of the messages: ``wording`` when asked for (a reader's interface
    language), else the session's."""
    chosen = wording or facts.session.language
    return "ja" if chosen == "ja" else "en"


def _message(
    note: str, evidence: Evidence, facts: Facts, wording_language: str | None = None
) -> tuple[str, str] | None:
    """(severity, message) for an evidence note, or None for notes that need no words."""
    key, _, detail = note.partition(":")
    wording = _wording()
    spec = wording["messages"].get(key)
    if spec is None:
        return None
    language = _language(facts, wording_language)
    if key == "missing":
        names = [wording["categories"].get(c, {}).get(language, c) for c in detail.split("+")]
        detail = "".join(f"「{n}」" for n in names) if language == "ja" else " and ".join(names)
    elif key in ("key", "no_key", "no_key_confirm"):
        detail = _key_fact_words(facts, evidence.utterance, detail)
    note = ""
    if key == "avoid_scenario":
        position, _, detail = detail.partition(":")
        note = _avoid_note(facts, position)
    limits = facts.thresholds
    text = spec[language].format(
        text=evidence.text,
        t=f"{facts.utterance(evidence.utterance).start:.1f}",
        x=detail,
        dead_air=f"{limits.gap_dead_air:g}",
        hesitant=f"{limits.gap_hesitant:g}",
        silence=f"{limits.silence:g}",
        window=f"{limits.early_window:g}",
        hold_long=f"{limits.hold_long:g}",
        run=limits.monotone_run,
    )
    return str(spec["severity"]), f"{text} {note}" if note else text


def _avoid_note(facts: Facts, position: str) -> str:
    """The trainer's note on one of the scenario's phrases to avoid (guide ``avoid``)."""
    found = scenario_avoid(facts.session)
    index = int(position) if position.isdigit() else -1
    return found[index].note.strip() if 0 <= index < len(found) else ""


def _key_fact_words(facts: Facts, index: int, name: str) -> str:
    """How to name a scenario fact: what the trainee said, else its first alternative
    (the scenario's key names, such as "order", are not for trainees' eyes)."""
    said = [hit.text for key, hit in facts.key_hits.get(index, []) if key == name]
    if said:
        return said[0]
    spec = facts.turn_guide(facts.utterance(index).turn).get("key_phrases")
    alternatives = spec.get(name) if isinstance(spec, dict) else None
    return str(alternatives[0]) if isinstance(alternatives, list) and alternatives else name


def _praises(note: str) -> bool:
    spec = _wording()["messages"].get(note.partition(":")[0])
    return spec is not None and spec["severity"] == "good"


def _suggestion(note: str, language: str) -> str | None:
    """Stock wording to use instead of the phrases named in an ng/over-promise note."""
    key, _, found = note.partition(":")
    if key not in ("ng_phrase", "over_promise") or not found:
        return None
    fold = fold_ja if language == "ja" else fold_en
    said = {fold(part).text for part in found.split("/")}
    for rule in _wording().get("suggestions", {}).get(language, []):
        if said & {fold(phrase).text for phrase in rule["phrases"]}:
            return str(rule["say"])
    return None


def _merge_missing(evidence: list[Evidence]) -> list[Evidence]:
    """One "this turn expected …" message per reply, naming every missing category."""
    missing: dict[int, list[str]] = {}
    rest = []
    for item in evidence:
        if item.note.startswith("missing:") and item.effect == "-":
            category = item.note.partition(":")[2]
            if category not in missing.setdefault(item.utterance, []):
                missing[item.utterance].append(category)
        else:
            rest.append(item)
    for index, categories in missing.items():
        text = next(e.text for e in evidence if e.utterance == index)
        rest.append(Evidence(index, text, "-", "missing:" + "+".join(categories)))
    return rest


def build_feedback(
    facts: Facts, evidence: list[Evidence], wording: str | None = None
) -> list[dict[str, Any]]:
    """One message per distinct (utterance, note), in call order, with a model answer
    for the turn when the scenario provides one. Messages in ``wording`` (ja/en) when
    given, else the session's language; suggestions are phrases to say in the call and
    stay in its language."""
    evidence = _merge_missing(evidence)
    seen: set[tuple[int, str]] = set()
    interrupted = {e.utterance for e in evidence if e.note == "interruption"}
    answered_turns: set[str | None] = set()
    items = []
    for item in sorted(evidence, key=lambda e: facts.utterance(e.utterance).start):
        if (item.utterance, item.note) in seen:
            continue
        seen.add((item.utterance, item.note))
        if item.note == "gap_rushed" and item.utterance in interrupted:
            continue  # the interruption message already says it
        if item.effect == "+" and not _praises(item.note):
            continue  # earned points need no words unless the note is praise
        made = _message(item.note, item, facts, wording)
        if made is None:
            continue
        severity, message = made
        utterance = facts.utterance(item.utterance)
        entry: dict[str, Any] = {
            "turn": utterance.turn,
            "severity": severity,
            "message": message,
            "utterance": item.utterance,
            "t": round(utterance.start, 3),
        }
        suggestion = _suggestion(item.note, facts.session.language)
        if suggestion:
            entry["suggestion"] = suggestion
        model = _model_answer(facts, item.utterance)
        wants_answer = severity != "good" and utterance.turn not in answered_turns
        if wants_answer and isinstance(model, str) and model.strip():
            entry["model_answer"] = model.strip()  # once per turn is enough
            answered_turns.add(utterance.turn)
        items.append(entry)
    return items


def gate_feedback(
    facts: Facts, failed: list[FailedGate], total: int | None, wording_language: str | None = None
) -> list[dict[str, Any]]:
    """One message per failed gate, naming why the call does not pass."""
    wording = _wording()["messages"]
    language = _language(facts, wording_language)
    items = []
    for gate in failed:
        key = f"gate_{gate.gate}"
        if gate.gate == "outcome" and f"gate_outcome_{gate.value}" in wording:
            key = f"gate_outcome_{gate.value}"
        spec = wording[key]
        entry: dict[str, Any] = {
            "turn": None,
            "severity": str(spec["severity"]),
            "message": spec[language].format(x=gate.value, total="—" if total is None else total),
            "utterance": gate.utterance,
            "t": None,
            "gate": gate.gate,
        }
        if gate.utterance is not None:
            utterance = facts.utterance(gate.utterance)
            entry["turn"] = utterance.turn
            entry["t"] = round(utterance.start, 3)
        items.append(entry)
    return items


def _model_answer(facts: Facts, index: int) -> object:
    """The turn's model answer; with per-variant answers (``model_answers`` in the guide),
    the one written for the caller's line the trainee was answering."""
    turn = facts.utterance(index).turn
    guide = facts.turn_guide(turn)
    per_line = guide.get("model_answers")
    if isinstance(per_line, Mapping):
        earlier = facts.session.utterances[:index]
        heard = [u.text for u in earlier if u.speaker != "trainee" and u.turn == turn]
        for line in reversed(heard):
            if isinstance(per_line.get(line), str):
                return per_line[line]
    return guide.get("model_answer")
