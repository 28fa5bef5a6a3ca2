"""`sphinx`: offline English with CMU PocketSphinx (acoustic model bundled with
SpeechRecognition). One decoder is loaded once and kept; each turn's hints become
a small language model (cached per hint set) searched instead of the general one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from simulator.audio.asr.base import Recognition, RecognizerError, check_language
from simulator.audio.asr.hintlm import BASE_WORDS, build_arpa, words_of
from simulator.audio.asr.stream import rms16
from simulator.audio.types import Audio

SILENCE_RMS = 1e-3  # about -60 dBFS


def is_audible(audio: Audio) -> bool:
    samples = audio.samples
    return (
        bool(len(samples)) and float((samples.astype("float64") ** 2).mean()) ** 0.5 > SILENCE_RMS
    )


_FILLERS = {"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]"}
GENERAL_SEARCH = "general"
MAX_HINT_MODELS = 16


def sphinx_model_paths() -> tuple[str, str, str]:
    """(acoustic model dir, language model, dictionary) bundled with SpeechRecognition,
    else the ones bundled with pocketsphinx itself."""
    try:
        import speech_recognition
    except ImportError:
        speech_recognition = None
    if speech_recognition is not None:
        base = Path(speech_recognition.__file__).parent / "pocketsphinx-data" / "en-US"
        paths = (
            base / "acoustic-model",
            base / "language-model.lm.bin",
            base / "pronounciation-dictionary.dict",
        )
        if all(p.exists() for p in paths):
            return (str(paths[0]), str(paths[1]), str(paths[2]))
    try:
        import pocketsphinx
    except ImportError:
        raise RecognizerError(
            "sphinx ASR needs pocketsphinx: pip install 'callcoach[voice]'"
        ) from None
    model = Path(pocketsphinx.get_model_path()) / "en-us"
    return (str(model / "en-us"), str(model / "en-us.lm.bin"), str(model / "cmudict-en-us.dict"))


class SphinxRecognizer:
    """The decoder holds only the words in play (base words plus the hints seen so
    far): adding a language model to a decoder loaded with the full 130k-word
    dictionary costs tens of seconds, with a small one about a millisecond."""

    name = "sphinx"
    languages: tuple[str, ...] = ("en",)

    def __init__(self) -> None:
        hmm, _general_lm, dictionary = sphinx_model_paths()
        from pocketsphinx import Decoder

        self._pronunciations = read_dictionary(Path(dictionary))
        self._scratch = Path(tempfile.mkdtemp(prefix="callcoach-sphinx-"))
        base = [w for w in BASE_WORDS if w in self._pronunciations]
        small_dict = self._scratch / "base.dict"
        small_dict.write_text(self._dict_lines(base), encoding="utf-8")
        base_lm = self._scratch / "base.arpa"
        base_lm.write_text(build_arpa((), self._known), encoding="utf-8")
        self._decoder: Any = Decoder(
            hmm=hmm, lm=str(base_lm), dict=str(small_dict), logfn=os.devnull
        )
        self._decoder.add_lm_file(GENERAL_SEARCH, str(base_lm))
        self._in_decoder = set(base)
        self._lock = threading.Lock()  # one decoder, one utterance at a time
        self._hint_searches: OrderedDict[str, str] = OrderedDict()
        # Cepstral mean normalisation starts from a generic estimate and adapts per
        # utterance; until one utterance went through, a streamed decode is poor.
        self._warm = False

    def _known(self, word: str) -> bool:
        return word in self._pronunciations

    def _dict_lines(self, words: Sequence[str]) -> str:
        lines = []
        for word in words:
            for index, phones in enumerate(self._pronunciations[word]):
                lines.append(f"{word if index == 0 else f'{word}({index + 1})'} {phones}")
        return "\n".join(lines) + "\n"

    def open_stream(self, language: str, hints: Sequence[str] = ()) -> SphinxStream:
        """Decode while the trainee speaks. Holds the decoder until finish/cancel."""
        check_language(self, language)
        self._lock.acquire()
        try:
            self._decoder.activate_search(self._search_for(hints))
            self._decoder.start_utt()
        except BaseException:
            self._lock.release()
            raise
        return SphinxStream(self)

    def recognize(self, audio: Audio, language: str, hints: Sequence[str] = ()) -> Recognition:
        check_language(self, language)
        if not is_audible(audio):
            return Recognition("", 0.0, self.name)  # sphinx hallucinates words in silence
        pcm = audio.resampled(16000).pcm16()
        with self._lock:
            self._decoder.activate_search(self._search_for(hints))
            self._decoder.start_utt()
            self._decoder.process_raw(pcm, full_utt=True)
            self._decoder.end_utt()
            self._warm = True
            return self._result()

    def _result(self) -> Recognition:
        words = [(s.word, s.prob) for s in self._decoder.seg() if s.word not in _FILLERS]
        words = [(w.split("(")[0], p) for w, p in words]  # "the(2)" → "the"
        if not words:
            return Recognition("", 0.0, self.name)
        confidence = sum(min(1.0, p) for _, p in words) / len(words)
        return Recognition(" ".join(w for w, _ in words), confidence, self.name)

    def _search_for(self, hints: Sequence[str]) -> str:
        if not hints:
            return GENERAL_SEARCH
        digest = hashlib.sha256("\n".join(hints).encode()).hexdigest()[:16]
        if digest in self._hint_searches:
            self._hint_searches.move_to_end(digest)
            return self._hint_searches[digest]
        self._add_words({w for h in hints for w in words_of(h) if self._known(w)})
        path = self._scratch / f"{digest}.arpa"
        path.write_text(build_arpa(hints, self._known), encoding="utf-8")
        name = f"hints-{digest}"
        self._decoder.add_lm_file(name, str(path))
        path.unlink()
        self._hint_searches[digest] = name
        if len(self._hint_searches) > MAX_HINT_MODELS:
            _, old = self._hint_searches.popitem(last=False)
            self._decoder.remove_search(old)
        return name

    def _add_words(self, words: set[str]) -> None:
        missing = sorted(words - self._in_decoder)
        for index, word in enumerate(missing):
            last = index == len(missing) - 1
            self._decoder.add_word(word, self._pronunciations[word][0], last)
        self._in_decoder.update(missing)

    def close(self) -> None:
        for leftover in self._scratch.glob("*"):
            leftover.unlink()
        self._scratch.rmdir()


class SphinxStream:
    def __init__(self, owner: SphinxRecognizer) -> None:
        self._owner = owner
        self._open = True
        self._loudest = 0.0
        self._chunks: list[bytes] = []  # kept for the one cold-start redo
        # finish() may run on a worker (the listener finishes a turn early, at a pause)
        # while the feeding thread still calls partial() or cancel(): the decoder is
        # not thread-safe, so every call into it holds this.
        self._guard = threading.Lock()
        # What this utterance will teach the decoder, undone by rollback(). The
        # cepstral mean is re-set from its printed form so that a rollback restores
        # exactly this state (set_cmn also resets how much history the mean weighs).
        self._warm_before = owner._warm
        self._cmn_before: str = owner._decoder.get_cmn(False)
        owner._decoder.set_cmn(self._cmn_before)

    def feed(self, pcm16: bytes) -> None:
        with self._guard:
            if self._open:
                self._loudest = max(self._loudest, rms16(pcm16))
                self._owner._decoder.process_raw(pcm16, False, False)
                if not self._owner._warm:
                    self._chunks.append(pcm16)

    def partial(self) -> str:
        """The decoder's best path so far (a backtrace: cheap next to decoding)."""
        if not self._guard.acquire(blocking=False):
            return ""  # finish() is running on a worker: this utterance is over
        try:
            if not self._open:  # the decoder may already serve the next utterance
                return ""
            hypothesis = self._owner._decoder.hyp()
        finally:
            self._guard.release()
        return "" if hypothesis is None else " ".join(hypothesis.hypstr.split())

    def finish(self) -> Recognition:
        with self._guard:
            return self._finish()

    def _finish(self) -> Recognition:
        if not self._open:
            return Recognition("", 0.0, self._owner.name)
        decoder = self._owner._decoder
        try:
            decoder.end_utt()
            if self._loudest <= SILENCE_RMS:
                return Recognition("", 0.0, self._owner.name)
            if not self._owner._warm:  # first utterance: decode again, whole, once
                decoder.start_utt()
                decoder.process_raw(b"".join(self._chunks), False, True)
                decoder.end_utt()
                self._owner._warm = True
            return self._owner._result()
        finally:
            self._close()

    def rollback(self) -> None:
        """After finish(), for a result that was dropped (the trainee went on talking
        and the turn is decoded again): put back the cepstral mean and the cold start
        as they were before this utterance, so the new decode starts from the state
        the turn would have had without the early finish."""
        with self._guard:
            if self._open:
                raise RuntimeError("rollback() before finish()")
            with self._owner._lock:  # not while the next utterance is being decoded
                self._owner._decoder.set_cmn(self._cmn_before)
                self._owner._warm = self._warm_before

    def cancel(self) -> None:
        with self._guard:
            if self._open:
                self._owner._decoder.end_utt()
                self._close()

    def _close(self) -> None:
        self._open = False
        self._owner._lock.release()


def read_dictionary(path: Path) -> dict[str, list[str]]:
    """CMU dictionary: ``word phones…`` lines; ``word(2)`` marks an alternative."""
    pronunciations: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, _, phones = line.strip().partition(" ")
            if phones:
                pronunciations.setdefault(word.split("(")[0], []).append(phones.strip())
    return pronunciations
