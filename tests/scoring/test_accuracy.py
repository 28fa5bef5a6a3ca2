"""Detector accuracy on the labelled set (tests/data/labelled): per-category precision
and recall, printed, and failing below target (clean ≥ 0.95, noisy ≥ 0.85).

Run with ``pytest -s tests/scoring/test_accuracy.py`` to see the table."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from scoring import CATEGORIES, detect

DATA = Path(__file__).parents[1] / "data" / "labelled"
TARGETS = {"clean": 0.95, "noisy": 0.85}
SETS = {
    ("ja", "clean"): ["ja_clean.yaml"],
    ("ja", "noisy"): ["ja_noisy.yaml", "ja_asr_errors.yaml"],
    ("en", "clean"): ["en_clean.yaml"],
    ("en", "noisy"): ["en_noisy.yaml", "en_asr_errors.yaml"],
}


def load(names: list[str]) -> list[dict]:
    items: list[dict] = []
    for name in names:
        items.extend(yaml.safe_load((DATA / name).read_text(encoding="utf-8")))
    return items


def measure(
    items: list[dict], language: str
) -> tuple[dict[str, tuple[float, float, int]], list[str]]:
    """category → (precision, recall, support); plus a description of every miss."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses = []
    for item in items:
        expected = set(item.get("must", []))
        found = set(detect(item["text"], language).categories)
        for category in found & expected:
            tp[category] += 1
        for category in found - expected:
            fp[category] += 1
        for category in expected - found:
            fn[category] += 1
        if found != expected:
            misses.append(f"{item['text']!r}: expected {sorted(expected)}, found {sorted(found)}")
    table = {}
    for category in CATEGORIES:
        support = tp[category] + fn[category]
        found_count = tp[category] + fp[category]
        precision = tp[category] / found_count if found_count else 1.0
        recall = tp[category] / support if support else 1.0
        table[category] = (precision, recall, support)
    return table, misses


def print_table(title: str, table: dict[str, tuple[float, float, int]]) -> None:
    print(f"\n{title}")
    print(f"  {'category':<18} precision  recall  support")
    for category, (precision, recall, support) in table.items():
        print(f"  {category:<18} {precision:9.3f} {recall:7.3f} {support:8d}")


def test_labelled_sets_are_large_enough() -> None:
    ja = sum(len(load(names)) for (lang, _), names in SETS.items() if lang == "ja")
    en = sum(len(load(names)) for (lang, _), names in SETS.items() if lang == "en")
    assert ja >= 150 and en >= 60, (ja, en)
    for names in SETS.values():
        for item in load(names):
            assert set(item.get("must", [])) <= set(CATEGORIES), item
            assert not set(item.get("must", [])) & set(item.get("must_not", [])), item


@pytest.mark.parametrize(("language", "kind"), list(SETS))
def test_precision_and_recall_per_category(language: str, kind: str) -> None:
    items = load(SETS[(language, kind)])
    table, misses = measure(items, language)
    target = TARGETS[kind]
    print_table(f"{language} {kind} ({len(items)} utterances), target {target}", table)
    below = {c: v[:2] for c, v in table.items() if v[0] < target or v[1] < target}
    assert not below, f"below {target}: {below}\nmisses:\n" + "\n".join(misses)
