"""Speech recognition: the English path end to end (espeak → VAD → sphinx), and
every other engine up to its model (models cannot be downloaded here)."""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.audio.asr import (
    Recognition,
    RecognizerError,
    asr_problem,
    choose_recognizer,
    create_recognizer,
    probe_asr,
)
from simulator.audio.asr.google import parse_google
from simulator.audio.asr.hintlm import build_arpa, words_of
from simulator.audio.asr.sphinx import SphinxRecognizer
from simulator.audio.asr.vosk import parse_result, vosk_model_dir
from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio, write_wav
from simulator.audio.vad import Utterance, segment
from tests.audio.conftest import needs_espeak, require_modules

require_modules("webrtcvad", "pocketsphinx", "speech_recognition")

HINTS = [
    "I am very sorry for the delay",
    "I apologize for the inconvenience",
    "my name is Sato",
    "let me check your order number",
    "thank you for your patience",
    "I understand how you feel",
]


@pytest.fixture(scope="module")
def sphinx() -> Iterator[SphinxRecognizer]:
    recognizer = SphinxRecognizer()
    yield recognizer
    recognizer.close()


def reply_wav(engine: TTSEngine, text: str, path: Path) -> Path:
    audio = engine.synthesize(text, Prosody())
    pad = np.zeros(round(0.4 * audio.rate), np.float32)
    write_wav(path, Audio(np.concatenate([pad, audio.samples, pad]), audio.rate))
    return path


@needs_espeak
def test_english_reply_end_to_end(
    espeak: TTSEngine, sphinx: SphinxRecognizer, tmp_path: Path
) -> None:
    from simulator.audio.frames import WavFrameSource

    wav = reply_wav(
        espeak, "I am very sorry for the delay. Let me check your order.", tmp_path / "r.wav"
    )
    (utterance,) = [e for e in segment(WavFrameSource(wav, 30.0)) if isinstance(e, Utterance)]
    assert utterance.start == pytest.approx(30.4, abs=0.1)
    result = sphinx.recognize(utterance.audio, "en", HINTS)
    words = set(result.text.split())
    assert {"sorry", "delay", "order"} <= words, result.text
    assert result.engine == "sphinx" and 0.3 < result.confidence <= 1.0


@needs_espeak
def test_hints_help_and_do_not_invent_phrases(espeak: TTSEngine, sphinx: SphinxRecognizer) -> None:
    on_script = espeak.synthesize("I understand how you feel.", Prosody())
    off_script = espeak.synthesize("The weather is nice today and I like pizza.", Prosody())
    with_hints = sphinx.recognize(on_script, "en", HINTS).text
    without = sphinx.recognize(on_script, "en").text
    assert {"understand", "feel"} <= set(with_hints.split())
    hits = lambda text: len({"understand", "how", "you", "feel"} & set(text.split()))  # noqa: E731
    assert hits(with_hints) >= hits(without)
    off = sphinx.recognize(off_script, "en", HINTS).text
    for phrase in ("sorry for the delay", "my name is", "your patience", "apologize"):
        assert phrase not in off


def test_sphinx_without_hints_and_on_silence(sphinx: SphinxRecognizer) -> None:
    assert sphinx.recognize(Audio.silence(1.0), "en") == Recognition("", 0.0, "sphinx")


def test_sphinx_refuses_japanese(sphinx: SphinxRecognizer) -> None:
    with pytest.raises(RecognizerError, match="does not handle language 'ja'"):
        sphinx.recognize(Audio.silence(0.5), "ja")


def test_hint_words_digits_become_words() -> None:
    assert words_of("Order 4521, please!") == ["order", "four", "five", "two", "one", "please"]


def test_hint_model_is_a_normalised_bigram() -> None:
    known = {"i", "am", "sorry", "for", "the", "delay", "hello", "yes"}.__contains__
    arpa = build_arpa(["I am sorry for the delay", "I am sorry"], known, base=["hello", "yes"])
    uni: dict[str, tuple[float, float]] = {}
    bi: dict[str, dict[str, float]] = defaultdict(dict)
    section = ""
    for line in arpa.splitlines():
        if line.startswith("\\"):
            section = line
            continue
        parts = line.split()
        if section == "\\1-grams:" and parts:
            uni[parts[1]] = (10 ** float(parts[0]), 10 ** float(parts[2]))
        if section == "\\2-grams:" and parts:
            bi[parts[1]][parts[2]] = 10 ** float(parts[0])
    real = {w: p for w, (p, _) in uni.items() if w != "<s>"}
    assert math.isclose(sum(real.values()) + uni["<s>"][0], 1.0, rel_tol=1e-3)
    for context, followers in bi.items():
        backoff = uni[context][1]
        unseen = sum(p for w, p in real.items() if w not in followers)
        assert math.isclose(sum(followers.values()) + backoff * unseen, 1.0, rel_tol=1e-2)
    assert bi["sorry"]["for"] > real["for"]  # hints shape the model


