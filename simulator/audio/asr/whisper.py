"""`faster-whisper`: offline recognition with a CTranslate2 Whisper model — by
default the multilingual Whisper base that ``make setup`` installs from PyPI
(simulator.audio.asr.whisper_model). The language is forced (no detection) and
each model is loaded once per process and shared by every call, replay and
``play`` (``shared_model``).

Latency: Whisper's encoder always reads a 30 s window, padded with silence, which
costs ~0.5 s on two cores whatever the reply's length. A trainee's reply is a few
seconds, so the encoder is given a window just longer than the speech (at least
``MIN_WINDOW`` s, below which short clips start to repeat themselves): 2-3× faster
with the same text on the corpus in tests/data/asr. A result that still looks like
a loop (highly compressible, or out of token budget) is decoded again on the full
window, as Whisper itself falls back.

Model: the ``model`` argument (``--asr-model DIR``), else CALLCOACH_WHISPER_MODEL —
a folder with a converted model, or a model name already in the local Hugging Face
cache — else the bundled model. Nothing is downloaded unless
CALLCOACH_WHISPER_DOWNLOAD=1.
"""

from __future__ import annotations

import math
import os
import threading
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from simulator.audio.asr import whisper_model
from simulator.audio.asr.base import Recognition, RecognizerError, check_language
from simulator.audio.asr.whisper_prompt import prompt_from_hints
from simulator.audio.types import Audio

INSTALL = whisper_model.INSTALL
RATE = 16000
MIN_WINDOW = 8  # seconds of encoder window at least (shorter: short replies loop)
FULL_WINDOW = 30
MAX_PROMPT_TOKENS = 48  # Whisper keeps at most 223; short cues do not leak into text
LOW_CONFIDENCE = 0.55  # below this, a small beam gives alternatives for the scorer
LOOP_COMPRESSION = 2.4  # Whisper's own threshold for a repetition loop


def install_hint() -> str:
    from simulator.i18n import t

    return t("engine.whisper.install")


@dataclass(frozen=True)
class ModelSource:
    location: str  # what WhisperModel loads: a folder, or a cached model name
    label: str  # shown to the user
    languages: tuple[str, ...]
    bundled: bool


def configured_model(model: str | None = None) -> str | None:
    return model or os.environ.get("CALLCOACH_WHISPER_MODEL") or None


def describe_source(model: str | None = None) -> ModelSource | None:
    """The model that would be used, without assembling or loading anything (cheap, for
    ``probe_asr`` and the briefing); None when there is none."""
    chosen = configured_model(model)
    if chosen is None:
        if not whisper_model.bundled_installed():
            return None
        folder = whisper_model.bundled_model_dir()
        return ModelSource(str(folder), whisper_model.BUNDLED_LABEL, ("ja", "en"), True)
    local = Path(chosen).expanduser()
    if local.is_dir():
        return ModelSource(str(local), str(local), whisper_model.model_languages(local), False)
    if _cached_name(chosen):
        languages = ("en",) if chosen.endswith(".en") else ("ja", "en")
        return ModelSource(chosen, chosen, languages, False)
    return None


def _cached_name(name: str) -> bool:
    try:
        from faster_whisper.utils import download_model

        download_model(name, local_files_only=True)
    except Exception:  # not in the local cache (or the library changed): not usable offline
        return False
    return True


def resolve_source(model: str | None = None) -> ModelSource:
    """``describe_source``, with the bundled model assembled and verified."""
    source = describe_source(model)
    if source is None:
        chosen = configured_model(model)
        if chosen is None:
            raise RecognizerError(f"faster-whisper ASR needs a model: {install_hint()}")
        raise RecognizerError(
            f"faster-whisper model {chosen!r} is not a folder here and not in the local "
            f"cache; give a faster-whisper model folder, or unset it to use the bundled "
            f"model ({install_hint()})"
        )
    if source.bundled:
        whisper_model.ensure_bundled_model()
    return source


