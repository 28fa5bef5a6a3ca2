"""Speculative finalisation in the listener: at a pause the turn's recognition is
finished early on a worker; speech resuming inside the end-of-turn window drops that
result and decodes the whole turn again. On WAV streams placed on the session clock,
with workers that finish a job at a chosen moment (no threads, no timing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

import pytest

from simulator.audio.asr.base import Recognition
from simulator.audio.frames import FRAME_SECONDS, AudioFrameSource, Frame
from simulator.audio.listener import Listener, Transcribed
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio, read_wav
from simulator.audio.vad import SpeechStarted, Utterance, VadConfig
from tests.audio.clips import RATE, join, trimmed_speech
from tests.audio.conftest import require_modules

require_modules("webrtcvad")

START = 20.0  # where the reply sits on the session clock
SPECULATE = 0.24
PRE_ROLL = VadConfig().pre_roll


class InlineWorker(Executor):
    """Finishes each job the moment it is handed over: the early result is ready
    long before the end-of-turn window closes."""

    def __init__(self) -> None:
        self.jobs = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.jobs += 1
        future: Future[Any] = Future()
        future.set_running_or_notify_cancel()
        future.set_result(fn(*args, **kwargs))
        return future


class LateFuture(Future[Any]):
    """Runs its job only when someone needs the outcome: the worker was still busy."""

    def __init__(self, job: Callable[[], Any]) -> None:
        super().__init__()
        self._job = job

    def finish_now(self) -> None:
        if self.set_running_or_notify_cancel():
            try:
                self.set_result(self._job())
            except BaseException as error:
                self.set_exception(error)

    def result(self, timeout: float | None = None) -> Any:
        if not self.running() and not self.done():
            self.finish_now()
        return super().result(timeout)

    def exception(self, timeout: float | None = None) -> BaseException | None:
        if not self.running() and not self.done():
            self.finish_now()
        return super().exception(timeout)


class LateWorker(Executor):
    def __init__(self) -> None:
        self.pending: list[LateFuture] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = LateFuture(lambda: fn(*args, **kwargs))
        self.pending.append(future)
        return future


class Tape:
    """A recognition stream that keeps what it was fed and says how much."""

    def __init__(self, log: list[str], number: int) -> None:
        self.log, self.number = log, number
        self.fed = b""
        self.finished = self.cancelled = self.rolled_back = False

    def feed(self, pcm16: bytes) -> None:
        assert not self.finished, "fed after finish"
        self.fed += pcm16

    def partial(self) -> str:
        return ""

    def finish(self) -> Recognition:
        self.finished = True
        self.log.append(f"finish {self.number}")
        return Recognition(f"stream {self.number}: {len(self.fed) // 2} samples", 1.0, "tape")

    def rollback(self) -> None:
        assert self.finished
        self.rolled_back = True
        self.log.append(f"rollback {self.number}")

    def cancel(self) -> None:
        self.cancelled = True
        self.log.append(f"cancel {self.number}")


class Tapes:
    def __init__(self) -> None:
        self.log: list[str] = []
        self.streams: list[Tape] = []

    def __call__(self) -> Tape:
        self.streams.append(Tape(self.log, len(self.streams)))
        self.log.append(f"open {len(self.streams) - 1}")
        return self.streams[-1]


@pytest.fixture(scope="module")
def words(openjtalk: TTSEngine) -> Audio:
    """About a second and a half of speech, trimmed to where the voice is."""
    return trimmed_speech(openjtalk, "申し訳ございません。")


def listen(
    audio: Audio, tapes: Tapes, worker: Executor, speculate: float | None = SPECULATE
) -> tuple[list[Any], Listener]:
    events: list[Any] = []
    listener = Listener(
        AudioFrameSource(audio, START),
        events.append,
        transcribe=tapes,
        speculate_after=speculate,
        worker=worker,
    )
    listener.run()  # on this thread: deterministic
    assert listener.error is None
    return events, listener


def pcm_between(audio: Audio, start: float, end: float) -> bytes:
    """The frames' PCM from ``start`` up to ``end`` on the session clock."""
    frames: Iterator[Frame] = AudioFrameSource(audio, START).frames()
    return b"".join(f.pcm for f in frames if f.t >= start - 1e-6 and f.end <= end + 1e-6)


