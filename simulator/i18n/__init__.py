"""The interface's message catalogue: every text the TUI shows, in Japanese and English.

``t(key, **values)`` looks a key up in the current language and fills ``{placeholders}``;
``label(family, value)`` names a value of a fixed family (an outcome, a caller type …).
The catalogues are plain dicts in ``ja.py`` and ``en.py``; a test checks that both have
the same keys and that every key used in the code exists.
"""

from simulator.i18n.catalogue import (
    FAMILIES,
    LANGUAGES,
    catalogue,
    current_language,
    default_language,
    label,
    set_language,
    t,
)

__all__ = [
    "FAMILIES",
    "LANGUAGES",
    "catalogue",
    "current_language",
    "default_language",
    "label",
    "set_language",
    "t",
]
