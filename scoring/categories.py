"""The phrase categories of DESIGN.md §5 — the one list. Kept in a module of its own
(no imports) so the scenario model can name them without loading a lexicon."""

from __future__ import annotations

PUBLIC_CATEGORIES: tuple[str, ...] = (
    "empathy",
    "apology",
    "cushion",
    "self_introduction",
    "confirmation",
    "aizuchi",
    "gratitude",
    "closing",
    "hold",
    "filler",
    "ng_phrase",
    "over_promise",
)
