"""The team and data commands speak the interface language (--ui-lang, else the
locale): their messages, tables and one-line errors, in Japanese and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.store.conftest import sqlite_only
from tests.team.conftest import SET_ID, Cli

ONE_LINE_JA = re.compile(r"^callcoach: .+broken\.jsonl:(\d+)(:\d+)?: .+ — .+$")


def out_and_err(capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    captured = capsys.readouterr()
    return captured.out, captured.err


@sqlite_only
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "ja",
            ["終了したドリルはまだありません", "ユーザーはまだいません", "割り当てはありません"],
        ),
        ("en", ["no finished drills yet", "no users yet", "no assignments"]),
    ],
)
def test_empty_lists_say_so_in_the_interface_language(
    cli: Cli, capsys: pytest.CaptureFixture[str], language: str, expected: list[str]
) -> None:
    said = []
    for command in (["leaderboard"], ["trainee", "list"], ["assignments"]):
        assert cli("--ui-lang", language, *command) == 0
        said.append(out_and_err(capsys)[0].strip())
    assert said == expected


@sqlite_only
def test_the_locale_chooses_japanese_without_ui_lang(
    cli: Cli, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert cli("leaderboard") == 0
    assert out_and_err(capsys)[0] == "終了したドリルはまだありません\n"


@sqlite_only
def test_users_assignments_and_a_drill_in_japanese(
    cli: Cli, replay_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ja = ("--ui-lang", "ja")
    assert cli(*ja, "trainee", "add", "田中", "--role", "trainer") == 0
    assert out_and_err(capsys)[0] == "田中: 保存しました（役割: トレーナー）\n"
    assert cli(*ja, "trainee", "add", "佐藤", "--team", "一課", "--as", "田中") == 0
    assert out_and_err(capsys)[0] == "佐藤: 保存しました（チーム: 一課）\n"
    assert cli(*ja, "trainee", "list", "--as", "田中") == 0
    head, *rows = out_and_err(capsys)[0].splitlines()
    assert head.split() == ["名前", "役割", "チーム"]
    assert sorted(row.split()[1] for row in rows) == ["トレーナー", "受講者"]
    assert (
        cli(*ja, "assign", SET_ID, "--trainee", "佐藤", "--due", "2030-01-31", "--as", "田中") == 0
    )
    assert out_and_err(capsys)[0].startswith(
        f"割り当て 1: {SET_ID} を 受講者 佐藤 に（期限 2030-01-31"
    )
    assert cli(*ja, "assignments", "--as", "田中") == 0
    head, row = out_and_err(capsys)[0].splitlines()
    assert head.split() == ["期限", "セット", "受講者", "チーム", "挑戦", "最高点", "状態"]
    assert row.split()[-1] == "未完了"
    drill = ("drill", SET_ID, "--trainee", "佐藤", "--replay-dir", str(replay_dir))
    assert cli(*ja, *drill, "--as", "佐藤") == 0
    lines = out_and_err(capsys)[0].splitlines()
    assert lines[0] == f"{SET_ID}: 佐藤 さんの挑戦 1/2 回目"
    assert lines[1].startswith("  ja-angry-late-delivery: 解決") and "得点" in lines[1]
    assert lines[-1].startswith("ドリルの得点 ") and "合格点 60" in lines[-1]
    assert cli(*ja, "leaderboard", "--as", "田中") == 0
    head, _row = out_and_err(capsys)[0].splitlines()
    assert head.split() == ["セット", "順位", "受講者", "得点", "結果", "終了日時", "挑戦"]


@sqlite_only
def test_a_trainee_is_refused_in_one_japanese_line(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("trainee", "add", "boss", "--role", "trainer") == 0
    assert cli("trainee", "add", "kim", "--as", "boss") == 0
    capsys.readouterr()
    code = cli("--ui-lang", "ja", "trainee", "add", "lee", "--as", "kim")
    assert code != 0
    err = out_and_err(capsys)[1]
    assert err == (
        "callcoach: ユーザーとチームの変更はトレーナーだけが行えます（kim は受講者です）\n"
    )
    assert cli("--ui-lang", "ja", "assign", SET_ID, "--team", "a", "--due", "31/01") == 2
    assert out_and_err(capsys)[1] == (
        "callcoach: --due '31/01': 日付を YYYY-MM-DD の形で指定してください\n"
    )


@sqlite_only
@pytest.mark.parametrize(
    ("language", "what", "summary"),
    [
        (
            "ja",
            "JSON として読めません（値がありません）",
            "取り込み 0 件、登録済み 0 件、不正な行 2 件",
        ),
        ("en", "invalid JSON (Expecting value)", "0 imported, 0 already there, 2 bad line(s)"),
    ],
)
def test_a_broken_import_file_gives_one_line_per_bad_line(
    cli: Cli,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    what: str,
    summary: str,
) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('\n{"format": "callcoach.session/9"}\nnot json\n', encoding="utf-8")
    assert cli("--ui-lang", language, "import", str(broken)) == 2
    out, err = out_and_err(capsys)
    first, second = err.splitlines()
    assert ONE_LINE_JA.match(first) and ONE_LINE_JA.match(second)
    assert first.startswith(f"callcoach: {broken}:2: ")
    assert second.startswith(f"callcoach: {broken}:3:1: {what} — ")
    assert out == f"{broken}: {summary}\n"
    if language == "ja":
        assert "format が 'callcoach.session/9' です" in first


@sqlite_only
def test_a_missing_import_file_and_a_missing_set_in_japanese(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.jsonl"
    assert cli("--ui-lang", "ja", "import", str(missing)) == 2
    assert out_and_err(capsys)[1] == (
        f"callcoach: {missing}: ファイルがありません"
        " — `callcoach export` で書き出した .jsonl ファイルを指定してください\n"
    )
    assert (
        cli("--ui-lang", "ja", "drill", "no-such-set", "--trainee", "a", "--replay-dir", ".") != 0
    )
    assert out_and_err(capsys)[1].startswith(
        "callcoach: シナリオセット 'no-such-set' が見つかりません"
    )


@sqlite_only
def test_purge_and_export_report_in_japanese(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli("--ui-lang", "ja", "purge", "--trainee", "nobody", "--yes") == 1
    assert out_and_err(capsys)[1] == (
        "callcoach: 受講者 'nobody' はこのデータベースにいません。削除するものはありません\n"
    )
    out_file = tmp_path / "all.jsonl"
    assert cli("--ui-lang", "ja", "export", "--out", str(out_file)) == 0
    assert out_and_err(capsys)[0] == f"{out_file}: 記録 0 件\n"
    assert out_file.read_text(encoding="utf-8") == ""  # the file itself: machine output


@sqlite_only
def test_play_lists_the_turns_of_a_call_in_japanese(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = Path(__file__).parents[1] / "library/replays/ja-angry-late-delivery/good.yaml"
    assert cli("--ui-lang", "ja", "run", "ja-angry-late-delivery", "--replay", str(replay)) == 0
    capsys.readouterr()
    assert cli("--ui-lang", "ja", "play", "last") == 0
    lines = out_and_err(capsys)[0].splitlines()
    assert re.fullmatch(r"\[ 0\]\s+0\.0〜\d+\.\d 秒 お客様: .+", lines[0])
    assert re.fullmatch(r"\[ 1\]\s+\d+\.\d〜\d+\.\d 秒 受講者: .+", lines[1])
    assert lines[-1] == "録音: なし（文字入力の通話か、録音を残していません）"
    assert cli("--ui-lang", "ja", "play", "last", "--turn", "99") == 2
    assert "その発話はありません" in out_and_err(capsys)[1]
