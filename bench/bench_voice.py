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
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

SCENARIO = "en-angry-wrong-colour"
CALLS = 3  # 7 turns each: about 20 turns
REPLAY = Path(__file__).parents[1] / "tests" / "library" / "replays" / SCENARIO / "good.yaml"


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
    from simulator.engine.clock import MonotonicClock

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


# -- the voice pipeline on WAV streams ------------------------------------------------
def espeak_replies(folder: Path) -> list[Any]:
    import yaml

    from simulator.audio.types import read_wav

    texts = [r["text"] for r in yaml.safe_load(REPLAY.read_text(encoding="utf-8"))["replies"]]
    replies = []
    for index, text in enumerate(texts):
        path = folder / f"{index}.wav"
        subprocess.run(["espeak-ng", "-w", str(path), text], check=True, capture_output=True)
        replies.append(read_wav(path))
    return replies


class Timed:
    """Wraps the recogniser and the caller's voice to time ASR and TTS per turn."""

    def __init__(self, recognizer: Any, voice: Any) -> None:
        self.recognizer, self.voice = recognizer, voice
        self.name, self.languages = recognizer.name, recognizer.languages
        self.asr: list[float] = []
        self.tts: list[float] = []
        self.played: list[float] = []  # wall time of each play()

    def open_stream(self, language: str, hints: Any) -> Any:
        from simulator.audio.asr.stream import open_stream, partial_of

        inner, asr = open_stream(self.recognizer, language, hints), self.asr

        class Stream:
            def feed(self, pcm16: bytes) -> None:
                inner.feed(pcm16)

            def partial(self) -> str:
                return partial_of(inner)

            def finish(self) -> Any:
                started = time.perf_counter()
                try:
                    return inner.finish()
                finally:
                    asr.append(time.perf_counter() - started)

            def rollback(self) -> None:
                rollback = getattr(inner, "rollback", None)
                if rollback is not None:
                    rollback()

            def cancel(self) -> None:
                inner.cancel()

        return Stream()

    def recognize(self, audio: Any, language: str, hints: Any = ()) -> Any:
        return self.recognizer.recognize(audio, language, hints)

    def close(self) -> None:
        pass

    def line(self, text: str, mood: int) -> Any:
        started = time.perf_counter()
        try:
            return self.voice.line(text, mood)
        finally:
            self.tts.append(time.perf_counter() - started)


class InstantSpeaker:
    """Plays nothing: a line is over as soon as it is queued (the real player's start
    is measured on its own), so the pipeline is timed without waiting for lines."""

    def __init__(self, timed: Timed) -> None:
        self.timed = timed
        self.error: str | None = None

    def play(self, audio: Any, tag: Any = None) -> Any:
        from simulator.audio.player import Line

        self.timed.played.append(time.perf_counter())
        done = Line(audio, tag)  # times None: the driver stamps them with its clock
        done.started.set()
        done.done.set()
        return done

    def stop(self) -> None:
        return None

    def level_at(self, t: float) -> None:
        return None

    def close(self) -> None:
        pass


def speech_end(samples: Any, rate: int) -> float:
    """Seconds into ``samples`` where the voice really ends: the end of the last 10 ms
    louder than the VAD's absolute gate (-48 dBFS). webrtcvad's hangover and the
    30 ms frame grid come after this; they are part of the latency, not of speech."""
    import numpy as np

    from simulator.audio.vad import VadConfig

    window = rate // 100
    count = len(samples) // window
    rms = np.sqrt(np.mean(np.square(samples[: count * window].reshape(count, window)), axis=1))
    loud = np.flatnonzero(rms >= VadConfig().min_level)
    return float((loud[-1] + 1) * window / rate) if len(loud) else 0.0


class RealTimeMicrophone:
    """Each reply after the caller's line, as 30 ms frames handed over at the moment
    a microphone would deliver them (when the frame's last sample was spoken).
    ``wall(t)`` is the wall time at which session time ``t`` was spoken."""

    PAD, TAIL = 0.3, 0.9  # silence before each reply; after it (≥ the 0.6 s window)

    def __init__(self, replies: list[Any], caller_done: threading.Semaphore) -> None:
        self.replies, self.caller_done = replies, caller_done
        self.handed: dict[float, float] = {}
        self.anchors: list[tuple[float, float]] = []  # (session t, wall) per reply
        self.ends: list[tuple[float, float]] = []  # (reply start, real end of speech)

    def wall(self, t: float) -> float:
        start, wall = max(a for a in self.anchors if a[0] <= t + 1e-9)
        return wall + (t - start)

    def frames(self) -> Any:
        import numpy as np

        from simulator.audio.frames import RATE, audio_frames
        from simulator.audio.types import Audio

        t = 0.0
        for reply in self.replies:
            if not self.caller_done.acquire(timeout=60):
                return
            voice = reply.resampled(RATE).samples
            self.ends.append((t + self.PAD, t + self.PAD + speech_end(voice, RATE)))
            pad = np.zeros(round(self.PAD * RATE), dtype=np.float32)
            tail = np.zeros(round(self.TAIL * RATE), dtype=np.float32)
            samples = np.concatenate([pad, voice, tail])
            self.anchors.append((t, time.perf_counter()))
            for frame in audio_frames(Audio(samples, RATE), t):
                delay = self.wall(frame.end) - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                self.handed[round(frame.end, 3)] = time.perf_counter()
                t = frame.end
                yield frame


