"""Voice-call figures (DESIGN.md §11, issue 4):

- turn latency: trainee end of speech → caller's next line audible, through the real
  voice driver: VAD end-of-turn wait + ASR (sphinx, streamed) + engine + TTS cache
  hit, plus the player's start (measured on a real PortAudio output stream: a
  private PulseAudio null sink when pulseaudio is installed);
- barge-in registered after the trainee's onset;
- first caller line audible after Start, TTS cold and cached;
- real-time factors of the TTS engines and of sphinx.

Replies are espeak-ng speech of the good English replay, fed as microphone frames in
real time (each 30 ms frame handed over when its last sample was "spoken"), so work on
other threads overlaps the audio as it would live. "End of speech" is where the voice
really ends in the reply's audio (last 10 ms above -48 dBFS), not the VAD's last
voiced frame; "audible" is play() plus the player's measured start (first sample at
the DAC, the stream's output latency included). The turn pipeline runs twice: with the
listener's early (speculative) finish off — the old path — and on.
Everything runs in a temporary CALLCOACH_HOME. Run: .venv/bin/python -m bench bench_voice
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.voice_pipeline import SCENARIO, espeak_replies, pipeline_turns


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
        f"(n={len(ordered)})"
    )


def line(label: str, text: str) -> None:
    print(f"{label:<46} {text}", flush=True)


# -- a real output device --------------------------------------------------------------
def start_virtual_output(root: Path) -> Any:
    """A private PulseAudio daemon (null sink) so PortAudio has a real stream to open,
    or None (then the default device, if any, is used)."""
    if shutil.which("pulseaudio") is None or os.environ.get("PULSE_SERVER"):
        return None
    from tests.audio.pulse import start_pulseaudio

    audio = start_pulseaudio(root)
    os.environ.update(PULSE_SERVER=audio.server)  # before sounddevice is imported
    return audio


def player_start_samples(count: int = 20) -> list[float]:
    """play() → first sample audible (the stream's output latency included)."""
    import numpy as np

    from simulator.audio.player import Player
    from simulator.audio.types import Audio
    from simulator.clock import MonotonicClock

    clock = MonotonicClock()
    player = Player(clock).start()
    beep = Audio((0.05 * np.sin(np.arange(4800) / 5)).astype(np.float32), 48000)
    samples = []
    try:
        for _ in range(count):
            asked = clock.now()
            played = player.play(beep)
            played.done.wait(5)
            if played.started_at is not None:
                samples.append(played.started_at - asked)
    finally:
        player.close()
    return samples


def first_line_figures(player_start: list[float], root: Path) -> None:
    """Start → first caller line audible: engine load and synthesis into an empty
    cache (cold) or a cache hit, then the player's start."""
    from simulator.audio.caller_audio import prepare_call_audio
    from simulator.scenario.library import ScenarioLibrary

    start = statistics.median(player_start) if player_start else None
    for scenario_id in (SCENARIO, "ja-angry-late-delivery"):
        scenario = ScenarioLibrary().resolve(scenario_id)
        opening = scenario.turns[0].say[0]
        mood = scenario.mood.start
        os.environ["CALLCOACH_CACHE_DIR"] = str(root / f"cold-{scenario_id}")
        began = time.perf_counter()
        audio = prepare_call_audio(scenario, asr=None)
        audio.presynth.cancel()
        audio.line(opening, mood)
        cold = time.perf_counter() - began
        audio.presynth.wait()
        began = time.perf_counter()
        audio.line(opening, mood)
        hit = time.perf_counter() - began
        audio.close()
        engine = audio.tts.name
        if start is None:
            line(f"first line {scenario.language} ({engine})", "no output device: not measured")
            continue
        line(
            f"first line audible after Start, {scenario.language} ({engine})",
            f"cold {(cold + start) * 1000:7.1f} ms  cached {(hit + start) * 1000:7.1f} ms"
            "  (budget < 1000 ms; presynthesis runs during the briefing)",
        )


def barge_in_figures(replies: list[Any]) -> None:
    """Onset → barge-in confirmed (audio time) + VAD work per frame, for replies
    started at several points over a caller line."""
    from simulator.audio.frames import AudioFrameSource
    from simulator.audio.vad import BargeIn, TurnDetector, VadConfig, segment

    delays = []
    for reply in replies:
        for offset in (0.0, 0.01, 0.02):
            events = segment(AudioFrameSource(reply, 5.0 + offset), lambda t: 0.08)
            delays += [e.t - e.onset for e in events if isinstance(e, BargeIn)]
    detector = TurnDetector(VadConfig(learn_window=0.0))
    frames = list(AudioFrameSource(replies[0], 0.0).frames())
    began = time.perf_counter()
    for frame in frames:
        detector.process(frame, 0.08)
    per_frame = (time.perf_counter() - began) / len(frames)
    worst = max(delays) + per_frame
    line(
        "barge-in registered after onset",
        f"{percentiles(delays)}  max {worst * 1000:.1f} ms  (budget ≤ 250 ms)",
    )


def rtf_figures(replies: list[Any], recognizer: Any) -> None:
    from simulator.audio import AudioError
    from simulator.audio.prosody import Prosody
    from simulator.audio.tts import create_tts
    from simulator.engine.hints import turn_hints
    from simulator.scenario.library import ScenarioLibrary

    for name, scenario_id in (("pyttsx3", SCENARIO), ("openjtalk", "ja-angry-late-delivery")):
        scenario = ScenarioLibrary().resolve(scenario_id)
        texts = [turn.say[0] for turn in scenario.turns[:4]]
        try:
            engine = create_tts(name)
        except AudioError as error:
            line(f"TTS {name} RTF", f"not available ({error})")
            continue
        engine.synthesize(texts[0], Prosody())  # load and warm up
        began = time.perf_counter()
        seconds = sum(engine.synthesize(text, Prosody()).duration for text in texts)
        line(f"TTS {name} real-time factor", f"{(time.perf_counter() - began) / seconds:.3f}")
        engine.close()
    scenario = ScenarioLibrary().resolve(SCENARIO)
    hints = [turn_hints(scenario, turn) for turn in scenario.turns]
    began = time.perf_counter()
    seconds = 0.0
    for index, reply in enumerate(replies):
        recognizer.recognize(reply, "en", hints[index % len(hints)])
        seconds += reply.duration
    line(
        "ASR sphinx real-time factor (batch, hints)",
        f"{(time.perf_counter() - began) / seconds:.3f}",
    )


def main() -> None:
    if shutil.which("espeak-ng") is None:
        print("bench_voice: needs espeak-ng for the trainee's replies (bash .ci/audio-packages)")
        return
    with tempfile.TemporaryDirectory() as root:
        os.environ["CALLCOACH_HOME"] = str(Path(root) / "home")
        pulse = start_virtual_output(Path(root))
        try:
            run_all(Path(root))
        finally:
            if pulse is not None:
                pulse.process.terminate()
                pulse.process.wait(10)


def run_all(root: Path) -> None:
    from simulator.audio import AudioError
    from simulator.audio.asr.sphinx import SphinxRecognizer
    from simulator.audio.caller_audio import prepare_call_audio
    from simulator.scenario.library import ScenarioLibrary

    replies = espeak_replies(root)
    try:
        player_start = player_start_samples()
        line("player start (play() → audible)", percentiles(player_start))
    except AudioError as error:
        player_start = []
        line("player start", f"no output device ({error})")
    recognizer = SphinxRecognizer()
    voice = prepare_call_audio(ScenarioLibrary().resolve(SCENARIO), asr=None)
    voice.presynth.wait()
    start = statistics.median(player_start) if player_start else 0.0
    note = "" if player_start else " + player start (not measured)"
    for speculate in (False, True):
        figures = pipeline_turns(replies, recognizer, voice, speculate)
        mode = "early finish at a 0.24 s pause" if speculate else "finish at the window's end"
        print(f"-- {mode}", flush=True)
        line("end of speech → end-of-turn window closes", percentiles(figures["vad"]))
        line("ASR finish (streamed sphinx, hints)", percentiles(figures["asr"]))
        line("TTS line (cache hit)", percentiles(figures["tts"]))
        line("window closed → play(): ASR wait + engine", percentiles(figures["work"]))
        if speculate:
            used, dropped = sum(figures["used"]), sum(figures["discarded"])
            line("early finishes used / dropped (speech resumed)", f"{used} / {dropped}")
        turns = [turn + start for turn in figures["turn"]]
        line(
            "turn latency (end of speech → caller audible)",
            f"{percentiles(turns)}{note}  (budget p50 ≤ 800, p95 ≤ 1200 ms)",
        )
    voice.close()
    barge_in_figures(replies)
    first_line_figures(player_start, root)
    rtf_figures(replies, recognizer)
    recognizer.close()


if __name__ == "__main__":
    main()
