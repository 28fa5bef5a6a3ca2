"""Hostile sizes (issue 14): phrase detection on huge replies and `callcoach score` on a
session of 100,000 utterances — time and peak memory. Before the linear detection,
"sorry" ×20,000 took 71 s and a 1 MB reply did not finish in 120 s."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EN_PIECES = [
    "I'm so sorry about that, ",
    "I understand how frustrating this is. ",
    "Let me check the order for you, ",
    "but I can't promise a refund today. ",
    "I see. ",
    "Thank you for waiting. ",
]
JA_PIECES = [
    "大変申し訳ございません。",
    "お気持ちお察しいたします、",
    "さようでございますか。",
    "本日中のご返金はいたしかねますが、",
    "確認いたしますので少々お待ちください。",
    "ありがとうございます。",
]


def _reply(pieces: list[str], size: int) -> str:
    """About ``size`` bytes of UTF-8 made of the pieces in turn."""
    out: list[str] = []
    used = 0
    while used < size:
        piece = pieces[len(out) % len(pieces)]
        out.append(piece)
        used += len(piece.encode("utf-8"))
    return "".join(out)


def _timed(label: str, text: str, language: str) -> None:
    from scoring import detect

    start = time.perf_counter()
    found = detect(text, language)
    seconds = time.perf_counter() - start
    size = len(text.encode("utf-8"))
    print(f"{label:<46} {seconds:8.2f} s  ({size / 1e6:.2f} MB, {len(found.hits):,} hits)")


def detection() -> None:
    from scoring import detect

    detect("sorry", "en")
    detect("申し訳ございません", "ja")  # lexicons and the dictionary loaded once
    _timed('detect: one reply of "sorry" ×20,000 (en)', "sorry " * 20_000, "en")
    _timed("detect: one 1 MB reply (en)", _reply(EN_PIECES, 1 << 20), "en")
    _timed("detect: one 1 MB reply (ja)", _reply(JA_PIECES, 1 << 20), "ja")


def _big_session(path: Path, utterances: int) -> None:
    lines = []
    t = 0.0
    for number in range(utterances):
        customer = number % 2 == 0
        pieces = ["Where is my order?", "This is the third time I call."] if customer else EN_PIECES
        text = pieces[number // 2 % len(pieces)]
        lines.append(
            {
                "speaker": "customer" if customer else "trainee",
                "start": round(t, 2),
                "end": round(t + 2.0, 2),
                "text": text,
            }
        )
        t += 2.6
    record = {
        "format": "callcoach.session/1",
        "language": "en",
        "caller_type": "angry",
        "mode": "replay",
        "utterances": lines,
        "events": [],
        "outcome": "resolved",
    }
    path.write_text(json.dumps(record), encoding="utf-8")


def score_many_utterances(count: int = 100_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.json"
        _big_session(path, count)
        command = [sys.executable, "-m", "simulator", "score", "--format", "json", str(path)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KiB → MiB
        size = path.stat().st_size / 1e6
    status = "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()}"
    label = f"callcoach score, one session of {count:,} utterances"
    print(f"{label:<46} {seconds:8.2f} s  peak {peak:.0f} MiB  ({size:.1f} MB file, {status})")


def main() -> None:
    detection()
    score_many_utterances()


if __name__ == "__main__":
    main()
