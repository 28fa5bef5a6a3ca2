"""Test doubles for the TUI: a small Japanese scenario, a library, an in-memory store and
a session whose score card is fixed (scoring has its own tests; these test the screens)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.engine.record import SessionSink
from simulator.engine.session import CallSession
from simulator.scenario.model import (
    Branch,
    Briefing,
    Caller,
    Condition,
    CutIn,
    Ending,
    HoldRules,
    KeyPhrase,
    MoodSpec,
    Policy,
    Scenario,
    SilenceRule,
    Turn,
)
from simulator.store.store import SessionSummary
from simulator.tui.app import CallCoachApp
from simulator.tui.services import CallOptions, Services
from tests.engine.fakes import substring_detector
from tests.virtual_clock import VirtualClock

WORDS = {
    "申し訳": "apology",
    "お気持ち": "empathy",
    "復唱": "confirmation",
    "確認": "confirmation",
    "必ず": "over_promise",
    "だから": "ng_phrase",
    "少々お待ち": "hold",
}


fake_detect = substring_detector(WORDS)


def late_parcel() -> Scenario:
    turns = (
        Turn(
            id="open",
            say=("荷物がまだ届かないんですけど！どうなってるんですか？",),
            expects=("apology", "empathy"),
            model_answer="お待たせしてしまい、大変申し訳ございません。",
            branches=(
                Branch(
                    Condition(interrupted=True),
                    next="angrier",
                    mood=15,
                    say=("まだ話してるでしょ！",),
                ),
                Branch(Condition(detected_any=("apology", "empathy")), next="order", mood=-20),
            ),
            otherwise=Branch(Condition(), next="order", mood=5),
        ),
        Turn(
            id="order",
            say=("注文番号はA-1234です。",),
            expects=("confirmation",),
            key_phrases=(KeyPhrase("注文番号", ("A-1234", "A1234")),),
            hint="注文番号を復唱して確認しましょう。",
            model_answer="念のため復唱いたします。ご注文番号A-1234でお間違いないでしょうか。",
            branches=(
                Branch(
                    Condition(said=("注文番号",), detected=("confirmation",)),
                    next="thanks",
                    mood=-30,
                ),
            ),
            otherwise=Branch(Condition(), next="escalate", mood=10),
        ),
        Turn(
            id="angrier",
            say=("ちゃんと聞いてるんですか？",),
            expects=("apology",),
            branches=(Branch(Condition(detected=("apology",)), next="order", mood=-10),),
            otherwise=Branch(Condition(), next="hang-up", mood=30),
        ),
    )
    return Scenario(
        id="ja-test-late-parcel",
        title="荷物が届かない（テスト）",
        language="ja",
        caller=Caller(
            type="angry",
            name="山田様",
            persona="40代。週末の旅行に使う鞄を注文した。",
            cut_in=CutIn(after=20.0, say=("ちょっと、長いです。",), mood=5),
            silence=SilenceRule(after=5.0, say=("もしもし？",), mood=10),
        ),
        briefing=Briefing(
            situation="11月20日に注文した鞄が、指定日の11月22日を過ぎても届いていない。",
            history=("2026-11-20 旅行鞄（ご注文番号 A-1234）12,800円",),
            contacts=("2026-11-22 メール: 配送状況の問い合わせ（未返信）",),
            handled_by="一次対応: 鈴木",
            goal="お詫びし、注文番号を復唱して、配送状況の確認を約束する。",
        ),
        policy=Policy(
            may_offer=("配送業者への至急の確認", "送料の返金"),
            must_not_promise=("明日必ず届けます",),
            notes=("配送業者の窓口は18時まで。",),
        ),
        turns=turns,
        endings={
            "thanks": Ending("thanks", "resolved", ("わかりました。よろしくお願いします。",)),
            "escalate": Ending("escalate", "escalated", ("上の人に代わってください。",)),
            "hang-up": Ending("hang-up", "hung_up", ("もういいです。",)),
        },
        mood=MoodSpec(start=70, hang_up=100, calm=30),
        hold=HoldRules(patience=30.0, too_long_mood=15, too_long_say=("待たせすぎです！",)),
    )


def english_scenario() -> Scenario:
    base = late_parcel()
    return Scenario(
        id="en-test-sofa",
        title="Sofa cover in the wrong colour (test)",
        language="en",
        caller=Caller(type="logical", name="Sam"),
        briefing=Briefing(situation="A grey cover came instead of navy."),
        turns=(Turn(id="open", say=("The cover is grey, not navy.",)),),
        endings=base.endings,
        difficulty=1,
    )


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    language: str
    caller_type: str
    difficulty: int
    path: Path | None = None
    tags: tuple[str, ...] = ()


class FakeLibrary:
    def __init__(self, scenarios: Sequence[Scenario]) -> None:
        self.scenarios = {s.id: s for s in scenarios}
        self.problems: list[Any] = []

    def entries(self) -> list[Entry]:
        return [
            Entry(s.id, s.title, s.language, s.caller.type, s.difficulty)
            for s in self.scenarios.values()
        ]

    def resolve(self, id_or_path: str) -> Scenario:
        return self.scenarios[id_or_path]


@dataclass
class RecordingSink:
    """Remembers what the engine committed, in order."""

    calls: list[tuple[str, Any]] = field(default_factory=list)

    def session_started(self, header: dict[str, Any]) -> None:
        self.calls.append(("started", header))

    def utterance_added(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self.calls.append(("utterance", dict(utterance)))

    def utterance_updated(self, session_id: str, index: int, utterance: dict[str, Any]) -> None:
        self.calls.append(("updated", dict(utterance)))

    def event_added(self, session_id: str, event: dict[str, Any]) -> None:
        self.calls.append(("event", dict(event)))

    def session_finished(
        self, session_id: str, outcome: str, scorecard: dict[str, Any] | None
    ) -> None:
        self.calls.append(("finished", outcome))

    def kinds(self, kind: str) -> list[Any]:
        return [data for what, data in self.calls if what == kind]


class FakeStore:
    def __init__(self) -> None:
        self.sinks: list[RecordingSink] = []
        self.closed = False

    def sink(self) -> RecordingSink:
        self.sinks.append(RecordingSink())
        return self.sinks[-1]

    def history(self, trainee: str | None = None, limit: int = 50) -> list[SessionSummary]:
        started = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
        summaries = []
        for sink in self.sinks:
            header = sink.kinds("started")[0]
            finished = sink.kinds("finished")
            summaries.append(
                SessionSummary(
                    id=header["id"],
                    started_at=started,
                    scenario_id=header["scenario"]["id"],
                    scenario_title=header["scenario"]["title"],
                    language=header.get("language"),
                    caller_type=header.get("caller_type"),
                    mode=header.get("mode"),
                    trainee=header.get("trainee"),
                    outcome=finished[0] if finished else None,
                    complete=bool(finished),
                    total=82.0 if finished else None,
                    passed=True if finished else None,
                )
            )
        return [s for s in summaries if trainee in (None, s.trainee)][:limit]

    def close(self) -> None:
        self.closed = True


FIXED_CARD: dict[str, Any] = {
    "format": "callcoach.scorecard/1",
    "total": 82,
    "passed": True,
    "rubric": "angry",
    "dimensions": {
        "listening": {"score": 90, "weight": 0.3},
        "empathy": {"score": 80, "weight": 0.3},
        "pacing": {"score": None, "weight": 0.15},
        "politeness": {"score": 85, "weight": 0.15},
        "resolution": {"score": 60, "weight": 0.1},
    },
    "metrics": {
        "interruptions": [],
        "silences": [{"start": 9.0, "duration": 3.2}],
        "talk_ratio": 0.41,
    },
    "feedback": [
        {"turn": "open", "severity": "good", "message": "最初の応答でお詫びを伝えられています。"},
        {"turn": "order", "severity": "warn", "message": "最後にもう一度名乗りましょう。"},
    ],
}


class FixedScoreSession(CallSession):
    """The real engine with the fake detector and a fixed score card."""

    def _score(self) -> dict[str, Any]:
        return dict(FIXED_CARD)


def fake_session(
    scenario: Scenario, options: CallOptions, sinks: Sequence[SessionSink]
) -> CallSession:
    return FixedScoreSession(
        scenario,
        mode="text",
        detector=fake_detect,
        level=options.level,
        seed=options.seed,
        trainee=options.trainee,
        sinks=sinks,
    )


@dataclass
class Harness:
    app: CallCoachApp
    clock: VirtualClock
    store: FakeStore
    library: FakeLibrary


def make_app(
    tmp_path: Path,
    *,
    options: CallOptions | None = None,
    scenario: Scenario | None = None,
    store: bool = True,
) -> Harness:
    clock = VirtualClock()
    fake_store = FakeStore()
    library = FakeLibrary([late_parcel(), english_scenario()])
    services = Services(
        library=library,
        open_store=(lambda: fake_store) if store else None,
        clock_factory=lambda: clock,
        session_factory=fake_session,
        settings_path=tmp_path / "tui.json",
        voice_warmer=None,  # no real voice rendering behind UI tests
        voice_check=None,
        asr_loader=None,  # no real recogniser loading behind UI tests
    )
    app = CallCoachApp(
        services, options or CallOptions(seed=7, level=2), scenario=scenario, cursor_blink=False
    )
    return Harness(app, clock, fake_store, library)