class LoadedModel:
    """One loaded model, shared process-wide; ``lock`` serialises decodes (two cores:
    two decodes at once only slow each other down)."""

    def __init__(self, source: ModelSource) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise RecognizerError(f"faster-whisper ASR needs: {install_hint()}") from None
        local = Path(source.location).is_dir()
        download = os.environ.get("CALLCOACH_WHISPER_DOWNLOAD") == "1"
        try:
            self.model: Any = WhisperModel(
                source.location,
                device="cpu",
                compute_type="int8",
                cpu_threads=max(1, os.cpu_count() or 2),
                local_files_only=not download and not local,
            )
        except Exception as error:  # broken files surface as various library errors
            raise RecognizerError(
                f"faster-whisper model {source.label!r} cannot be loaded "
                f"({type(error).__name__}: {str(error)[:120]}); {install_hint()}"
            ) from None
        self.source = source
        self.multilingual = bool(self.model.model.is_multilingual)
        self.lock = threading.Lock()
        self._tokenizers: dict[str, tuple[Any, list[int]]] = {}

    def tokenizer(self, language: str) -> tuple[Any, list[int]]:
        """The tokenizer for ``language`` and its suppressed tokens, built once (called
        under ``lock``)."""
        if language not in self._tokenizers:
            from faster_whisper.tokenizer import Tokenizer
            from faster_whisper.transcribe import get_suppressed_tokens

            tokenizer = Tokenizer(
                self.model.hf_tokenizer,
                self.multilingual,
                task="transcribe",
                language=language if self.multilingual else None,
            )
            self._tokenizers[language] = (tokenizer, get_suppressed_tokens(tokenizer, (-1,)))
        return self._tokenizers[language]


_LOADED: dict[str, LoadedModel] = {}
_LOADING = threading.Lock()


def shared_model(source: ModelSource) -> LoadedModel:
    """The loaded model for ``source``: loaded on first use, then kept."""
    with _LOADING:
        loaded = _LOADED.get(source.location)
        if loaded is None:
            loaded = _LOADED[source.location] = LoadedModel(source)
        return loaded


class FasterWhisperRecognizer:
    name = "faster-whisper"
    speculate_after = 0.15  # the listener's early finish (simulator.audio.listener)

    def __init__(
        self, model: str | None = None, *, language: str | None = None, partials: bool = True
    ) -> None:
        """``language``: the call's, checked against the model's files before loading."""
        self.source = resolve_source(model)
        self.languages: tuple[str, ...] = self.source.languages
        if language is not None:
            problem = whisper_model.language_problem(self.label, self.languages, language)
            if problem:
                raise RecognizerError(problem)
        self.partials = partials
        self._loaded = shared_model(self.source)
        if not self._loaded.multilingual:
            self.languages = tuple(lang for lang in self.languages if lang == "en")

    @property
    def label(self) -> str:
        return self.source.label

    def recognize(self, audio: Audio, language: str, hints: Sequence[str] = ()) -> Recognition:
        self._check(language)
        samples = audio.resampled(RATE).samples.astype(np.float32, copy=False)
        return self.decode(samples, language, hints)

    def _check(self, language: str) -> None:
        problem = whisper_model.language_problem(self.label, self.languages, language)
        if problem:
            raise RecognizerError(problem)
        check_language(self, language)

    def decode(
        self, samples: np.ndarray, language: str, hints: Sequence[str] = (), *, quick: bool = False
    ) -> Recognition:
        """``quick``: a live partial (greedy, no fallbacks, no alternatives)."""
        prompt = prompt_from_hints(language, hints)
        with self._loaded.lock:
            if len(samples) > (FULL_WINDOW - 0.5) * RATE:
                return self._transcribe_long(samples, language, prompt)
            decoder = _WindowDecoder(self._loaded, language, prompt)
            return decoder.run(samples, quick=quick)

    def _transcribe_long(self, samples: np.ndarray, language: str, prompt: str) -> Recognition:
        segments, _info = self._loaded.model.transcribe(
            samples,
            language=language if self._loaded.multilingual else None,
            initial_prompt=prompt or None,
            beam_size=1,
            vad_filter=False,
            condition_on_previous_text=False,
        )
        parts = list(segments)
        text = "".join(p.text for p in parts).strip()
        if not text:
            return Recognition("", 0.0, self.name)
        mean_logprob = sum(p.avg_logprob for p in parts) / len(parts)
        return Recognition(text, _confidence(mean_logprob), self.name)

    def open_stream(self, language: str, hints: Sequence[str]) -> Any:
        from simulator.audio.asr.whisper_stream import WhisperStream

        self._check(language)
        return WhisperStream(self, language, hints, partials=self.partials)

    def close(self) -> None:
        pass  # the model stays loaded for the next call (shared_model)


