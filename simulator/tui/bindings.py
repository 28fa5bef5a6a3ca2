"""Key bindings whose descriptions are catalogue keys, translated per instance.

``BINDINGS`` are class attributes built at import time, before the interface language
is known, so their descriptions hold catalogue keys and each screen swaps in the
translated text when it is created.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap
from textual.dom import DOMNode

from simulator.i18n import t


def translate_bindings(node: DOMNode) -> None:
    keys = {
        key: [replace(b, description=t(b.description)) if b.description else b for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    }
    # Textual keeps the merged bindings on the private ``_bindings``; replacing the map
    # is the only hook for per-instance descriptions.
    node._bindings = BindingsMap.from_keys(keys)
