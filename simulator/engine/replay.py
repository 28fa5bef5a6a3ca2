"""Replay: a file of trainee replies played against a scenario on a virtual clock
(DESIGN.md §4, ``callcoach.replay/1``). Headless and fast; used for demos, CI,
regression tests and scoring recorded answers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.engine.conversation import Detector
from simulator.engine.loop import CallLoop
from simulator.engine.record import SessionSink
from simulator.engine.replay_steps import until_silence
from simulator.engine.session import CallSession
from simulator.errors import UsageError
from simulator.inputs.limits import MAX_TEXT_CHARS
from simulator.scenario.model import Scenario

if TYPE_CHECKING:
    from simulator.audio.asr.base import Recognizer

REPLAY_FORMAT = "callcoach.replay/1"
MAX_CALL_STEPS = 500  # a scenario that loops forever still ends


@dataclass(frozen=True)
class TextReply:
    text: str
    start: float
    duration: float | None
    where: str  # file:line for error messages


@dataclass(frozen=True)
class WavReply:
    path: Path
    start: float
    where: str


@dataclass(frozen=True)
class HoldReply:
    seconds: float
    where: str


ReplayItem = TextReply | WavReply | HoldReply


@dataclass(frozen=True)
class ReplayScript:
    path: Path | None
    seed: int | None
    replies: tuple[ReplayItem, ...]


class ReplayError(UsageError):
    """A replay file that cannot be played (exit status 2)."""


def load_replay(path: Path) -> ReplayScript:
    """Read a replay file (YAML or JSON) with the same hardened reader as scenarios."""
    from simulator.scenario.prepass import prepass_problems
    from simulator.scenario.yamlsafe import YamlProblem, decode_text, parse_text, read_file_bytes

    name = str(path)
    try:
        text = decode_text(read_file_bytes(path, name), name)
        if slips := prepass_problems(text, name):  # `text：` or curly quotes, at their column
            raise ReplayError(str(slips[0]))
        document = parse_text(text, name)
    except YamlProblem as problem:
        raise ReplayError(str(problem.problem)) from None

    def where(key: tuple[Any, ...]) -> str:
        line, col = document.mark(key)
        return f"{name}:{line}:{col}"

    return parse_replay(document.data, where, path)


def parse_replay(data: Any, where: Any, path: Path | None) -> ReplayScript:
    """``where(key_path)`` gives 'file:line:col' for a key path inside the document."""
    if not isinstance(data, dict):
        raise ReplayError(f"{where(())}: a replay file must be a mapping — expected 'replies: […]'")
    if data.get("format", REPLAY_FORMAT) != REPLAY_FORMAT:
        raise ReplayError(f"{where(('format',))}: unknown format — expected '{REPLAY_FORMAT}'")
    seed = data.get("seed")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool)):
        raise ReplayError(f"{where(('seed',))}: seed must be a whole number")
    replies = data.get("replies")
    if not isinstance(replies, list):
        raise ReplayError(f"{where(('replies',))}: 'replies' must be a list of replies")
    base = path.parent if path else Path.cwd()
    items = tuple(_parse_item(item, where, ("replies", i), base) for i, item in enumerate(replies))
    return ReplayScript(path, seed, items)


def _parse_item(item: Any, where: Any, key: tuple[Any, ...], base: Path) -> ReplayItem:
    here = where(key)
    if not isinstance(item, dict):
        raise ReplayError(f"{here}: a reply must be a mapping with 'text', 'wav' or 'hold'")
    kinds = [k for k in ("text", "wav", "hold") if k in item]
    if len(kinds) != 1:
        raise ReplayError(f"{here}: a reply needs exactly one of 'text', 'wav' or 'hold'")
    if "hold" in item:
        return HoldReply(_number(item, "hold", where, key, minimum=0.0), here)
    start = _number(item, "start", where, key, default=0.4)
    if "wav" in item:
        if not isinstance(item["wav"], str) or not item["wav"]:
            raise ReplayError(f"{where((*key, 'wav'))}: 'wav' must be a file path")
        return WavReply(base / item["wav"], start, here)
    if not isinstance(item["text"], str):
        raise ReplayError(f"{where((*key, 'text'))}: 'text' must be a string")
    if len(item["text"]) > MAX_TEXT_CHARS:
        raise ReplayError(
            f"{where((*key, 'text'))}: the reply is {len(item['text']):,} characters long"
            f" — at most {MAX_TEXT_CHARS:,}"
        )
    duration = _number(item, "duration", where, key, minimum=0.05) if "duration" in item else None
    return TextReply(item["text"], start, duration, here)


def _number(
    item: dict[str, Any],
    name: str,
    where: Any,
    key: tuple[Any, ...],
    *,
    default: float | None = None,
    minimum: float | None = None,
) -> float:
    value = item.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ReplayError(f"{where((*key, name))}: '{name}' must be a number of seconds")
    if isinstance(value, float) and not math.isfinite(value):  # .nan / .inf in YAML
        raise ReplayError(
            f"{where((*key, name))}: '{name}' is {value} — a finite number of seconds"
        )
    if minimum is not None and value < minimum:
        raise ReplayError(f"{where((*key, name))}: '{name}' must be at least {minimum}")
    if abs(value) > 3600:
        raise ReplayError(f"{where((*key, name))}: '{name}' is over an hour — expected seconds")
    return float(value)


def run_replay(
    scenario: Scenario,
    script: ReplayScript,
    *,
    sinks: Sequence[SessionSink] = (),
    level: int | None = None,
    trainee: str | None = None,
    detector: Detector | None = None,
    asr: str = "auto",
    asr_model: str | None = None,
    recognizer: Recognizer | None = None,
    record_audio: bool = False,
    time_limit: float | None = None,
) -> CallSession:
    """Play the whole call; returns the finished session (record and score card).
    ``time_limit`` (a drill's): the call ends, abandoned, when it is up.
    ``wav:`` replies go through VAD and ASR: ``recognizer`` if given (the caller
    keeps it), else one chosen by ``asr``/``asr_model`` for the call. With
    ``record_audio`` a call with ``wav:`` replies leaves its stereo recording."""
    from simulator.inputs.wav import wav_problem

    wavs = [item for item in script.replies if isinstance(item, WavReply)]
    for item in wavs:  # all checked before the call starts: nothing half-stored
        if (problem := wav_problem(item.path)) is not None:
            raise ReplayError(f"{item.where}: {item.path}: {problem[0]} — {problem[1]}")
    owned = None
    if wavs and recognizer is None:
        from simulator.engine.voice_replay import open_recognizer

        recognizer = owned = open_recognizer(scenario.language, asr, asr_model)
    heard: list[Any] = []
    try:
        session = CallSession(
            scenario,
            mode="replay",
            detector=detector,
            level=level,
            seed=script.seed,
            trainee=trainee,
            sinks=sinks,
        )
        _run(CallLoop(session, time_limit=time_limit), script, recognizer, heard)
    finally:
        if owned is not None:
            owned.close()
    if record_audio and heard:
        from simulator.engine.voice_replay import write_replay_recording

        write_replay_recording(session, heard)
    return session


def _run(
    loop: CallLoop,
    script: ReplayScript,
    recognizer: Recognizer | None,
    heard: list[Any],
) -> None:
    loop.start(0.0)
    pending = iter(script.replies)
    for _ in range(MAX_CALL_STEPS):
        if loop.outcome is not None:
            break
        played = _play_next(loop, next(pending, None), recognizer)
        if played is not None:
            heard.append(played)
    else:
        loop.abandon(loop.caller_free_at)
    loop.tick(loop.caller_free_at)  # the caller's last words


def _play_next(loop: CallLoop, item: ReplayItem | None, recognizer: Recognizer | None) -> Any:
    """Plays one reply on the loop's clock; returns what was heard of a ``wav:`` reply."""
    free = loop.replies_from
    if item is None:
        until_silence(loop)
    elif isinstance(item, HoldReply):
        loop.hold(free + 0.5)
        loop.unhold(free + 0.5 + item.seconds)
    elif isinstance(item, TextReply):
        start = max(0.0, free + item.start)
        duration = item.duration or loop.spoken_seconds(item.text)
        # Without a `duration` the speaking time is estimated, not measured (no pace).
        estimated = None if item.duration else duration
        loop.trainee_replied(item.text, start, start + duration, spoken_seconds=estimated)
    elif recognizer is not None:
        from simulator.engine.voice_replay import play_wav_reply

        return play_wav_reply(loop, item, recognizer)
    return None
