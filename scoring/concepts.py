"""Key phrases as meanings: a scenario's key phrase is met by any word of the same
concept (scoring/lexicons/concepts.yaml), not only by the alternatives its author
listed."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources

from scoring.text import fold_en, fold_ja


@cache
def _groups(language: str) -> tuple[tuple[str, ...], ...]:
    import yaml  # loaded on first use: `callcoach --help` needs no YAML

    text = resources.files("scoring").joinpath("lexicons", "concepts.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return tuple(tuple(str(word) for word in group) for group in data.get(language, []))


def with_synonyms(alternatives: Sequence[str], language: str) -> tuple[str, ...]:
    """``alternatives`` plus every member of a concept one of them names exactly."""
    fold = fold_ja if language == "ja" else fold_en
    listed = {fold(a).text for a in alternatives}
    extra = [
        word
        for group in _groups(language)
        if listed & {fold(word).text for word in group}
        for word in group
    ]
    return tuple(dict.fromkeys([*alternatives, *extra]))
