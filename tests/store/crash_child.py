"""A call that dies: records a few utterances through SessionStore, tells the parent
(one line on stdout: the session id) and then waits to be killed or interrupted —
or kills itself. Run by test_crash.py as ``python crash_child.py URL COUNT MODE``."""

from __future__ import annotations

import os
import signal
import sys


def main(url: str, count: int, mode: str) -> int:
    from simulator.engine.record import SessionRecorder
    from simulator.store import open_store

    store = open_store(url)
    try:
        recorder = SessionRecorder(
            {
                "scenario": {"id": "crash", "title": "crash"},
                "language": "ja",
                "caller_type": "angry",
                "mode": "text",
                "trainee": "crash-test",
            },
            [store.sink()],
        )
        for i in range(count):
            speaker = "customer" if i % 2 == 0 else "trainee"
            recorder.add_utterance(
                {
                    "speaker": speaker,
                    "turn": f"t{i // 2}",
                    "start": float(i),
                    "end": i + 0.9,
                    "text": f"発話{i}",
                }
            )
            recorder.add_event(i + 0.5, "mood", value=50 + i)
        print(recorder.id, flush=True)
        if mode == "self-kill":
            os.kill(os.getpid(), signal.SIGKILL)
        sys.stdin.read()  # block until the parent kills or interrupts us
        return 0
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        return 130
    finally:
        store.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
