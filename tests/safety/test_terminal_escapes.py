"""Terminal escape injection: scenario text with controls fails `validate` with
`file:line:col`, names with controls are refused when created, and whatever stored
text reaches the terminal (tables, JSON, errors, reports) has its controls shown."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import update

from simulator.cli.main import main
from simulator.report.csv_out import _cell
from simulator.safe_text import SafeStream, control_problem, visible
from simulator.store import open_store
from simulator.store.models import Session

EXAMPLE = Path(__file__).parents[2] / "scenarios" / "en-example-wrong-colour.yaml"
# Anything a terminal obeys: ESC/CSI/OSC, BEL, C1 CSI, DEL, bidi override, CR.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\u202eevil\x9b31m\x7f"


def test_visible_shows_every_control_and_keeps_text() -> None:
    shown = visible(HOSTILE + " 日本語 [bold]")
    assert not RAW_CONTROL.search(shown)
    assert shown.startswith("␛]0;pwned␇␛[2J\\u202eevil\\u009b31m\\u007f")
    assert shown.endswith(" 日本語 [bold]")
    assert visible("a\nb\tc", keep_lines=True) == "a\nb\tc"
    assert visible("a\nb\r\n") == "a␊b␍␊"
    assert visible("row\r\n", keep_lines=True) == "row\r\n"  # CSV line ends pass
    assert visible("x\ry", keep_lines=True) == "x␍y"  # a bare CR would overwrite the line


def test_safe_stream_keeps_json_valid_and_equal() -> None:
    out = io.StringIO()
    SafeStream(out).write(json.dumps({"title": HOSTILE}, ensure_ascii=False))
    assert not RAW_CONTROL.search(out.getvalue())
    assert json.loads(out.getvalue()) == {"title": HOSTILE}


@pytest.mark.parametrize(
    "written",
    ['"\\e]0;pwned\\a"', '"\\x1b[2J"', '"bell \\a"', '"\\x9b31m"', '"\\u202Eevil"', '"NEL\\N"'],
)
def test_validate_refuses_control_characters_with_file_line(
    tmp_path: Path, written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    line = next(n for n, s in enumerate(text.splitlines(), 1) if s.startswith("title:"))
    path = tmp_path / "evil.scenario.yaml"
    path.write_text(
        re.sub(r"(?m)^title: .*$", lambda _: f"title: {written}", text), encoding="utf-8"
    )
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:{line}:8: title: contains a control character" in out
    assert "— printable text" in out
    assert not RAW_CONTROL.search(out)


def test_a_caller_line_with_an_escape_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    bad = text.replace('"Fine. What are you going to do about it?"', '"Fine.\\e[2J"')
    assert bad != text
    path = tmp_path / "evil.scenario.yaml"
    path.write_text(bad, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert "turns[1].say[0]: contains a control character (␛ U+001B)" in (capsys.readouterr().out)


def test_multi_line_text_is_still_fine() -> None:
    assert control_problem("line one\nline two\tand a tab", allow_lines=True) is None
    assert control_problem("name\twith tab") is not None


@pytest.mark.parametrize("argv", [["trainee", "add"], ["trainee", "join", "sato"]])
def test_names_with_controls_are_refused_when_created(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "sa\x1b]0;pwned\x07to"]) == 1
    err = capsys.readouterr().err
    assert "contains a control character (␛ U+001B)" in err
    assert not RAW_CONTROL.search(err) and err.count("\n") == 1
    assert main(["trainee", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_a_replay_run_with_a_hostile_trainee_name_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    replay = Path(__file__).parents[1] / "library" / "replays" / "en-angry-wrong-colour"
    argv = ["run", "en-angry-wrong-colour", "--replay", str(replay / "good.yaml")]
    assert main([*argv, "--trainee", "bob\x1b[2J"]) == 1
    assert "control character" in capsys.readouterr().err


def stored_hostile_session(capsys: pytest.CaptureFixture[str]) -> str:
    """A call stored before validation existed: its title and trainee hold escapes."""
    replay = Path(__file__).parents[1] / "library" / "replays" / "en-angry-wrong-colour"
    argv = ["run", "en-angry-wrong-colour", "--replay", str(replay / "good.yaml")]
    assert main([*argv, "--trainee", "bob"]) == 0
    capsys.readouterr()
    with open_store() as store:
        from simulator.store.models import Trainee

        store.write(lambda db: db.execute(update(Session).values(scenario_title=HOSTILE)))
        store.write(lambda db: db.execute(update(Trainee).values(name="bob" + HOSTILE)))
        return str(store.history()[0].id)


@pytest.mark.parametrize(
    "argv",
    [
        ["history"],
        ["history", "--format", "json"],
        ["trainee", "list"],
        ["trainee", "list", "--format", "json"],
        ["report"],
        ["report", "--format", "csv"],
        ["report", "--format", "html"],
    ],
)
def test_old_stored_text_cannot_drive_the_terminal(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    stored_hostile_session(capsys)
    assert main(argv) == 0
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).replace("\r\n", "\n")  # CSV line ends
    assert not RAW_CONTROL.search(printed)
    assert "pwned" in captured.out


def test_errors_quoting_user_strings_show_controls(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "no-such\x1b]0;x\x07id"]) != 0
    err = capsys.readouterr().err
    assert "no-such" in err and not RAW_CONTROL.search(err)
    with pytest.raises(SystemExit):
        main(["list", "--lang", "x\x1b[2J"])  # argparse's own usage error
    assert not RAW_CONTROL.search(capsys.readouterr().err)


def test_scenario_list_from_a_hostile_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "id: en-example-wrong-colour", "id: evil-one"
    )
    (tmp_path / "evil.yaml").write_text(
        re.sub(r"(?m)^title: .*$", lambda _: 'title: "\\e]0;pwned\\a"', text), encoding="utf-8"
    )
    assert main(["--scenarios", str(tmp_path), "list"]) == 0
    captured = capsys.readouterr()
    assert "evil-one" not in captured.out  # refused by validation: skipped, with a warning
    assert "control character" in captured.err
    assert not RAW_CONTROL.search(captured.out + captured.err)


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("\t=1", "␉=1"),  # no longer a formula once the tab shows
        ("a\x1b[2Jb", "a␛[2Jb"),
        ("普通の件名", "普通の件名"),
    ],
)
def test_csv_cells_are_neutralised(text: str, cell: str) -> None:
    assert _cell(text) == cell
    rows = list(csv.reader(io.StringIO(_cell(text))))
    assert rows[0][0] == cell


def test_leaderboard_and_assignments_show_old_hostile_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from simulator.store.models import Trainee
    from tests.team.conftest import SET_YAML
    from tests.team.helpers import finished_run

    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "mini.yaml").write_text(SET_YAML, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'team.db'}"
    with open_store(db) as store:
        finished_run(store, "kim", "mini-drill", [80], datetime(2026, 11, 20, 9, tzinfo=UTC))
    assert (
        main(
            [
                "--db",
                db,
                "--scenarios",
                str(sets),
                "assign",
                "mini-drill",
                "--trainee",
                "kim",
                "--due",
                "2030-01-01",
            ]
        )
        == 0
    )
    with open_store(db) as store:
        store.write(lambda s: s.execute(update(Trainee).values(name="kim" + HOSTILE)))
    for argv in (["leaderboard"], ["assignments"]):
        capsys.readouterr()
        assert main(["--db", db, "--scenarios", str(sets), *argv]) == 0
        out = capsys.readouterr().out
        assert "kim␛]0;pwned␇" in out, out
        assert not RAW_CONTROL.search(out)
