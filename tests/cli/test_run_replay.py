"""`callcoach run SCENARIO --replay FILE --json OUT` end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli.main import main

SCENARIO = "ja-angry-late-delivery"
GOOD = """\
format: callcoach.replay/1
seed: 3
replies:
  - text: "大変申し訳ございません。お嬢様のお誕生日に間に合わず、さぞご心配だったことと存じます。"
    start: 0.5
  - text: "ありがとうございます。念のため復唱いたします。\
      ご注文番号530712、山口健二様でお間違いないでしょうか。"
"""


def write(tmp_path: Path, text: str, name: str = "replay.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*argv: str) -> int:
    return main(["run", *argv])


def test_replay_writes_a_session_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "session.json"
    assert run(SCENARIO, "--replay", str(write(tmp_path, GOOD)), "--json", str(out)) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["format"] == "callcoach.session/1"
    assert record["scenario"]["id"] == SCENARIO
    assert record["scenario"]["digest"].startswith("sha256:")
    assert (record["language"], record["caller_type"], record["mode"]) == ("ja", "angry", "replay")
    assert record["outcome"] in {"resolved", "escalated", "hung_up"}
    speakers = [u["speaker"] for u in record["utterances"]]
    assert speakers[:4] == ["customer", "trainee", "customer", "trainee"]
    first_reply = record["utterances"][1]
    assert first_reply["start"] == pytest.approx(record["utterances"][0]["end"] + 0.5, abs=0.001)
    assert SCENARIO in capsys.readouterr().out


def test_replay_is_deterministic_with_a_seed(tmp_path: Path) -> None:
    replay = write(tmp_path, GOOD)
    texts = []
    for name in ("a.json", "b.json"):
        assert run(SCENARIO, "--replay", str(replay), "--json", str(tmp_path / name)) == 0
        record = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        texts.append([(u["text"], u["start"], u["end"]) for u in record["utterances"]])
    assert texts[0] == texts[1]


def test_replay_is_stored_in_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(SCENARIO, "--replay", str(write(tmp_path, GOOD)), "--trainee", "sato") == 0
    capsys.readouterr()
    assert main(["history", "--format", "json"]) == 0
    sessions = json.loads(capsys.readouterr().out)
    assert len(sessions) == 1
    assert sessions[0]["scenario_id"] == SCENARIO and sessions[0]["trainee"] == "sato"


def test_negative_start_interrupts_the_caller(tmp_path: Path) -> None:
    replay = write(tmp_path, GOOD.replace("start: 0.5", "start: -2.0"))
    out = tmp_path / "s.json"
    assert run(SCENARIO, "--replay", str(replay), "--json", str(out), "--no-store") == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert record["events"][1]["kind"] == "interruption"


def test_missing_wav_reply_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replay = write(tmp_path, "replies:\n  - text: はい\n  - wav: answers/02.wav\n    start: -0.8\n")
    assert run(SCENARIO, "--replay", str(replay), "--no-store") == 2
    err = capsys.readouterr().err
    assert f"{replay}:3:5: " in err and "answers/02.wav: no such WAV file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("replies: 3\n", ":1:10: 'replies' must be a list"),
        ("- text: hi\n", ":1:1: a replay file must be a mapping"),
        ("replies:\n  - text: hi\n    start: soon\n", ":3:12: 'start' must be a number"),
        ("replies:\n  - {text: a, hold: 3}\n", ":2:5: a reply needs exactly one of"),
        ("format: callcoach.replay/9\nreplies: []\n", ":1:9: unknown format"),
        ("replies:\n  - !!python/object/apply:os.system [echo hacked]\n", "replay.yaml:2:"),
        ("replies: [\n", "replay.yaml:"),
        ("a: &x [1]\nb: *x\n", "replay.yaml:1:"),
        ("", "replay.yaml:1:1:"),
    ],
)
def test_broken_replay_files_get_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    replay = write(tmp_path, text)
    assert run(SCENARIO, "--replay", str(replay), "--no-store") == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_non_utf8_replay_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replay = tmp_path / "replay.yaml"
    replay.write_bytes("replies:\n  - text: お詫び\n".encode("shift_jis"))
    assert run(SCENARIO, "--replay", str(replay), "--no-store") == 2
    assert "UTF-8" in capsys.readouterr().err


def test_unknown_scenario_and_missing_replay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("no-such-scenario", "--replay", str(write(tmp_path, GOOD))) == 1
    assert "no-such-scenario" in capsys.readouterr().err
    assert run(SCENARIO, "--replay", str(tmp_path / "missing.yaml")) == 2
    assert "no such replay file" in capsys.readouterr().err
