"""scoring/ is pure analysis (DESIGN.md §2): it imports nothing of the application,
no UI, audio or database library. Checked two ways: what importing and using it
actually loads (in a fresh interpreter), and what its source files import."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).parents[2] / "scoring"
ALLOWED_THIRD_PARTY = {"yaml", "rapidfuzz", "pyopenjtalk"}
FORBIDDEN_PREFIXES = (
    "simulator",
    "textual",
    "rich",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "sounddevice",
    "pyaudio",
    "pyttsx3",
    "speech_recognition",
    "vosk",
    "faster_whisper",
    "webrtcvad",
    "platformdirs",
)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_source_imports_only_stdlib_and_allowed_libraries() -> None:
    stdlib = set(sys.stdlib_module_names)
    for path in sorted(SCORING.rglob("*.py")):
        for name in _imported_modules(path):
            assert name in stdlib or name in ALLOWED_THIRD_PARTY or name == "scoring", (
                f"{path.relative_to(SCORING.parent)} imports {name!r}"
            )


def test_scoring_a_session_loads_no_forbidden_module() -> None:
    program = """
import json, sys
import scoring
record = {"format": "callcoach.session/1", "language": "en", "mode": "voice",
          "utterances": [{"speaker": "customer", "start": 0, "end": 2, "text": "Hello?"},
                         {"speaker": "trainee", "start": 2.5, "end": 4, "text": "I'm sorry."}]}
scoring.score_session(record)
scoring.detect("お気持ちお察しします", "ja")
print(json.dumps(sorted(sys.modules)))
"""
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=SCORING.parent,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    bad = [m for m in loaded if m.split(".")[0] in FORBIDDEN_PREFIXES]
    assert not bad, bad


def test_importing_scoring_does_not_import_pyopenjtalk_or_print() -> None:
    program = "import sys, scoring; print('pyopenjtalk' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=SCORING.parent,
    )
    assert result.stdout.strip() == "False"


def test_pyopenjtalk_notice_is_silenced() -> None:
    program = "import scoring; scoring.detect('申し訳ございません', 'ja')"
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=SCORING.parent,
    )
    assert result.stdout == ""
    assert "ONNX" not in result.stderr
