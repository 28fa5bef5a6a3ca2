"""`history` shows what `play` takes back: a short unique id and the start in local time
(`play "2026-12-04 18:46"` as the README says); ambiguous names list the candidates."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from simulator.cli.main import main
from simulator.cli.session_ref import short_ids
from simulator.store import open_store
from tests.store.conftest import header, sqlite_url

__all__ = ["sqlite_url"]  # the fixture

CALLS = {  # id → start (UTC); Tokyo is UTC+9
    "abcdef0123456789": "2026-12-04T09:46:10+00:00",
    "abcdef0199999999": "2026-12-04T09:46:50+00:00",
    "12345678aaaaaaaa": "2026-12-04T10:02:00+00:00",
}


@pytest.fixture
def tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def stored(sqlite_url: str) -> str:
    with open_store(sqlite_url) as store:
        sink = store.sink()
        for session_id, started in CALLS.items():
            sink.session_started({**header(None), "id": session_id, "started_at": started})
    return sqlite_url


def cli(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, str, str]:
    code = main(["--db", url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_short_ids_are_unique_starts_of_at_least_eight_characters() -> None:
    assert short_ids(list(CALLS)) == {
        "abcdef0123456789": "abcdef012",
        "abcdef0199999999": "abcdef019",
        "12345678aaaaaaaa": "12345678",
    }
    assert short_ids(["s0", "s1"]) == {"s0": "s0", "s1": "s1"}  # shorter than eight: whole


@pytest.mark.usefixtures("tokyo")
def test_history_shows_ids_and_local_starts_that_play_takes_back(
    stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, stored, "--ui-lang", "en", "history")
    assert code == 0
    rows = [line.split() for line in out.splitlines()[1:]]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("12345678", "2026-12-04", "19:02"),
        ("abcdef019", "2026-12-04", "18:46"),
        ("abcdef012", "2026-12-04", "18:46"),
    ]
    for shown in ("12345678", "2026-12-04 19:02", "2026-12-04T19:02", "2026-12-04T10:02Z"):
        code, out, err = cli(capsys, stored, "play", shown)
        assert (code, err) == (0, ""), shown
        assert out.endswith("recording: none (text mode, or it was not kept)\n")
    # to the second, when the minute is shared
    assert cli(capsys, stored, "play", "2026-12-04 18:46:50")[0] == 0


@pytest.mark.usefixtures("tokyo")
def test_an_ambiguous_start_or_prefix_lists_the_candidates_on_one_line(
    stored: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, stored, "play", "2026-12-04 18:46")
    assert code == 2 and err.count("\n") == 1
    assert err.startswith("callcoach: 2 sessions started at 2026-12-04 18:46: ")
    assert "abcdef019 (ja-angry-late-delivery, 2026-12-04 18:46)" in err
    assert "abcdef012 (ja-angry-late-delivery, 2026-12-04 18:46)" in err
    code, _, err = cli(capsys, stored, "play", "abcdef")
    assert code == 2 and err.count("\n") == 1
    assert "2 session ids start with 'abcdef': abcdef019 (" in err
    code, _, err = cli(capsys, stored, "play", "2026-12-04 18:47")
    assert code == 1 and err.count("\n") == 1
    assert "no stored session started at 2026-12-04 18:47 (local time" in err
    code, _, err = cli(capsys, stored, "play", "2026-13-04 18:47")
    assert code == 2 and "not a date and time" in err


def test_history_speaks_japanese(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.store.test_roundtrip import record_a_call

    record_a_call(sqlite_url, trainee="佐藤")
    code, out, _ = cli(capsys, sqlite_url, "--ui-lang", "ja", "history")
    head, row = out.splitlines()
    assert code == 0
    assert head.split() == ["ID", "日時", "シナリオ", "研修者", "方法", "結果", "得点"]
    assert row.split()[-4:] == ["文字", "解決", "78", "(合格)"]
    _, out, _ = cli(capsys, sqlite_url, "--ui-lang", "en", "history")
    assert out.splitlines()[1].split()[-4:] == ["text", "resolved", "78", "(pass)"]
