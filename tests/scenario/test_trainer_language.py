"""The trainer commands speak the interface language (issue 13): `validate` (its problems,
warnings and summary), `config`, `graph` and `new`, run through the real entry point in
Japanese and in English. Positions, YAML key names, ids and snippets stay as typed.
Also `validate`'s exit codes: 1 for problems in the files, 2 for a path it cannot check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.scenario.model import CALLER_TYPES, LANGUAGES, OUTCOMES, PHRASE_CATEGORIES
from tests.scenario.conftest import GOOD
from tests.tui.test_untranslated import (
    JAPANESE,
    TRAINER_ALLOWED,
    english_in,
    without_format_keys,
)

QUOTED = re.compile(r"'[^']*'|\[[^\]]*\]|\{[^}]*\}|「[^」]*」")
# File names, ids and snake_case values (hang-up, en-test-warnings.yaml, hung_up).
NAMES = re.compile(r"[\w.-]+\.ya?ml|\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b")
VALUES = {*OUTCOMES, *CALLER_TYPES, *LANGUAGES, *PHRASE_CATEGORIES}  # as written in the file
BAD_COLON = """\
format: callcoach.scenario/1
id: ja-test-colon
title: 全角コロン
goal： 返品を受け付ける
"""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def english_words(text: str) -> list[str]:
    """English left in a Japanese line once what an author types is taken out: quoted
    names and snippets ('goal: ', [..], {..}, 「..」), YAML keys, commands."""
    typed = without_format_keys(NAMES.sub(" ", QUOTED.sub(" ", text)))
    return english_in(typed, TRAINER_ALLOWED | VALUES)


def message_of(line: str, path: Path) -> str:
    """`file:line:col: what — expected` without its position."""
    assert line.startswith(f"{path}:"), line
    return re.sub(r"^:\d+:\d+: ", "", line[len(str(path)) :])


# -- validate: the pre-pass, warnings, the summary ----------------------------------------
def test_a_full_width_colon_is_explained_in_japanese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ja-test-colon.yaml"
    path.write_text(BAD_COLON, encoding="utf-8")
    code, out, err = run(["--ui-lang", "ja", "validate", str(path)], capsys)
    problem, summary = out.splitlines()
    assert code == 1 and err == ""
    assert problem.startswith(f"{path}:4:5: ")  # the column of the ： itself
    what, expected = message_of(problem, path).split(" — ")
    assert what == "'goal' の後のコロンが全角の '：' です"
    assert expected == "半角のコロンとスペースで 'goal: ' と入力してください"
    assert english_words(problem.removeprefix(str(path))) == []
    assert summary == "エラー 1 件、警告 0 件（1 ファイルを確認）"


def test_the_same_slip_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ja-test-colon.yaml"
    path.write_text(BAD_COLON, encoding="utf-8")
    code, out, _ = run(["--ui-lang", "en", "validate", str(path)], capsys)
    problem, summary = out.splitlines()
    assert code == 1
    assert message_of(problem, path) == (
        "a full-width colon '：' after 'goal' — a half-width colon and a space: 'goal: '"
    )
    assert JAPANESE.findall(problem) == ["："]  # only the character it points at
    assert summary == "1 error(s), 0 warning(s) in 1 file checked"


def test_the_locale_chooses_the_language_without_a_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ja-test-colon.yaml"
    path.write_text(BAD_COLON.replace("goal：", "\u3000goal:"), encoding="utf-8")
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    code, out, _ = run(["validate", str(path)], capsys)
    problem = out.splitlines()[0]
    assert code == 1 and problem.startswith(f"{path}:4:1: ")
    assert "インデントに全角スペース（U+3000）があります" in problem
    assert "半角スペースでインデントしてください" in problem


@pytest.mark.parametrize("language", ["ja", "en"])
def test_warnings_and_the_summary_speak_one_language(
    capsys: pytest.CaptureFixture[str], language: str
) -> None:
    path = GOOD / "warnings-only.yaml"
    code, out, _ = run(["--ui-lang", language, "validate", str(path)], capsys)
    *warnings, summary = out.splitlines()
    assert code == 0 and len(warnings) == 8
    messages = [message_of(line, path) for line in warnings]
    if language == "ja":
        assert all(m.startswith("警告: ") and " — " in m for m in messages)
        assert {m: english_words(m) for m in messages if english_words(m)} == {}
        assert summary == "1 ファイル: 問題ありません（警告 8 件）"
    else:
        assert all(m.startswith("warning: ") for m in messages)
        assert [m for m in messages if JAPANESE.search(m)] == []
        assert summary == "1 file OK (8 warning(s))"


def test_shape_errors_say_in_japanese_what_the_field_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = GOOD.parent / "broken" / "many-shape-errors.yaml"
    code, out, _ = run(["--ui-lang", "ja", "validate", str(path)], capsys)
    lines = out.splitlines()
    assert code == 1
    assert f"{path}:6:13: difficulty: 5 は範囲外です — 1 以上 3 以下の整数" in lines
    assert any("不明なキー 'nmae'（'name' のことですか？）" in line for line in lines)
    # the field's path (its own key, even misspelt) leads each message
    shown = [message_of(line, path).split(": ", 1)[1] for line in lines[:-1]]
    assert {m: english_words(m) for m in shown if english_words(m)} == {}


# -- validate: exit codes -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("language", "said"),
    [("ja", "ファイルもフォルダも見つかりません"), ("en", "no such file or folder")],
)
def test_a_missing_path_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], language: str, said: str
) -> None:
    good = GOOD / "minimal.yaml"
    missing = tmp_path / "nowhere.yaml"
    code, out, err = run(["--ui-lang", language, "validate", str(good), str(missing)], capsys)
    assert (code, out) == (2, "")
    assert err == f"callcoach: {missing}: {said}\n"


def test_an_unreadable_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    locked = folder / "locked.yaml"
    locked.write_text(BAD_COLON, encoding="utf-8")
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        # chmod 000 cannot stop root (the CI container): refuse the read the way the OS would
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    code, out, err = run(["--ui-lang", "ja", "validate", str(folder)], capsys)
    assert (code, out) == (2, "")
    assert err == f"callcoach: {locked}:1:1: ファイルを読み込めません（Permission denied）" + (
        " — 読み取れるファイルを指定してください\n"
    )


@pytest.mark.parametrize("argv", [["validate"], ["validate", "--no-such-flag", "x.yaml"]])
def test_bad_usage_exits_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert capsys.readouterr().err.startswith("usage: callcoach")


def test_help_states_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["validate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert stop.value.code == 0
    assert "Exit codes: 0 no errors (warnings allowed), 1 the files have errors" in text
    assert "2 a path is missing or unreadable, or bad usage" in text


# -- config, graph, new -------------------------------------------------------------------
def test_config_lists_the_folders_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--ui-lang", "ja", "config"], capsys)
    settings, heading, bundled, *_ = out.splitlines()
    assert code == 0
    assert settings.startswith("設定ファイル: ") and settings.endswith("trainer.json")
    assert heading == "シナリオのフォルダ（同じ id があれば後のものが優先）:"
    assert bundled.split()[0] == "同梱"
    code, out, _ = run(["--ui-lang", "en", "config"], capsys)
    assert out.splitlines()[1] == "scenario folders (a later one wins when ids clash):"
    assert out.splitlines()[2].split()[0] == "bundled"


def test_graph_tree_labels_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--ui-lang", "ja", "graph", "ja-angry-broken-item"], capsys)
    edges = [line for line in out.splitlines() if "→" in line]
    assert code == 0 and edges
    assert all(re.search(r"\] 気分 (?:[+-]\d+|±0) → ", line) for line in edges)
    # Outside the [condition] (YAML as written) and the ids, the tree is Japanese.
    labels = [re.sub(r"\[[^\]]*\]|→.*$", " ", line) for line in edges]
    assert {line: english_words(line) for line in labels if english_words(line)} == {}
    code, out, _ = run(["--ui-lang", "en", "graph", "ja-angry-broken-item"], capsys)
    assert "] mood -15 → identify" in out and "気分" not in out


@pytest.mark.parametrize(
    ("language", "headings", "legend"),
    [
        ("ja", "<th>ターン</th><th>お客様の発言</th><th>分岐</th><th>模範応答</th>", "青い四角"),
        ("en", "<th>turn</th><th>caller says</th><th>branches</th><th>model answer</th>", "Turns"),
    ],
)
def test_graph_page_headings_follow_the_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    language: str,
    headings: str,
    legend: str,
) -> None:
    page = tmp_path / "graph.html"
    code, out, _ = run(["--ui-lang", language, "graph", "ja-angry-broken-item", "--html",
                        str(page)], capsys)  # fmt: skip
    text = page.read_text(encoding="utf-8")
    assert code == 0
    assert out == ("{} に書き出しました\n" if language == "ja" else "wrote {}\n").format(page)
    assert f'<html lang="{language}">' in text and headings in text
    assert f"<p>{legend}" in text


def test_new_confirms_in_each_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--ui-lang", "ja", "new", "ja-angry-late-gift", "--out",
                        str(tmp_path)], capsys)  # fmt: skip
    path = tmp_path / "ja-angry-late-gift.yaml"
    first, command = out.splitlines()
    assert code == 0
    assert first == (
        f"{path} を作成しました（日本語、お客様: 感情的）。"
        "TODO を埋めたら、次のコマンドで確認してください:"
    )
    assert command == f"  callcoach validate {path}"
    code, _, err = run(["--ui-lang", "ja", "new", "ja-angry-late-gift", "--out",
                        str(tmp_path)], capsys)  # fmt: skip
    assert code == 2 and err.startswith(f"callcoach: {path}: すでにあります — ")
    code, out, _ = run(["--ui-lang", "en", "new", "en-logical-late-gift", "--out",
                        str(tmp_path)], capsys)  # fmt: skip
    assert code == 0 and out.splitlines()[0] == (
        f"wrote {tmp_path / 'en-logical-late-gift.yaml'} (English, logical caller)"
        " — fill in the TODOs, then:"
    )