def the_turn(events: list[Any]) -> tuple[Utterance, Recognition]:
    (utterance,) = [e for e in events if isinstance(e, Utterance)]
    (transcribed,) = [e for e in events if isinstance(e, Transcribed)]
    assert transcribed.utterance is utterance
    return utterance, transcribed.recognition


@pytest.mark.parametrize("worker_kind", [InlineWorker, LateWorker])
def test_a_pause_that_ends_the_turn_uses_the_early_result(
    words: Audio, worker_kind: type[Executor]
) -> None:
    audio = join(0.5, words, 1.2)
    tapes = Tapes()
    events, listener = listen(audio, tapes, worker_kind())
    utterance, recognition = the_turn(events)
    (stream,) = tapes.streams
    assert tapes.log == ["open 0", "finish 0"]  # one decode, finished once, early
    assert recognition.text.startswith("stream 0:")
    # it heard the pre-roll, the whole voice, and the pause up to the early finish …
    expected = pcm_between(audio, utterance.start - PRE_ROLL, utterance.end + SPECULATE)
    assert stream.fed == expected
    # … which came well before the end-of-turn window closed
    assert utterance.end + SPECULATE < utterance.end + VadConfig().end_silence - FRAME_SECONDS
    assert (listener.speculations.started, listener.speculations.used) == (1, 1)
    assert listener.speculations.discarded == 0


@pytest.mark.parametrize("worker_kind", [InlineWorker, LateWorker])
def test_speech_resuming_in_the_window_is_decoded_with_the_whole_turn(
    words: Audio, worker_kind: type[Executor]
) -> None:
    audio = join(0.5, words, 0.42, words, 1.2)  # a pause longer than 0.24 s, shorter than 0.6
    tapes = Tapes()
    events, listener = listen(audio, tapes, worker_kind())
    utterance, recognition = the_turn(events)
    assert [type(e) for e in events].count(SpeechStarted) == 1  # still one turn
    first, final = tapes.streams
    # the early finish is done and forgotten before the turn is decoded again
    assert tapes.log == ["open 0", "finish 0", "rollback 0", "open 1", "finish 1"]
    assert first.rolled_back and not final.rolled_back
    assert recognition.text.startswith("stream 1:")
    # the final decode covers both parts: pre-roll, first words, pause, second words
    assert final.fed == pcm_between(audio, utterance.start - PRE_ROLL, utterance.end + SPECULATE)
    first_part_end = START + 0.5 + words.duration
    assert utterance.end > first_part_end + 0.42 + 0.5 * words.duration
    assert len(first.fed) < len(final.fed)
    counts = listener.speculations
    assert (counts.started, counts.used, counts.discarded) == (2, 1, 1)


def test_without_speculation_the_turn_is_finished_at_the_end_of_the_window(
    words: Audio,
) -> None:
    audio = join(0.5, words, 1.2)
    tapes = Tapes()
    worker = InlineWorker()
    events, listener = listen(audio, tapes, worker, speculate=None)
    utterance, recognition = the_turn(events)
    assert worker.jobs == 0 and tapes.log == ["open 0", "finish 0"]
    assert recognition.text.startswith("stream 0:") and listener.speculations.started == 0
    window = VadConfig().end_silence
    assert tapes.streams[0].fed == pcm_between(
        audio, utterance.start - PRE_ROLL, utterance.end + window
    )


