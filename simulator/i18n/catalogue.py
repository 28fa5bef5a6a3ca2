"""Looking messages up. The current language is process-wide: the TUI sets it once at
start-up (``--ui-lang`` or the locale) before any screen is built."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache

from simulator.scenario.model import CALLER_TYPES, LANGUAGES, OUTCOMES, PHRASE_CATEGORIES

# Value families named through ``label(family, value)``: each member must have the key
# ``family.value`` in every catalogue (checked by a test, since the key is built at run time).
FAMILIES: Mapping[str, tuple[str, ...]] = {
    "outcome": (*OUTCOMES, "incomplete"),
    "caller_type": CALLER_TYPES,
    "language": LANGUAGES,
    "category": PHRASE_CATEGORIES,
    "dimension": ("listening", "empathy", "pacing", "politeness", "resolution"),
    "severity": ("info", "good", "warn", "error"),
    "level": ("1", "2", "3"),
    "mode": ("voice", "text", "replay"),
    "gap": ("rushed", "good", "hesitant", "dead_air"),
}

_current = "en"


@cache
def catalogue(language: str) -> Mapping[str, str]:
    """The interface's messages, the trainer commands' (``trainer_ja.py`` /
    ``trainer_en.py``) and the other commands' (``commands_ja.py`` / ``commands_en.py``),
    merged once per language."""
    if language == "ja":
        from simulator.i18n.commands_ja import MESSAGES as COMMANDS_JA
        from simulator.i18n.ja import MESSAGES as JA
        from simulator.i18n.trainer_ja import MESSAGES as TRAINER_JA

        return {**JA, **TRAINER_JA, **COMMANDS_JA}
    from simulator.i18n.commands_en import MESSAGES as COMMANDS_EN
    from simulator.i18n.en import MESSAGES as EN
    from simulator.i18n.trainer_en import MESSAGES as TRAINER_EN

    return {**EN, **TRAINER_EN, **COMMANDS_EN}


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """``ja`` when the locale says Japanese (POSIX order: LC_ALL, LC_MESSAGES, LANG)."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if value := env.get(var, ""):
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def set_language(language: str) -> None:
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown interface language {language!r}")
    _current = language


def current_language() -> str:
    return _current


def t(key: str, **values: object) -> str:
    """The message ``key`` in the current language, placeholders filled."""
    text = catalogue(_current).get(key)
    if text is None:  # a missing key shows itself rather than crashing the UI
        text = catalogue("en").get(key, key)
    return text.format(**values) if values else text


def label(family: str, value: object) -> str:
    """A value's name (``label("outcome", "hung_up")`` → 「切電」); unknown values as given."""
    text = catalogue(_current).get(f"{family}.{value}")
    return str(value) if text is None else text
