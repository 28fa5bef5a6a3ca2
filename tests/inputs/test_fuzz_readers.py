"""Every reader, fed anything (hypothesis): valid data or our one-line InputError /
exit-2 error, never another exception. Examples are limited to keep this fast."""

from __future__ import annotations

import json
import tempfile
import wave
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import score_session
from simulator.audio import AudioError
from simulator.audio.types import read_wav
from simulator.engine.replay import ReplayError, load_replay
from simulator.inputs import InputError
from simulator.inputs.environment import env_path
from simulator.inputs.session import read_session_file
from simulator.inputs.wav import wav_problem
from simulator.report.jsonl import parse_line
from simulator.tui.settings import TuiSettings, load_settings

TIMING = Path(__file__).parents[1] / "data" / "timing"
FAST = settings(
    max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def one_line(error: Exception) -> None:
    assert "\n" not in str(error) and str(error)
    assert getattr(error, "exit_code", 2) == 2


def in_a_file(data: bytes, name: str) -> Path:
    folder = Path(tempfile.mkdtemp())
    path = folder / name
    path.write_bytes(data)
    return path


def good_record() -> dict[str, Any]:
    return dict(json.loads((TIMING / "en_gaps_holds.json").read_text(encoding="utf-8")))


def read_and_score(data: bytes) -> None:
    try:
        record = read_session_file(in_a_file(data, "s.json"))
    except InputError as error:
        one_line(error)
        return
    score_session(record)  # what the reader accepts, the scorer scores


@FAST
@given(st.binary(max_size=300))
def test_session_reader_on_any_bytes(data: bytes) -> None:
    read_and_score(data)


@FAST
@given(json_values)
def test_session_reader_on_any_json(value: Any) -> None:
    read_and_score(json.dumps(value).encode())


def _paths(record: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(record, dict):
        for key, value in record.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(record, list):
        for index, value in enumerate(record[:3]):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(good_record())[1:]


def _replaced(record: Any, path: tuple[Any, ...], value: Any) -> Any:
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return record


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.sampled_from(PATHS), json_values)
def test_session_reader_on_a_record_with_one_field_replaced(
    path: tuple[Any, ...], value: Any
) -> None:
    read_and_score(json.dumps(_replaced(good_record(), path, value)).encode())


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000 + "]" * 5000,
        '{"format": "callcoach.session/1", "language": "en", "utterances": [{"speaker":'
        ' "trainee", "start": ' + "9" * 400 + "}]}",
        '{"format": "callcoach.session/1", "language": "en", "utterances": [], "x": '
        + "1" * 5000
        + "}",
        '{"format": "callcoach.session/1", "language": "en", "utterances": [], "outcome": {}}',
        '{"format": "callcoach.session/1", "language": "en", "utterances": [], "outcome": []}',
        '{"language": "en", "utterances": []}',
        '{"format": "callcoach.session/1", "language": "en", "utterances": [{"speaker": '
        '"trainee", "start": NaN}]}',
        '{"format": "callcoach.session/1", "language": "en", "utterances": [{"speaker": '
        '"trainee", "start": 1e999}]}',
    ],
)
def test_the_hostile_cases_of_the_issue(text: str) -> None:
    with pytest.raises(InputError) as caught:
        read_session_file(in_a_file(text.encode(), "s.json"))
    one_line(caught.value)
    assert str(caught.value).split(": ")[0].endswith(".json:1")


@FAST
@given(
    st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=200)
    | json_values.map(json.dumps)
)
def test_import_lines(line: str) -> None:
    """One line of a file (the reader splits at line feeds)."""
    try:
        parse_line(line, "f.jsonl", 3)
    except InputError as error:
        one_line(error)
        assert str(error).startswith("f.jsonl:3")


@FAST
@given(st.sampled_from(PATHS), json_values)
def test_import_line_with_one_field_replaced(path: tuple[Any, ...], value: Any) -> None:
    record = _replaced({**good_record(), "id": "x", "scenario": {"id": "s"}}, path, value)
    try:
        parse_line(json.dumps(record), "f.jsonl", 1)
    except InputError as error:
        one_line(error)


replay_texts = st.one_of(
    st.binary(max_size=200).map(lambda b: b.decode("utf-8", "replace")),
    st.lists(
        st.dictionaries(
            st.sampled_from(["text", "wav", "hold", "start", "duration"]),
            st.sampled_from(
                [
                    ".nan",
                    ".inf",
                    "-.inf",
                    "-1",
                    "0",
                    "3",
                    "x",
                    "[1]",
                    "{a: 1}",
                    "'9" + "9" * 30 + "'",
                    "9" * 400,
                ]
            ),
            max_size=3,
        ),
        max_size=3,
    ).map(
        lambda replies: (
            "replies:\n"
            + "".join(
                "  - {" + ", ".join(f"{k}: {v}" for k, v in reply.items()) + "}\n"
                for reply in replies
            )
        )
    ),
)


@FAST
@given(replay_texts)
def test_replay_reader(text: str) -> None:
    try:
        load_replay(in_a_file(text.encode("utf-8", "surrogatepass"), "r.yaml"))
    except ReplayError as error:
        one_line(error)


def _wav_bytes(rate: int, channels: int, width: int, frames: int) -> bytes:
    path = in_a_file(b"", "w.wav")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(b"\x01" * width * channels * frames)
    return path.read_bytes()


@FAST
@given(
    st.one_of(
        st.binary(max_size=200),
        st.builds(
            _wav_bytes,
            st.integers(1, 500_000),
            st.integers(1, 12),
            st.sampled_from([1, 2, 3, 4]),
            st.integers(0, 50),
        ),
    ),
    st.integers(0, 60),
)
def test_wav_reader(data: bytes, cut: int) -> None:
    path = in_a_file(data[: len(data) - cut] if cut < len(data) else data, "w.wav")
    problem = wav_problem(path)
    try:
        audio = read_wav(path)
    except AudioError as error:
        assert problem is not None or "not a readable" in str(error)
        assert "\n" not in str(error)
        return
    assert problem is None and audio.rate >= 4000


@FAST
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_settings_reader(data: bytes) -> None:
    try:
        found = load_settings(in_a_file(data, "tui.json"))
    except InputError as error:
        one_line(error)
        return
    assert isinstance(found, TuiSettings)


@FAST
@given(st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=50))
def test_environment_paths(value: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CALLCOACH_DATA_DIR", value)
        try:
            found = env_path("CALLCOACH_DATA_DIR")
        except InputError as error:
            one_line(error)
            return
    assert found is None or found == value
