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


@dataclass(frozen=True)
class TuiSettings:
    trainee: str | None = None
    keymap: Mapping[str, str] = field(default_factory=dict)
    language_filter: str | None = None


def load_settings(path: Path | None) -> TuiSettings:
    """Settings from ``path``; a missing or unreadable file gives the defaults."""
    if path is None or not path.is_file():
        return TuiSettings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return TuiSettings()
    if not isinstance(data, dict):
        return TuiSettings()
    trainee = data.get("trainee")
    keymap = data.get("keymap")
    language = data.get("language_filter")
    return TuiSettings(
        language_filter=language if language in ("*", *LANGUAGES) else None,
        trainee=trainee.strip() or None if isinstance(trainee, str) else None,
        keymap={k: v for k, v in keymap.items() if isinstance(v, str) and v.strip()}
        if isinstance(keymap, dict)
        else {},
    )


def save_settings(path: Path | None, settings: TuiSettings) -> None:
    """Writes atomically (a crash never leaves half a file). Raises OSError."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    data = asdict(settings) | {"keymap": dict(settings.keymap)}
    tmp.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
