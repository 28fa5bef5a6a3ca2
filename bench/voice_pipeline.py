"""The voice pipeline on WAV streams, for bench_voice: espeak-ng replies fed as
microphone frames in real time through the real voice driver (VAD → sphinx →
engine), with the ASR and TTS calls timed per turn."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path
from typing import Any

SCENARIO = "en-angry-wrong-colour"
CALLS = 3  # 7 turns each: about 20 turns
REPLAY = Path(__file__).parents[1] / "tests" / "library" / "replays" / SCENARIO / "good.yaml"


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
        if hasattr(recognizer, "speculate_after"):
            self.speculate_after = recognizer.speculate_after
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
        # the driver passes the recogniser's own delay: none either
        listener_module.speculation_delay = lambda recognizer: None  # type: ignore[assignment]
    return original


def openjtalk_replies(scenario_id: str) -> list[Any]:
    """The good replay's replies of a Japanese scenario, spoken by the openjtalk voice."""
    import yaml

    from simulator.audio.prosody import Prosody
    from simulator.audio.tts import create_tts

    path = REPLAY.parents[1] / scenario_id / "good.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    engine = create_tts("openjtalk")
    return [engine.synthesize(r["text"], Prosody()) for r in data["replies"] if "text" in r]


def pipeline_turns(
    replies: list[Any],
    recognizer: Any,
    voice: Any,
    speculate: bool,
    scenario_id: str = SCENARIO,
    calls: int = CALLS,
) -> dict[str, list[float]]:
    """Several calls through the real driver, the microphone in real time; per turn,
    from the real end of the trainee's speech: the end-of-turn window (audio time),
    the wait after it (wall time) and the whole turn latency up to play()."""
    import simulator.audio.listener as listener_module
    from simulator.scenario.library import ScenarioLibrary

    scenario = ScenarioLibrary().resolve(scenario_id)
    figures: dict[str, list[float]] = {k: [] for k in ("vad", "work", "turn", "asr", "tts")}
    figures.update(used=[], discarded=[])
    delay_of = listener_module.speculation_delay
    original = use_speculation(speculate)
    try:
        for seed in range(calls):
            one_call(scenario, replies, recognizer, voice, seed, figures)
    finally:
        listener_module.Listener = original  # type: ignore[misc]
        listener_module.speculation_delay = delay_of  # type: ignore[assignment]
    return figures


def one_call(
    scenario: Any,
    replies: list[Any],
    recognizer: Any,
    voice: Any,
    seed: int,
    figures: dict[str, list[float]],
) -> None:
    from simulator.clock import Clock
    from simulator.engine.session import CallSession
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
