"""The O(n log n) timing metrics (issue 14) give exactly what the pairwise code gave,
on sessions with overlapping, unsorted, tied and held utterances."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scoring import timing
from scoring.record import parse_session
from scoring.thresholds import Thresholds
from tests.scoring import legacy_timing

times = st.sampled_from([0.0, 0.1, 0.5, 1.0, 1.2, 2.0, 2.5, 3.0, 4.0, 7.5])
utterances = st.lists(
    st.tuples(st.sampled_from(["customer", "trainee"]), times, times, st.booleans()),
    max_size=14,
)
events = st.lists(
    st.tuples(times, st.sampled_from(["hold_start", "hold_end", "mood"])), max_size=12
)


def _session(raw: list[Any], raw_events: list[Any]) -> Any:
    record = {
        "format": "callcoach.session/1",
        "language": "en",
        "utterances": [
            {"speaker": who, "start": min(a, b), "end": max(a, b), "text": "ok", "cut_in": cut}
            for who, a, b, cut in raw
        ],
        "events": [{"t": t, "kind": kind} for t, kind in raw_events],
    }
    return parse_session(record)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(utterances, events)
def test_timing_equals_the_pairwise_code(raw: list[Any], raw_events: list[Any]) -> None:
    session = _session(raw, raw_events)
    limits = Thresholds()

    def aizuchi(utterance: Any) -> bool:
        return utterance.index % 2 == 0  # any predicate: both versions must agree

    assert timing.overlaps(session, limits, aizuchi) == legacy_timing.overlaps(
        session, limits, aizuchi
    )
    assert timing.caller_cut_ins(session) == legacy_timing.caller_cut_ins(session)
    assert timing.response_gaps(session, limits) == legacy_timing.response_gaps(session, limits)
    held = timing.holds(session)
    for start, end in [(0.0, 7.5), (1.0, 2.0), (2.5, 2.5), (3.0, 1.0)]:
        assert timing._held_within(held, start, end) == legacy_timing._held_within(held, start, end)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.floats(0, 100), min_size=0, max_size=40), times, times)
def test_hold_time_in_a_window_with_many_holds(marks: list[float], a: float, b: float) -> None:
    ordered = sorted(marks)
    spans = list(zip(ordered[::2], ordered[1::2], strict=False))
    for start, end in [(a, b), (a * 10, b * 10 + 5), (0.0, 100.0)]:
        assert timing._held_within(spans, start, end) == legacy_timing._held_within(
            spans, start, end
        )
