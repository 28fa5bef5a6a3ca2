"""Partial results while the trainee speaks: the real sphinx on espeak-ng speech fed
frame by frame, the Vosk stream against a scripted recogniser (no model can be
downloaded here), and engines that have none."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from rapidfuzz import fuzz

from simulator.audio.asr.base import Recognition
from simulator.audio.asr.stream import BufferedStream, open_stream, partial_of
from simulator.audio.frames import audio_frames
from simulator.audio.types import Audio, read_wav
from tests.audio.conftest import require_modules
from tests.voice.conftest import speak_to_wav

SAID = "I am very sorry for the delay. Let me check your order number for you."
HINTS = ["I am very sorry for the delay", "let me check your order number"]


@pytest.fixture(scope="module")
def sphinx() -> Iterator[Any]:
    require_modules("pocketsphinx", "speech_recognition")
    from simulator.audio.asr.sphinx import SphinxRecognizer

    recognizer = SphinxRecognizer()
    yield recognizer
    recognizer.close()


def test_sphinx_partials_grow_towards_the_final_text(tmp_path: Path, sphinx: Any) -> None:
    # the espeak-ng command: the same audio whatever other tests did to a TTS engine
    speech = read_wav(speak_to_wav(SAID, tmp_path / "said.wav")).resampled(16000)
    sphinx.recognize(speech, "en", HINTS)  # past the cold start, as in a call's later turns
    stream = open_stream(sphinx, "en", HINTS)
    partials: list[str] = []
    for number, frame in enumerate(audio_frames(speech, 0.0), 1):
        stream.feed(frame.pcm)
        if number % 10 == 0:  # every 0.3 s, as the voice driver asks
            partials.append(stream.partial())
    final = stream.finish().text
    assert stream.partial() == ""  # finished: the decoder may serve the next turn
    heard = [p for p in partials if p]
    assert len(set(heard)) >= 4, partials
    assert {"sorry", "delay", "order"} <= set(final.split())
    # more is said as the speech goes on, and it converges on what is finally heard
    words = [len(p.split()) for p in heard]
    assert words[-1] >= 3 * words[0]
    closeness = [fuzz.ratio(p, final) for p in heard]
    assert closeness[-1] >= 80 and closeness[-1] > closeness[len(closeness) // 2] > closeness[0]


def test_sphinx_partial_on_silence_and_after_cancel(sphinx: Any) -> None:
    stream = sphinx.open_stream("en", HINTS)
    stream.feed(b"\x00\x00" * 4800)
    assert stream.partial() == ""
    stream.cancel()
    assert stream.partial() == ""


class Echo:
    name = "echo"
    languages: tuple[str, ...] = ("en",)

    def recognize(self, audio: Audio, language: str, hints: Any = ()) -> Recognition:
        return Recognition("all of it", 1.0, self.name)

    def close(self) -> None:
        pass


def test_engines_that_cannot_stream_have_no_partial() -> None:
    stream = open_stream(Echo(), "en", [])
    assert isinstance(stream, BufferedStream)
    stream.feed(b"\x01\x00" * 1600)
    assert stream.partial() == ""
    assert stream.finish().text == "all of it"

    class OldStream:  # a recogniser's own stream from before partials existed
        def feed(self, pcm16: bytes) -> None: ...

    assert partial_of(OldStream()) == ""


class ScriptedKaldi:  # Vosk's method names
    """Vosk's KaldiRecognizer as scripted: each fed chunk is the next (partial, final)
    pair — a final ends a segment at a pause, as Kaldi's endpointer does."""

    script: ClassVar[list[tuple[str, dict[str, Any] | None]]] = []
    last: ClassVar[dict[str, Any]] = {"text": ""}

    def __init__(self, model: Any, rate: int) -> None:
        self.rate, self.fed, self.partial = rate, 0, ""
        self.words = False

    def SetWords(self, on: bool) -> None:
        self.words = on

    def AcceptWaveform(self, pcm: bytes) -> bool:
        self.partial, self.segment = self.script[self.fed]
        self.fed += 1
        if self.segment is not None:
            self.partial = ""
        return self.segment is not None

    def Result(self) -> str:
        return json.dumps(self.segment)

    def PartialResult(self) -> str:
        return json.dumps({"partial": self.partial})

    def FinalResult(self) -> str:
        return json.dumps(self.last)


@pytest.fixture
def vosk_ja(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    model = tmp_path / "vosk-ja"
    (model / "am").mkdir(parents=True)
    (model / "conf").mkdir()
    fake = types.SimpleNamespace(
        SetLogLevel=lambda level: None, Model=lambda path: object(), KaldiRecognizer=ScriptedKaldi
    )
    monkeypatch.setitem(sys.modules, "vosk", fake)
    from simulator.audio.asr.vosk import VoskRecognizer

    return VoskRecognizer("ja", model)


def words(text: str, conf: float) -> dict[str, Any]:
    return {"text": text, "result": [{"word": w, "conf": conf} for w in text.split()]}


def test_vosk_streams_partials_and_keeps_every_segment(
    vosk_ja: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    script: list[tuple[str, dict[str, Any] | None]] = [
        ("お 待た", None),
        ("", words("お 待た せ し まし た", 0.9)),  # a pause: Kaldi ends a segment
        ("佐藤", None),
        ("佐藤 と", None),
    ]
    monkeypatch.setattr(ScriptedKaldi, "script", script)
    monkeypatch.setattr(ScriptedKaldi, "last", words("佐藤 と 申し ます", 0.5))
    stream = open_stream(vosk_ja, "ja", [])
    seen = []
    for _ in script:
        stream.feed(b"\x00\x00" * 480)
        seen.append(stream.partial())
    assert seen == [
        "お 待た",
        "お 待た せ し まし た",
        "お 待た せ し まし た 佐藤",
        "お 待た せ し まし た 佐藤 と",
    ]
    result = stream.finish()
    # the first segment is not lost to FinalResult(), which holds only the last one
    assert result.text == "お 待た せ し まし た 佐藤 と 申し ます"
    assert result.confidence == pytest.approx((6 * 0.9 + 4 * 0.5) / 10)
    assert stream.partial() == "" and stream.finish() == Recognition("", 0.0, "vosk")


def test_vosk_recognize_goes_through_the_same_stream(
    vosk_ja: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ScriptedKaldi, "script", [("", words("はい", 1.0))])
    monkeypatch.setattr(ScriptedKaldi, "last", words("承知 し まし た", 0.8))
    result = vosk_ja.recognize(Audio.silence(0.5), "ja")
    assert result.text == "はい 承知 し まし た"
    with pytest.raises(Exception, match="does not handle language 'en'"):
        vosk_ja.open_stream("en")
    cancelled = vosk_ja.open_stream("ja")
    cancelled.cancel()
    assert cancelled.partial() == ""
