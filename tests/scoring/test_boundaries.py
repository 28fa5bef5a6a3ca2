"""Every boundary of DESIGN.md §7: 0.2 s lead, 0.5 s overlap, 1.0 s backchannel,
gap labels at 0.2 / 1.5 / 3 s, 3 s silence, speech-rate bands and 10 % pace."""

from __future__ import annotations

import pytest

from scoring import score_session
from tests.scoring.helpers import record, utt

LINES = {
    "en": ("It broke.", "I'm sorry about that."),
    "ja": ("壊れていました。", "申し訳ございません。"),
}


def _reply_at(gap: float, language: str = "en") -> dict:
    caller, reply = LINES[language]
    return record(
        [utt("customer", 0.0, 2.0, caller), utt("trainee", 2.0 + gap, 9.0, reply)],
        language=language,
    )


@pytest.mark.parametrize(
    ("gap", "label"),
    [
        (-0.5, "rushed"),
        (0.0, "rushed"),
        (0.199, "rushed"),
        (0.2, "good"),
        (1.0, "good"),
        (1.499, "good"),
        (1.5, "hesitant"),
        (2.999, "hesitant"),
        (3.0, "dead_air"),
        (4.0, "dead_air"),
    ],
)
@pytest.mark.parametrize("language", ["ja", "en"])
def test_response_gap_labels(gap: float, label: str, language: str) -> None:
    gaps = score_session(_reply_at(gap, language))["metrics"]["response_gaps"]
    assert [g["label"] for g in gaps] == [label]
    assert gaps[0]["gap"] == pytest.approx(gap, abs=0.001)


def _overlap(start: float, end: float, text: str) -> dict:
    session = record([utt("customer", 0.0, 5.0, "Listen to me."), utt("trainee", start, end, text)])
    metrics = score_session(session)["metrics"]
    return {"flagged": metrics["interruptions"], "harmless": metrics["overlaps"]}


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        (4.8, 6.0, "terminal"),  # starts exactly 0.2 s before the end: not "more than"
        (4.79, 6.0, "brief"),  # 0.21 s before the end, but overlaps only 0.21 s
        (3.0, 3.499, "brief"),  # overlap just under 0.5 s
        (3.0, 3.5, "interruption"),  # overlap exactly 0.5 s
        (1.0, 4.0, "interruption"),
    ],
)
def test_interruption_lead_and_overlap(start: float, end: float, kind: str) -> None:
    found = _overlap(start, end, "I need to explain the policy here.")
    all_kinds = [o["kind"] for o in found["flagged"] + found["harmless"]]
    assert all_kinds == [kind]


@pytest.mark.parametrize(
    ("end", "text", "kind"),
    [
        (3.999, "Uh huh.", "backchannel"),  # aizuchi-only, overlap under 1.0 s
        (4.0, "Uh huh.", "interruption"),  # exactly 1.0 s is no longer a backchannel
        (3.6, "Right, I see.", "backchannel"),
        (3.6, "Right, but you should have read it.", "interruption"),  # not aizuchi only
    ],
)
def test_backchannel_needs_aizuchi_only_and_under_one_second(
    end: float, text: str, kind: str
) -> None:
    assert [o["kind"] for o in _overlap(3.0, end, text)["flagged"]] == [kind]


def test_japanese_backchannel() -> None:
    session = record(
        [utt("customer", 0.0, 5.0, "届かないんです。"), utt("trainee", 3.0, 3.7, "はい、ええ")],
        language="ja",
    )
    assert score_session(session)["metrics"]["interruptions"][0]["kind"] == "backchannel"


@pytest.mark.parametrize(("quiet", "count"), [(2.999, 0), (3.0, 1), (5.0, 1)])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_silence_threshold(quiet: float, count: int, language: str) -> None:
    session = record(
        [
            utt("customer", 0.0, 2.0, "Hello?"),
            utt("trainee", 2.5, 4.0, "Sorry, yes."),
            utt("customer", 4.0 + quiet, 8.0 + quiet, "Are you there?"),
        ],
        language=language,
    )
    assert len(score_session(session)["metrics"]["silences"]) == count


def test_silence_during_a_hold_is_not_silence() -> None:
    session = record(
        [
            utt("trainee", 0.0, 2.0, "Could you hold for a moment?"),
            utt("trainee", 40.0, 42.0, "Thank you for holding."),
        ],
        events=[{"t": 2.5, "kind": "hold_start"}, {"t": 39.0, "kind": "hold_end"}],
    )
    assert score_session(session)["metrics"]["silences"] == []


def test_caller_cut_in_is_recorded_not_penalised() -> None:
    session = record(
        [
            utt("customer", 0.0, 2.0, "Well?"),
            utt("trainee", 2.5, 12.0, "So what happened was the courier and the depot and then."),
            utt("customer", 10.0, 12.5, "Stop. Just tell me.", cut_in=True),
        ]
    )
    metrics = score_session(session)["metrics"]
    assert metrics["interruptions"] == []
    assert metrics["caller_cut_ins"] == [
        {"start": 10.0, "overlap": 2.0, "turn": "t", "utterance": 2}
    ]


def test_barge_in_is_judged_against_the_line_as_planned() -> None:
    # The caller stopped 0.25 s after the trainee barged in; the line was to run to 5.0.
    caller = utt("customer", 0.0, 2.25, "I have been waiting for two weeks and", planned_end=5.0)
    trainee = utt("trainee", 2.0, 6.0, "Yes, but the courier said it was delivered.")
    flagged = score_session(record([caller, trainee]))["metrics"]["interruptions"]
    assert flagged == [
        {"start": 2.0, "overlap": 3.0, "turn": "t", "utterance": 1, "kind": "interruption"}
    ]
    without_plan = utt("customer", 0.0, 2.25, "I have been waiting for two weeks and")
    assert score_session(record([without_plan, trainee]))["metrics"]["interruptions"] == []