def _confidence(logprob: float) -> float:
    return max(0.0, min(1.0, math.exp(logprob)))


def _looks_like_a_loop(text: str) -> bool:
    data = text.encode("utf-8")
    return len(data) > 24 and len(data) / len(zlib.compress(data)) > LOOP_COMPRESSION


class _WindowDecoder:
    """One decode of one utterance on an encoder window fitted to its length."""

    def __init__(self, loaded: LoadedModel, language: str, prompt: str) -> None:
        self.loaded = loaded
        self.tokenizer, self.suppress = loaded.tokenizer(language)
        self.prompt = self._prompt_tokens(prompt)

    def _prompt_tokens(self, prompt: str) -> list[int]:
        tokens: list[int] = []
        if prompt:
            cue = self.tokenizer.encode(" " + prompt.strip())[-MAX_PROMPT_TOKENS:]
            tokens = [self.tokenizer.sot_prev, *cue]
        return [*tokens, *self.tokenizer.sot_sequence, self.tokenizer.no_timestamps]

    def run(self, samples: np.ndarray, *, quick: bool) -> Recognition:
        seconds = len(samples) / RATE
        window = min(FULL_WINDOW, max(MIN_WINDOW, math.ceil(seconds + 0.5)))
        encoded = self._encode(samples, window)
        text, logprob, no_speech, ids = self._generate(encoded, seconds)
        budget = _token_budget(seconds)
        if not quick and window < FULL_WINDOW and (_looks_like_a_loop(text) or ids >= budget):
            encoded = self._encode(samples, FULL_WINDOW)
            text, logprob, no_speech, ids = self._generate(encoded, seconds)
        if not text or (no_speech > 0.6 and logprob < -1.0):
            return Recognition("", 0.0, "faster-whisper")
        confidence = _confidence(logprob)
        alternatives: tuple[str, ...] = ()
        if not quick and confidence < LOW_CONFIDENCE:
            text, confidence, alternatives = self._with_alternatives(encoded, seconds, text)
        return Recognition(text, confidence, "faster-whisper", alternatives)

    def _encode(self, samples: np.ndarray, window: int) -> Any:
        import ctranslate2

        padded = np.zeros(window * RATE, dtype=np.float32)
        padded[: min(len(samples), len(padded))] = samples[: len(padded)]
        features = self.loaded.model.feature_extractor(padded)[:, : window * 100]
        batch = np.ascontiguousarray(features[None], dtype=np.float32)
        return self.loaded.model.model.encode(ctranslate2.StorageView.from_array(batch))

    def _generate(self, encoded: Any, seconds: float) -> tuple[str, float, float, int]:
        result = self.loaded.model.model.generate(
            encoded,
            [self.prompt],
            beam_size=1,
            max_length=len(self.prompt) + _token_budget(seconds),
            return_scores=True,
            return_no_speech_prob=True,
            suppress_blank=True,
            suppress_tokens=self.suppress,
        )[0]
        ids = [i for i in result.sequences_ids[0] if i < self.tokenizer.eot]
        text = self.tokenizer.decode(ids).strip()
        return text, float(result.scores[0]), float(result.no_speech_prob), len(ids)

    def _with_alternatives(
        self, encoded: Any, seconds: float, greedy: str
    ) -> tuple[str, float, tuple[str, ...]]:
        """A 3-wide beam on the same encoder output: its best reading, and the others
        (the greedy one included when it differs) as alternatives."""
        result = self.loaded.model.model.generate(
            encoded,
            [self.prompt],
            beam_size=3,
            num_hypotheses=3,
            max_length=len(self.prompt) + _token_budget(seconds),
            return_scores=True,
            suppress_blank=True,
            suppress_tokens=self.suppress,
        )[0]
        texts = [
            self.tokenizer.decode([i for i in ids if i < self.tokenizer.eot]).strip()
            for ids in result.sequences_ids
        ]
        best = texts[0] if texts and texts[0] else greedy
        others = [t for t in (*texts[1:], greedy) if t and t != best]
        score = float(result.scores[0]) if result.scores else math.log(1e-3)
        return best, _confidence(score), tuple(dict.fromkeys(others))


def _token_budget(seconds: float) -> int:
    """Tokens a reply of ``seconds`` can need: generous for Japanese (a kanji or kana
    often costs a token of its own), tight enough to stop a loop early."""
    return int(16 + 12 * seconds)
