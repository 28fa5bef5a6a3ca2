"""A small bigram language model built from the turn's expected phrases.

Plain sphinx with its general English model misrecognises most words even on
clean speech. Decoding against a model of what the trainee is likely to say on
this turn (the hints), plus a base of everyday words so an unexpected reply is not
forced into hint words, brings the key words out reliably and decodes fast.
Written as ARPA text with correctly normalised back-off weights.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise

DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]

# Everyday words of a service call, so replies off the script still have words to map to.
_BASE_TEXT = """
a about after again all also am an and any are as ask at back be because been before
being but by call can could customer day did do does don't done down for from get give
go going good got had has have he hello help her here hi him his how i i'll i'm if in
into is it it's just know let let's like look make may me more most much my need new no
not now of off ok okay on one only or order other our out over please problem right said
say see she should so some sorry soon still sure take tell than thank thanks that that's
the their them then there these they thing think this time to today too two understand
up us very wait want was way we we'll we're well were what when where which who why will
with would yes yet you you're your
"""
BASE_WORDS: tuple[str, ...] = tuple(_BASE_TEXT.split())

_WORD = re.compile(r"[a-z']+|\d")


def words_of(text: str) -> list[str]:
    tokens = _WORD.findall(text.lower())
    return [DIGITS[int(t)] if t.isdigit() else t for t in tokens]


def build_arpa(
    hints: Sequence[str], known: Callable[[str], bool], base: Iterable[str] = BASE_WORDS
) -> str:
    """ARPA text of a bigram model over the hint sentences (weighted up) and the base
    words. ``known(word)`` says whether the pronunciation dictionary has the word."""
    sentences = [[w for w in words_of(h) if known(w)] for h in hints]
    unigrams: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for sentence in filter(None, sentences):
        padded = ["<s>", *sentence, "</s>"]
        unigrams.update({w: 10 for w in padded})
        bigrams.update(pairwise(padded))
    for word in base:
        if known(word):
            unigrams[word] += 1  # reachable after any word through back-off
    unigrams["<s>"] += 1
    unigrams["</s>"] += 1
    p_uni = _unigram_probabilities(unigrams)
    followers: dict[str, Counter[str]] = defaultdict(Counter)
    for (a, b), count in bigrams.items():
        if count:
            followers[a][b] += count
    lines = ["\\data\\", f"ngram 1={len(p_uni)}", f"ngram 2={sum(map(len, followers.values()))}"]
    lines += ["", "\\1-grams:"]
    p_bi: dict[tuple[str, str], float] = {}
    for word, prob in sorted(p_uni.items()):
        seen = followers.get(word, Counter())
        backoff = _witten_bell(seen, p_uni, p_bi, word)
        shown = math.log10(prob) if prob > 0 else -99.0
        lines.append(f"{shown:.5f} {word} {math.log10(backoff):.5f}")
    lines += ["", "\\2-grams:"]
    lines += [f"{math.log10(p):.5f} {a} {b}" for (a, b), p in sorted(p_bi.items())]
    lines += ["", "\\end\\", ""]
    return "\n".join(lines)


def _unigram_probabilities(unigrams: Counter[str]) -> dict[str, float]:
    # <s> is only ever a context, never predicted: it gets no probability mass.
    total = sum(c for w, c in unigrams.items() if w != "<s>")
    return {w: (0.0 if w == "<s>" else c / total) for w, c in unigrams.items()}


def _witten_bell(
    seen: Counter[str], p_uni: dict[str, float], p_bi: dict[tuple[str, str], float], word: str
) -> float:
    """Fill p_bi for ``word``'s followers; return its back-off weight."""
    if not seen:
        return 1.0
    total, types = sum(seen.values()), len(seen)
    for follower, count in seen.items():
        p_bi[(word, follower)] = count / (total + types)
    left = types / (total + types)  # mass kept for unseen followers
    unseen_uni = 1.0 - sum(p_uni[f] for f in seen)
    return left / unseen_uni if unseen_uni > 1e-9 else 1.0