def test_auto_for_english_falls_back_to_sphinx_without_whisper(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    choice = choose_recognizer("en", "auto")
    assert choice.recognizer.name == "sphinx"
    assert "sphinx" in choice.reason
    choice.recognizer.close()


def test_auto_for_japanese_without_models_says_exactly_what_to_install(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # as if not installed
    with pytest.raises(RecognizerError) as error:
        choose_recognizer("ja", "auto")
    message = str(error.value)
    assert "vosk-model-small-ja-0.22" in message and "48 MB" in message
    assert "alphacephei.com/vosk/models" in message
    assert str(isolated_home / "data" / "models" / "vosk-ja") in message
    assert "CALLCOACH_VOSK_MODEL" in message and "callcoach[whisper]" in message
    assert "text mode" in message and "\n" not in message


def test_the_briefing_check_agrees_with_auto_without_loading_a_model(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    assert asr_problem("en") is None  # sphinx is bundled
    problem = asr_problem("ja")
    assert problem is not None and "vosk-model-small-ja-0.22" in problem
    with pytest.raises(RecognizerError) as error:
        choose_recognizer("ja", "auto")
    assert problem == str(error.value)
    assert asr_problem("en", "vosk") is not None  # chosen by name, and not installed


def test_vosk_model_folder_from_env_and_clear_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLCOACH_VOSK_MODEL", str(tmp_path / "model"))
    assert vosk_model_dir("ja") == tmp_path / "model"
    with pytest.raises(RecognizerError, match="no Vosk model for 'ja'"):
        create_recognizer("vosk", "ja")
    (tmp_path / "model" / "am").mkdir(parents=True)
    (tmp_path / "model" / "conf").mkdir()
    expected = "not a usable Vosk model" if _has("vosk") else r"pip install 'callcoach\[vosk\]'"
    assert probe_asr("vosk", "ja").ok is _has("vosk")  # looks like a model …
    with pytest.raises(RecognizerError, match=expected):
        create_recognizer("vosk", "ja")  # … but vosk cannot load it


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def test_vosk_result_parsing() -> None:
    result = {"text": "お 待た せ し まし た", "result": [{"conf": 0.8}, {"conf": 0.6}]}
    assert parse_result(result, "vosk") == Recognition("お 待た せ し まし た", 0.7, "vosk")
    assert parse_result({"text": ""}, "vosk") == Recognition("", 0.0, "vosk")


def test_faster_whisper_model_name_never_downloads() -> None:
    with pytest.raises(RecognizerError, match="'no-such-model' is not a folder here"):
        create_recognizer("faster-whisper", "ja", "no-such-model")


def test_google_is_never_automatic_and_parses_results() -> None:
    from simulator.audio.asr.choose import AUTO_ORDER

    assert all("google" not in order for order in AUTO_ORDER.values())
    best = {"alternative": [{"transcript": "sorry", "confidence": 0.9}, {"transcript": "so"}]}
    assert parse_google(best, "google") == Recognition("sorry", 0.9, "google")
    assert parse_google([], "google") == Recognition("", 0.0, "google")


def test_unknown_engine_is_a_one_line_error() -> None:
    with pytest.raises(RecognizerError, match="unknown ASR engine 'kaldi'; expected one of"):
        create_recognizer("kaldi", "en")


@needs_espeak
def test_listener_transcribes_while_the_trainee_speaks(
    espeak: TTSEngine, sphinx: SphinxRecognizer
) -> None:
    from simulator.audio.asr.stream import open_stream
    from simulator.audio.frames import AudioFrameSource
    from simulator.audio.listener import Listener, Transcribed

    reply = espeak.synthesize("I am very sorry for the delay. Let me check your order.", Prosody())
    padded = Audio(
        np.concatenate([np.zeros(8000, np.float32), reply.resampled(16000).samples]), 16000
    )
    events: list[Any] = []
    listener = Listener(
        AudioFrameSource(padded, 5.0),
        events.append,
        transcribe=lambda: open_stream(sphinx, "en", HINTS),
    ).start()
    assert listener.join(timeout=60) and listener.error is None
    assert [type(e).__name__ for e in events][-2:] == ["Utterance", "Transcribed"]
    transcribed = events[-1]
    assert isinstance(transcribed, Transcribed) and transcribed.utterance is events[-2]
    assert {"sorry", "delay", "order"} <= set(transcribed.recognition.text.split())
    # the decoder is free again for the next turn
    assert sphinx.recognize(Audio.silence(0.5), "en").text == ""


def test_engines_without_streaming_get_a_buffered_stream() -> None:
    from simulator.audio.asr.stream import BufferedStream, open_stream

    class Echo:
        name = "echo"
        languages = ("ja",)

        def recognize(self, audio: Audio, language: str, hints: Any = ()) -> Recognition:
            return Recognition(f"{audio.duration:.2f}s {language} {len(hints)}", 1.0, self.name)

        def close(self) -> None:
            pass

    stream = open_stream(Echo(), "ja", ["a", "b"])
    assert isinstance(stream, BufferedStream)
    stream.feed(b"\x00\x00" * 8000)
    stream.feed(b"\x00\x00" * 8000)
    assert stream.finish().text == "1.00s ja 2"


def test_sphinx_stream_can_be_cancelled_and_reopened(sphinx: SphinxRecognizer) -> None:
    stream = sphinx.open_stream("en", HINTS)
    stream.feed(b"\x00\x00" * 4800)
    stream.cancel()
    stream.cancel()  # twice is harmless
    again = sphinx.open_stream("en", HINTS)
    again.feed(b"\x00\x00" * 4800)
    assert again.finish() == Recognition("", 0.0, "sphinx")
