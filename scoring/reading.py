"""Japanese readings from pyopenjtalk, imported lazily and quietly.

Readings serve two purposes: matching phrases whatever the recogniser chose
to write in kana or kanji, and counting morae for the speech rate. Results
are cached per text, because scenario lines recur across sessions.

Speed: the full OpenJTalk front end (MeCab plus NJD rules) costs ~0.5 ms per
line, which alone would blow the 50 ms budget for a 120-line call. Plain text
needs only MeCab (~0.04 ms): its dictionary carries each word's pronunciation.
The NJD rules matter for numerals (二十日), Latin letters and unknown words, so
text with any of those goes through the full front end. Either way the mora
count equals pyopenjtalk's (tests/scoring/test_rate.py checks every labelled
utterance against ``pyopenjtalk.run_frontend``).
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
import unicodedata
import warnings
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import Any, NamedTuple

from scoring.text import compact_nfkc, kata_to_hira

# Text the MeCab-only path cannot read like NJD does: digits and Latin letters. Kanji
# numbers are caught after MeCab: NJD's numeral rules (二十日, 七日間, 三本) only touch
# words MeCab tags as numbers (名詞,数); lexicalised words (一度, 一日中) read the same.
_NEEDS_NJD = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ]")
# Words MeCab tags as numbers that NJD's numeral rules leave alone (何度 = なんど):
# they stay on the fast path.
_READ_ALIKE = frozenset({"何", "幾"})
_UNACCENT = str.maketrans("", "", "’'")
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*|[。！？!?]+")
_SMALL_KANA = frozenset("ァィゥェォャュョヮぁぃぅぇぉゃゅょゎ")
# The long-vowel mark is spelt out (もーしわけ → もうしわけ, でしょー → でしょう) so
# that readings agree whichever way a recogniser or dictionary wrote the vowel.
_LONG_AFTER = {
    **dict.fromkeys("あかさたなはまやらわがざだばぱぁゃ", "あ"),
    **dict.fromkeys("いきしちにひみりぎじぢびぴぃ", "い"),
    **dict.fromkeys("うくすつぬふむゆるぐずづぶぷぅゅゔ", "う"),
    **dict.fromkeys("えけせてねへめれげぜでべぺぇ", "い"),
    **dict.fromkeys("おこそとのほもよろをごぞどぼぽぉょ", "う"),
}
# OpenJTalk refuses text over 16,383 bytes once widened (5,461 three-byte characters):
# longer sentences go in pieces (four-byte characters included, 4,000 fit).
MAX_PIECE = 4000
_LOCK = threading.Lock()  # one MeCab instance, shared by the engine's threads


class Token(NamedTuple):
    """One word of the analysis, located in the text it was given. (A named tuple:
    a call makes thousands, and they are built several times faster than a
    frozen dataclass.)"""

    surface: str
    pos: str
    reading: str  # canonical hiragana of the pronunciation (see spell_long_vowels)
    morae: int  # as pyopenjtalk counts them: small kana join the previous mora
    start: int  # character offsets in the analysed text
    end: int


@cache
def _pyopenjtalk() -> Any | None:
    """Import pyopenjtalk once; it prints an ONNX Runtime notice at import, which is
    noise to our users, so its output is swallowed. None when it is unavailable."""
    sink = io.StringIO()
    try:
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            import pyopenjtalk
    except ImportError:
        return None
    # The first analysis loads its dictionaries, which warns about a deprecated call
    # inside pyopenjtalk; do it here, quietly, once.
    with warnings.catch_warnings(), contextlib.redirect_stdout(sink):
        warnings.simplefilter("ignore")
        pyopenjtalk.run_frontend("あ")
    return pyopenjtalk


@cache
def _mecab() -> Any | None:
    module = _pyopenjtalk()
    if module is None or not hasattr(module, "OpenJTalk"):
        return None
    try:
        return module.OpenJTalk(dn_mecab=module.OPEN_JTALK_DICT_DIR)
    except Exception:  # an unusual build: the full front end still works
        return None


def available() -> bool:
    return _pyopenjtalk() is not None


def spell_long_vowels(kana: str) -> str:
    if "ー" not in kana:
        return kana
    out: list[str] = []
    for char in kana:
        out.append(_LONG_AFTER.get(out[-1], "ー") if char == "ー" and out else char)
    return "".join(out)


@lru_cache(maxsize=8192)
def _clean_pron(pron: str) -> str:
    return spell_long_vowels(kata_to_hira(pron.translate(_UNACCENT)))


def count_morae(kana: str) -> int:
    """Morae in a kana string: small kana join the previous mora; ー, っ, ん count."""
    return sum(
        1
        for c in kana
        if c not in _SMALL_KANA and ("ぁ" <= c <= "ゖ" or "ァ" <= c <= "ヶ" or c == "ー")
    )


def _align(text: str, words: list[tuple[str, str, str, int]], offset: int) -> list[Token]:
    """Place each (surface, pos, pronunciation, morae) from the full front end in
    ``text``. It rewrites some input (digits become kanji numerals), so words that
    cannot be found take the span up to the next word that can. Offsets are shifted
    by ``offset`` (the sentence's place in the whole text)."""
    tokens: list[Token] = []
    pending: list[tuple[str, str, str, int]] = []
    cursor = 0

    def flush(until: int) -> None:
        nonlocal cursor
        for word in pending:
            tokens.append(_token(word, cursor + offset, until + offset))
        pending.clear()
        cursor = until

    for word in words:
        surface = unicodedata.normalize("NFKC", word[0])
        found = text.find(surface, cursor, cursor + len(surface) + 8) if surface else -1
        if found < 0:
            pending.append(word)
            continue
        flush(found if pending else cursor)
        tokens.append(_token(word, found + offset, found + len(surface) + offset))
        cursor = found + len(surface)
    flush(len(text))
    return tokens


def _token(word: tuple[str, str, str, int], start: int, end: int) -> Token:
    surface, pos, pron, morae = word
    reading = "" if pos == "記号" else _clean_pron(pron)
    return Token(surface, pos, reading, morae, start, end)


def _njd_tokens(module: Any, sentence: str, offset: int) -> list[Token]:
    # The vanilla front end is 3–5× faster than pyopenjtalk-plus's default (Sudachi
    # kanji readings, 何 prediction) and gives the same morae on our corpus.
    features = module.run_frontend(sentence, use_vanilla=True)
    words = [
        (
            str(f["string"]),
            str(f.get("pos", "")),
            str(f.get("pron", "")),
            int(f.get("mora_size", 0)),
        )
        for f in features
    ]
    return _align(sentence, words, offset)


@lru_cache(maxsize=8192)
def _pronounced(pron: str) -> tuple[str, int]:
    """(canonical hiragana reading, morae) of a MeCab pronunciation."""
    return _clean_pron(pron), count_morae(pron.replace("’", ""))


def _mecab_tokens(sentence: str, offset: int) -> list[Token] | None:
    """Tokens from MeCab alone, in one pass, or None when a word is unknown to the
    dictionary or a number (both need NJD's rules) or MeCab's words are not the
    sentence cut in pieces."""
    mecab = _mecab()
    if mecab is None:
        return None
    with _LOCK:
        lines = mecab.run_mecab(sentence)
    tokens = []
    cursor = 0
    for line in lines:
        fields = line.split(",", 10)
        if len(fields) < 10 or (fields[2] == "数" and fields[0] not in _READ_ALIKE):
            return None
        surface, pos, pron = fields[0], fields[1], fields[9]
        if not sentence.startswith(surface, cursor):
            return None
        if pos == "記号":
            reading, morae = "", 0
        elif pron == "*":
            return None
        else:
            reading, morae = _pronounced(pron)
        end = cursor + len(surface)
        tokens.append(Token(surface, pos, reading, morae, cursor + offset, end + offset))
        cursor = end
    return tokens if cursor == len(sentence) else None


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Sentence spans, a sentence longer than MAX_PIECE cut into pieces that long."""
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while end - start > MAX_PIECE:
            yield start, start + MAX_PIECE
            start += MAX_PIECE
        if end > start:
            yield start, end


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """Words of ``text`` (already NFKC-normalised, spaces removed) with readings.
    Empty when pyopenjtalk is unavailable or the text has nothing to read."""
    module = _pyopenjtalk()
    if module is None or not text.strip():
        return ()
    # Sentence by sentence, so that one number sends only its own sentence through
    # the slow front end.
    spans = list(_pieces(text))
    plain = [
        None if _NEEDS_NJD.search(text[start:end]) else _mecab_tokens(text[start:end], start)
        for start, end in spans
    ]
    found: list[Token] = []
    index = 0
    while index < len(spans):
        tokens_here = plain[index]
        if tokens_here is not None and (index + 1 == len(spans) or plain[index + 1] is not None):
            found.extend(tokens_here)
            index += 1
            continue
        # NJD reads a number by its context, which may lie in the sentence before
        # (after 「注文番号？」 702154 is read digit by digit): a run of sentences that
        # need NJD goes through it together with the plain sentence before it.
        last = index + 1 if tokens_here is not None else index
        while (
            last < len(spans)
            and plain[last] is None
            and (last == index or spans[last][1] - spans[index][0] <= MAX_PIECE)
        ):
            last += 1
        start, end = spans[index][0], spans[last - 1][1]
        found.extend(_njd_tokens(module, text[start:end], start))
        index = last
    return tuple(found)


def prepare(text: str) -> str:
    """What pyopenjtalk is given: NFKC text without spaces (Japanese recognisers put
    spaces between words, which would change the analysis)."""
    return compact_nfkc(text).text


def reading(text: str) -> str:
    """The hiragana reading of a short text, for lexicon entries."""
    return "".join(token.reading for token in tokens(prepare(text)))


def morae(text: str) -> int:
    """Morae in what ``text`` sounds like, as pyopenjtalk counts them."""
    return sum(token.morae for token in tokens(prepare(text)))
