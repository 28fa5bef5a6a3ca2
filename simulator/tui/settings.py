"""The TUI's own settings, kept as JSON in the config folder:

    {"trainee": "佐藤", "keymap": {"call.hold": "ctrl+t"}, "language_filter": "ja"}

``keymap`` maps binding ids (shown in the README) to other keys, for terminals that
take F2/F3 for themselves. ``language_filter`` is the home screen's language filter as
it was last left ("*": every language; absent: never chosen)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

from simulator.scenario.model import LANGUAGES

MAX_NAME = 200
_EXAMPLE = '{"trainee": "佐藤", "keymap": {"call.hold": "ctrl+t"}}'


@dataclass(frozen=True)
class TuiSettings:
    trainee: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)
    language_filter: str | None = None


def load_settings(path: Path | None) -> TuiSettings:
    """Settings from ``path``; the defaults when there is no file. A broken file is an
    InputError (``tui.json:line: what — expected``, exit 2) rather than silently
    replaced by the defaults, which the next save would write over the user's keymap."""
    if path is None or not path.exists():
        return TuiSettings()
    from simulator.inputs import MAX_SETTINGS_BYTES, InputError
    from simulator.inputs.errors import located
    from simulator.inputs.jsontext import decode, line_of, loads, read_limited

    name = str(path)
    text = decode(read_limited(path, MAX_SETTINGS_BYTES, "settings file (JSON)"), name)
    data = loads(text, name, expected=_EXAMPLE)

    def fail(field: tuple[str, ...], what: str, expected: str) -> InputError:
        return InputError(located(name, line_of(text, field) if field else 1), what, expected)

    if not isinstance(data, dict):
        raise fail((), "the settings are not a JSON object", _EXAMPLE)
    trainee, keymap = data.get("trainee"), data.get("keymap", {})
    language = data.get("language_filter")
    if language is not None and language not in ("*", *LANGUAGES):
        raise fail(("language_filter",), "'language_filter' is not a language", "'*', 'ja' or 'en'")
    if trainee is not None and (not isinstance(trainee, str) or len(trainee) > MAX_NAME):
        raise fail(
            ("trainee",), "'trainee' is not a name", f"text of at most {MAX_NAME} characters"
        )
    if not isinstance(keymap, dict):
        raise fail(("keymap",), "'keymap' is not an object", '{"call.hold": "ctrl+t"}')
    for binding, key in keymap.items():
        if not isinstance(key, str) or not key.strip() or len(key) > MAX_NAME:
            raise fail(
                ("keymap", binding),
                f"the key for {binding[:40]!r} is not a key name",
                'a key such as "ctrl+t"',
            )
    return TuiSettings(
        trainee=trainee.strip() or None if trainee else None,
        keymap=keymap,
        language_filter=language,
    )


def save_settings(path: Path | None, settings: TuiSettings) -> None:
    """Writes atomically (a crash or a full disk never leaves half a file). Raises OSError."""
    if path is None:
        return
    from simulator.atomic import write_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings) | {"keymap": dict(settings.keymap)}
    write_atomically(path, json.dumps(data, ensure_ascii=False) + "\n")
