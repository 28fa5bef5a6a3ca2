"""HTML escaping for reports: markup characters escaped, control characters shown
(simulator.safe_text) — a title stored with an ESC sequence stays readable text."""

from __future__ import annotations

import html

from simulator.safe_text import visible


def escape(text: object) -> str:
    return html.escape(visible(str(text)))