def use_speculation(on: bool) -> Any:
    """The driver builds its own Listener: swap in one with the early finish off."""
    import functools

    import simulator.audio.listener as listener_module

    original = listener_module.Listener
    if not on:
        listener_module.Listener = functools.partial(  # type: ignore[misc,assignment]
            original, speculate_after=None
        )
    return original


def pipeline_turns(
    replies: list[Any], recognizer: Any, voice: Any, speculate: bool
) -> dict[str, list[float]]:
    """Several calls through the real driver, the microphone in real time; per turn,
    from the real end of the trainee's speech: the end-of-turn window (audio time),
    the wait after it (wall time) and the whole turn latency up to play()."""
    import simulator.audio.listener as listener_module
    from simulator.scenario.library import ScenarioLibrary

    scenario = ScenarioLibrary().resolve(SCENARIO)
    figures: dict[str, list[float]] = {k: [] for k in ("vad", "work", "turn", "asr", "tts")}
    figures.update(used=[], discarded=[])
    original = use_speculation(speculate)
    try:
        for seed in range(CALLS):
            one_call(scenario, replies, recognizer, voice, seed, figures)
    finally:
        listener_module.Listener = original  # type: ignore[misc]
    return figures


def one_call(
    scenario: Any,
    replies: list[Any],
    recognizer: Any,
    voice: Any,
    seed: int,
    figures: dict[str, list[float]],
) -> None:
    from simulator.engine.call import CallSession
    from simulator.engine.clock import Clock
    from simulator.voice.driver import VoiceCall
    from simulator.voice.updates import CallEnded, CallerFinished, Heard

    timed = Timed(recognizer, voice)
    done = threading.Semaphore(0)
    ended = threading.Event()
    microphone = RealTimeMicrophone(replies, done)
    heard: list[tuple[float, int]] = []  # (VAD end of speech, index of the answer's play)
    holder: list[VoiceCall] = []

    def notify(update: Any) -> None:
        if isinstance(update, Heard):
            heard.append((update.end, len(timed.played)))
        elif isinstance(update, CallerFinished) and not holder[0].caller_busy:
            done.release()
        elif isinstance(update, CallEnded):
            ended.set()

    class FrameClock:
        def now(self) -> float:
            return max(microphone.handed, default=0.0)

    clock: Clock = FrameClock()
    session = CallSession(scenario, mode="voice", seed=seed)
    call = VoiceCall(session, timed, InstantSpeaker(timed), microphone, clock, timed, notify)
    holder.append(call)
    call.start()
    ended.wait(180)
    call.close()
    for vad_end, answer in heard:
        if answer >= len(timed.played):
            continue  # the call ended without an answer
        ends = [e for s, e in microphone.ends if s <= vad_end and vad_end <= e + 0.2]
        if not ends:
            continue  # a pause split the reply: this is not the end of the trainee's turn
        end = ends[-1]
        closing = vad_end + 0.6
        figures["vad"].append(closing - end)
        figures["work"].append(timed.played[answer] - microphone.wall(closing))
        figures["turn"].append(timed.played[answer] - microphone.wall(end))
    figures["asr"] += timed.asr
    figures["tts"] += timed.tts
    if call.listener is not None:
        figures["used"].append(call.listener.speculations.used)
        figures["discarded"].append(call.listener.speculations.discarded)


def first_line_figures(player_start: list[float], root: Path) -> None:
    """Start → first caller line audible: engine load and synthesis into an empty
    cache (cold) or a cache hit, then the player's start."""
    from simulator.audio.call import prepare_call_audio
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
    from simulator.scenario.library import ScenarioLibrary
    from simulator.voice.session import turn_hints

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
    from simulator.audio.call import prepare_call_audio
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