def test_stopping_during_an_early_finish_waits_for_it_and_leaves_nothing_open(
    words: Audio,
) -> None:
    audio = join(0.5, words, 1.2)
    tapes = Tapes()
    worker = LateWorker()
    listener: Listener | None = None

    def frames() -> Iterator[Frame]:
        for frame in AudioFrameSource(audio, START).frames():
            if worker.pending and listener is not None:
                listener.stop()  # the call ends while the early finish is running
            yield frame

    class Source:
        def frames(self) -> Iterator[Frame]:
            return frames()

    events: list[Any] = []
    listener = Listener(Source(), events.append, transcribe=tapes, worker=worker)
    listener.run()
    assert listener.error is None
    assert not any(isinstance(e, Utterance | Transcribed) for e in events)
    (pending,) = worker.pending
    assert pending.done()  # the decoder was left idle
    assert tapes.log == ["open 0", "finish 0"]  # finished once, never cancelled twice


def test_an_early_finish_that_fails_reports_the_error(words: Audio) -> None:
    class Broken(Tape):
        def finish(self) -> Recognition:
            raise RuntimeError("decoder exploded")

    events: list[Any] = []
    listener = Listener(
        AudioFrameSource(join(0.5, words, 1.2), START),
        events.append,
        transcribe=lambda: Broken([], 0),
        worker=LateWorker(),
    )
    listener.run()
    assert isinstance(listener.error, RuntimeError)
    assert not any(isinstance(e, Transcribed) for e in events)


# -- the real decoder ------------------------------------------------------------------
SORRY = (
    "I'm so sorry, for the wait and for sending the wrong colour. "
    "With the wedding ten days away, I can imagine how stressful this is."
)
HINTS = ["I am so sorry for the wait", "the wrong colour", "the wedding", "let me fix this"]


@pytest.fixture(scope="module")
def sorry(tmp_path_factory: pytest.TempPathFactory) -> Audio:
    from tests.voice.conftest import speak_to_wav

    path = speak_to_wav(SORRY, tmp_path_factory.mktemp("speculation") / "sorry.wav")
    return join(0.5, read_wav(Path(path)).resampled(RATE), 1.2)


@pytest.mark.parametrize("warm", [False, True], ids=["first-turn", "later-turn"])
def test_sphinx_gives_the_same_text_with_and_without_early_finishes(
    sorry: Audio, warm: bool
) -> None:
    require_modules("pocketsphinx", "speech_recognition")
    from simulator.audio.asr.sphinx import SphinxRecognizer
    from simulator.audio.asr.stream import open_stream

    texts = []
    for speculate in (None, SPECULATE):
        sphinx = SphinxRecognizer()  # the same state for both runs
        try:
            if warm:
                sphinx.recognize(sorry, "en", HINTS)
            events: list[Any] = []
            listener = Listener(
                AudioFrameSource(sorry, START),
                events.append,
                transcribe=lambda sphinx=sphinx: open_stream(sphinx, "en", HINTS),  # type: ignore[misc]
                speculate_after=speculate,
            )
            listener.run()
            assert listener.error is None
            _, recognition = the_turn(events)
            texts.append(recognition.text)
            if speculate is not None:  # the sentence pause made it decode again
                assert listener.speculations.discarded >= 1
            assert sphinx.recognize(Audio.silence(0.5), "en").text == ""  # decoder free
        finally:
            sphinx.close()
    assert texts[0] == texts[1]
    assert {"sorry", "wrong", "colour", "wedding"} <= set(texts[1].split())


def test_sphinx_stream_rollback_and_cancel_after_finish() -> None:
    require_modules("pocketsphinx", "speech_recognition")
    from simulator.audio.asr.sphinx import SphinxRecognizer

    sphinx = SphinxRecognizer()
    try:
        stream = sphinx.open_stream("en", HINTS)
        with pytest.raises(RuntimeError, match="before finish"):
            stream.rollback()
        stream.feed(b"\x00\x00" * 4800)
        assert stream.finish().text == ""
        stream.cancel()  # after finish: nothing to do, the decoder is not released twice
        stream.rollback()
        assert stream.partial() == ""
        again = sphinx.open_stream("en", HINTS)
        again.cancel()
        assert again.finish() == Recognition("", 0.0, "sphinx")  # finish after cancel
    finally:
        sphinx.close()
