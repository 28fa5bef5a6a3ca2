"""The message catalogue: both languages complete, every key the code uses exists."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from simulator.i18n import FAMILIES, catalogue, default_language, label, set_language, t

ROOT = Path(__file__).resolve().parents[2]
UI_SOURCES = [
    *sorted((ROOT / "simulator" / "tui").rglob("*.py")),
    ROOT / "simulator/cli/commands/tui.py",
    ROOT / "simulator/cli/commands/history.py",
    ROOT / "simulator/cli/commands/list.py",
    ROOT / "simulator/cli/commands/run.py",
    ROOT / "simulator/cli/score_text.py",
    # the trainer commands and the scenario checks they print
    *(
        ROOT / f"simulator/cli/commands/{name}.py"
        for name in ("validate", "new", "graph", "config")
    ),
    *sorted((ROOT / "simulator" / "scenario").glob("*.py")),
    # the other commands and what they print from below (commands_ja.py / commands_en.py)
    *(
        ROOT / f"simulator/cli/commands/{name}.py"
        for name in (
            "doctor", "trainee", "assign", "assignments", "drill", "leaderboard", "report",
            "export", "import_", "purge", "play", "say", "admin",
        )
    ),
    ROOT / "simulator/cli/main.py",
    ROOT / "simulator/cli/audio_out.py",
    ROOT / "simulator/cli/session_ref.py",
    *(
        ROOT / f"simulator/{name}.py"
        for name in (
            "audio/checks", "audio/devices", "audio/tts/base", "audio/asr/choose",
            "audio/asr/vosk", "audio/asr/whisper", "audio/asr/whisper_model",
            "team/access", "team/cli_support", "team/drill", "team/purge",
            "report/jsonl", "inputs/jsontext", "inputs/session", "store/journal",
            "store/store", "voice/playback",
        )
    ),
]  # fmt: skip
KEY = re.compile(r"^[a-z_]+(\.[a-z_0-9]+)+$")
FILE_NAMES = {"config.json"}  # shaped like a key of the config section, but a file
JA, EN = catalogue("ja"), catalogue("en")
SECTIONS = {key.split(".")[0] for key in EN}


def binding_ids(tree: ast.AST) -> set[int]:
    """Ids of the string nodes that are Binding(id=…) values, not catalogue keys."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding":
            ids |= {id(kw.value) for kw in node.keywords if kw.arg == "id"}
    return ids


def keys_in_code() -> dict[str, str]:
    """Every string constant in the UI code shaped like a catalogue key → where it is."""
    found: dict[str, str] = {}
    for path in UI_SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = binding_ids(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and KEY.match(node.value)
                and node.value not in FILE_NAMES
                and node.value.split(".")[0] in SECTIONS
            ):
                found[node.value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def family_keys() -> set[str]:
    return {f"{family}.{value}" for family, values in FAMILIES.items() for value in values}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_keys() -> None:
    assert sorted(set(JA) - set(EN)) == []
    assert sorted(set(EN) - set(JA)) == []


def test_the_trainer_messages_do_not_redefine_the_interface_ones() -> None:
    from simulator.i18n import commands_en, commands_ja, en, ja, trainer_en, trainer_ja

    assert set(trainer_ja.MESSAGES) & set(ja.MESSAGES) == set()
    assert set(trainer_en.MESSAGES) & set(en.MESSAGES) == set()
    for commands, others in ((commands_ja, (ja, trainer_ja)), (commands_en, (en, trainer_en))):
        assert [set(commands.MESSAGES) & set(o.MESSAGES) for o in others] == [set(), set()]


def test_translations_take_the_same_placeholders() -> None:
    differ = {k: (placeholders(JA[k]), placeholders(EN[k])) for k in EN if k in JA}
    assert {k: v for k, v in differ.items() if v[0] != v[1]} == {}


def test_no_message_is_empty() -> None:
    assert [k for k, v in [*JA.items(), *EN.items()] if not v.strip()] == []


def test_every_key_used_in_the_code_exists() -> None:
    used = keys_in_code()
    assert len(used) > 50  # the scan itself works
    assert {k: where for k, where in used.items() if k not in EN} == {}


def test_every_value_family_is_named() -> None:
    assert sorted(family_keys() - set(EN)) == []


def test_every_catalogue_key_is_used() -> None:
    unused = set(EN) - set(keys_in_code()) - family_keys()
    assert sorted(unused) == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
        ({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ja_JP", "LANG": "C"}, "ja"),
        ({"LC_ALL": "", "LANG": "ja"}, "ja"),
        ({}, "en"),
    ],
)
def test_default_language_follows_the_locale(env: dict[str, str], expected: str) -> None:
    assert default_language(env) == expected


def test_lookup_fills_placeholders_and_names_values() -> None:
    set_language("en")
    assert t("hold.running", seconds=12) == "ON HOLD 12 s"
    assert label("outcome", "hung_up") == "hung up"
    assert label("dimension", "rapport") == "rapport"  # an unknown value shows as given
    set_language("ja")
    assert label("outcome", "hung_up") == "お客様が切電"
    with pytest.raises(ValueError):
        set_language("fr")
