"""A call that dies mid-way (SIGKILL, Ctrl-C) keeps every committed utterance and
stays marked incomplete. The child process says when it is ready through its stdout
pipe, so nothing here waits on a timer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.store import open_store

CHILD = Path(__file__).with_name("crash_child.py")
REPO = CHILD.parents[2]
UTTERANCES = 5


def start_call(url: str, mode: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), url, str(UTTERANCES), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert child.stdout is not None
    session_id = child.stdout.readline().strip()
    if not session_id:
        child.kill()
        raise AssertionError(f"child failed: {child.communicate()[1]}")
    return child, session_id


def assert_kept_and_incomplete(url: str, session_id: str) -> None:
    with open_store(url) as store:
        record = store.load_record(session_id)
        [summary] = store.history(trainee="crash-test")
    assert [u["text"] for u in record["utterances"]] == [f"発話{i}" for i in range(UTTERANCES)]
    assert [e["value"] for e in record["events"]] == [50 + i for i in range(UTTERANCES)]
    assert record["outcome"] is None
    assert (summary.id, summary.complete, summary.status) == (session_id, False, "incomplete")


def test_a_process_killed_mid_call_keeps_every_utterance(db_url: str) -> None:
    child, session_id = start_call(db_url, "wait")
    child.send_signal(signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert_kept_and_incomplete(db_url, session_id)


def test_a_process_that_kills_itself_keeps_every_utterance(sqlite_url: str) -> None:
    child, session_id = start_call(sqlite_url, "self-kill")
    child.communicate()
    assert child.returncode == -signal.SIGKILL
    assert_kept_and_incomplete(sqlite_url, session_id)


def test_ctrl_c_mid_call_keeps_every_utterance(db_url: str) -> None:
    child, session_id = start_call(db_url, "wait")
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate()
    assert child.returncode == 130 and "interrupted" in out
    assert_kept_and_incomplete(db_url, session_id)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_the_killed_database_still_takes_new_calls(sqlite_url: str, sig: signal.Signals) -> None:
    from tests.store.test_roundtrip import record_a_call

    child, _ = start_call(sqlite_url, "wait")
    child.send_signal(sig)
    child.communicate()
    recorder = record_a_call(sqlite_url)
    with open_store(sqlite_url) as store:
        assert store.load_record(recorder.id) == recorder.record
        assert {s.status for s in store.history()} == {"incomplete", "resolved"}
