"""Scoring benchmarks (DESIGN.md §11): prints figures, never passes or fails.

1. Scoring one 10-minute session of ~120 utterances, after lexicons are loaded
   (budget < 50 ms): cold (every text new), with pyopenjtalk readings cached (as
   after the engine detected each reply during the call), and warm (all cached).
2. `callcoach score` over 1,000 session files (in-process, output discarded), in
   one process and with the default worker processes.

Run: .venv/bin/python bench/bench_scoring.py [--sessions N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CALLER_JA = [
    "注文した商品がまだ届かないんですけど、どうなっているんですか。",
    "昨日届くと言われたから、一日中家で待っていたんですよ。",
    "前にも電話しましたよね。同じ説明を何度もさせないでください。",
    "それで、結局いつ届くんですか。はっきり言ってください。",
    "もういいです。責任者の方に代わってもらえますか。",
    "箱もつぶれていましたし、中身が心配なんです。",
    "そちらの対応はいつもこうなんですか。",
    "メールも送ったのに、返事がありませんでした。",
    "ポイントも付いていないみたいなんですけど。",
    "週末に使う予定だったので、本当に困っています。",
]
TRAINEE_JA = [
    "お電話代わりました。リーダーの佐藤と申します。",
    "大変申し訳ございません。お気持ちお察しいたします。",
    "さようでございますか。",
    "念のため復唱いたします。ご注文番号{n}でお間違いないでしょうか。",
    "恐れ入りますが、配送状況を確認いたしますので、少々お待ちいただけますでしょうか。",
    "大変お待たせいたしました。{n}番のお荷物は明日の午前中にお届けの予定でございます。",
    "ええ、おっしゃる通りでございます。",
    "お電話ありがとうございました。担当の佐藤が承りました。",
    "ご不便をおかけしております。",
    "楽しみにされていたのに、さぞがっかりされたことと存じます。",
    "配送業者に状況を問い合わせいたします。",
    "恐れ入りますが、ご住所をもう一度お伺いしてもよろしいでしょうか。",
    "新しい商品を本日中にお送りいたします。",
    "ご指摘いただき、ありがとうございます。",
]
CALLER_EN = [
    "Where is my parcel? It was due yesterday.",
    "I have called three times already.",
    "So when will it arrive, exactly?",
    "This is not good enough.",
    "The box was crushed as well.",
    "Nobody answered my email.",
    "I needed it for the weekend.",
    "Is this how you treat customers?",
    "The tracking page has not changed for days.",
    "I paid for express shipping.",
    "My neighbour got the same order on time.",
    "I want to know who is responsible.",
]
TRAINEE_EN = [
    "I'm so sorry about that, I understand how frustrating this must be.",
    "Just to confirm, the order number is {n}?",
    "I see.",
    "I'm afraid I can't promise Saturday, but I can send it by express today.",
    "Thank you for calling, have a good day.",
]


def _new_line(rng: random.Random, pool: list[str], seen: set[str], language: str) -> str:
    """Two sentences from ``pool``, never a line already used in this call (a real call
    has no line twice, so nothing is cached by accident)."""
    for _attempt in range(10_000):
        first, second = rng.sample(pool, 2)
        text = f"{first} {second}".format(n=rng.randint(10000, 99999))
        text = text.replace(" ", "") if language == "ja" else text
        if text not in seen:
            seen.add(text)
            return text
    raise RuntimeError("sentence pool too small for a call this long")


def make_session(
    language: str, seed: int, utterances: int = 120, minutes: float = 10.0
) -> dict[str, Any]:
    """A synthetic call: alternating caller and trainee lines filling ``minutes``."""
    rng = random.Random(seed)
    callers, trainees = (CALLER_JA, TRAINEE_JA) if language == "ja" else (CALLER_EN, TRAINEE_EN)
    slot = minutes * 60.0 / utterances
    items = []
    seen: set[str] = set()
    for index in range(utterances):
        start = index * slot + rng.uniform(-0.3, 0.4)
        speaker = "customer" if index % 2 == 0 else "trainee"
        pool = callers if speaker == "customer" else trainees
        text = _new_line(rng, pool, seen, language)
        items.append(
            {
                "speaker": speaker,
                "turn": f"t{index // 2}",
                "start": round(max(0.0, start), 3),
                "end": round(max(0.0, start) + slot * rng.uniform(0.6, 0.95), 3),
                "text": text,
            }
        )
    return {
        "format": "callcoach.session/1",
        "id": f"bench-{seed}",
        "language": language,
        "caller_type": "angry",
        "mode": "voice",
        "utterances": items,
        "events": [{"t": 200.0, "kind": "hold_start"}, {"t": 225.0, "kind": "hold_end"}],
        "outcome": "resolved",
    }


def _cpu() -> float:
    """CPU time of this process: steadier than wall time on a shared machine."""
    return time.process_time()


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def bench_one_session() -> None:
    from scoring import detect, score_session
    from scoring.detect import _scan
    from scoring.reading import tokens

    started = time.perf_counter()
    detect("申し訳ございません", "ja")
    detect("I'm sorry", "en")
    print(f"load lexicons + pyopenjtalk (once per process): {_ms(time.perf_counter() - started)}")
    for language in ("ja", "en"):
        figures: dict[str, list[float]] = {"cold": [], "readings cached": [], "warm": []}
        for seed in range(7):
            session = make_session(language, 1000 + seed)
            tokens.cache_clear()  # cold: no text seen before
            _scan.cache_clear()
            figures["cold"].append(_timed(score_session, session))
            _scan.cache_clear()  # phrase matching again, pyopenjtalk readings cached
            figures["readings cached"].append(_timed(score_session, session))
            figures["warm"].append(_timed(score_session, session))
        shown = " | ".join(
            f"{k} {_ms(statistics.median(v))} (best {_ms(min(v)).strip()})"
            for k, v in figures.items()
        )
        print(f"10-min session, 120 utterances, {language}: {shown}  (CPU time, median of 7)")


def _timed(function: Any, argument: Any) -> float:
    started = _cpu()
    function(argument)
    return _cpu() - started


def bench_cli(count: int) -> None:
    from simulator.cli.commands import score

    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number in range(count):
            path = Path(folder) / f"s{number:04d}.json"
            session = make_session("ja" if number % 2 else "en", number, utterances=40, minutes=4.0)
            path.write_text(json.dumps(session, ensure_ascii=False), encoding="utf-8")
            paths.append(str(path))
        for jobs in (1, None):
            args = argparse.Namespace(files=paths, format="json", rubric=None, jobs=jobs)
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                code = score.run(args)
            elapsed = time.perf_counter() - started
            how = "one process" if jobs == 1 else "a worker per CPU (default)"
            print(
                f"callcoach score over {count} sessions (40 utterances each), {how}: "
                f"{elapsed:6.2f} s wall ({count / elapsed:5.0f} sessions/s, exit {code})"
            )


def main(argv: list[str] | None = None) -> None:
    """Called without arguments by ``python -m bench``; options only from the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=1000)
    args = parser.parse_args(argv or [])
    bench_one_session()
    bench_cli(args.sessions)


if __name__ == "__main__":
    main(sys.argv[1:])
