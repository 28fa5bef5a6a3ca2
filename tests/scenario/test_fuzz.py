"""Garbage in: only Problems (or a ScenarioError) come out — never another exception.

Hypothesis runs derandomized, so the suite stays deterministic.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.scenario.loader import Problem, ScenarioError, _load_bytes, load_scenario_text
from tests.scenario.conftest import EXAMPLE, GOOD

FUZZ = settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
SEED_TEXT = EXAMPLE.read_text(encoding="utf-8")
SEED_BYTES = EXAMPLE.read_bytes()
YAML_BITS = st.sampled_from(
    [":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!python/object:x ", "!t ", "? ", "|", ">",
     "---\n", "...\n", "\n", "  ", "\t", "'", '"', "#", "%YAML 1.1\n", "\x00", "\ufeff",
     "format: callcoach.scenario/1\n", "turns:\n", "next: ", "when: {}", "日本語", "~", "1e9"]
)  # fmt: skip


def only_problems(raw: bytes) -> None:
    loaded = _load_bytes(raw, "fuzz.yaml", None)
    assert all(isinstance(p, Problem) for p in loaded.problems)
    assert loaded.value is not None or any(p.is_error for p in loaded.problems)
    for problem in loaded.problems:
        assert problem.line >= 1 and problem.col >= 1 and "\n" not in str(problem)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    only_problems(raw)


@FUZZ
@given(st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=60))
def test_yaml_shaped_noise(parts: list[str]) -> None:
    try:
        load_scenario_text("".join(parts))
    except ScenarioError as error:
        assert error.problems and "\n" not in str(error)


@FUZZ
@given(st.data())
def test_mutated_example(data: st.DataObject) -> None:
    raw = bytearray(SEED_BYTES)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        action = data.draw(st.sampled_from(["flip", "delete", "insert", "truncate"]))
        if action == "flip":
            raw[at] = data.draw(st.integers(0, 255))
        elif action == "delete":
            del raw[at : at + data.draw(st.integers(1, 40))]
        elif action == "insert":
            raw[at:at] = data.draw(YAML_BITS).encode("utf-8")
        else:
            del raw[at:]
        if not raw:
            break
    only_problems(bytes(raw))


@FUZZ
@given(st.data())
def test_line_shuffles_of_a_good_file(data: st.DataObject) -> None:
    lines = (GOOD / "key-phrase-list.yaml").read_text(encoding="utf-8").splitlines()
    picked = data.draw(st.lists(st.sampled_from(lines), max_size=len(lines)))
    only_problems("\n".join(picked).encode("utf-8"))


def test_the_seed_itself_loads() -> None:
    assert load_scenario_text(SEED_TEXT).id == "en-example-wrong-colour"
