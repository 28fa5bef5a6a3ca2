"""A private PulseAudio daemon with a virtual speaker and microphone, for tests
that go through real PortAudio capture and playback.

Speaker: a null sink (what is played can be recorded from its monitor).
Microphone: a pipe source fed from a FIFO; it only delivers audio while something
writes to it, so ``MicFeeder`` writes in real time — silence, with speech placed
at chosen moments — for as long as the test runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from simulator.audio.types import Audio

CHUNK = 0.02  # seconds written to the FIFO at a time
LEAD = 0.3  # stay this far ahead of real time so a busy machine never lets the pipe run dry


@dataclass
class VirtualAudio:
    root: Path
    server: str  # PULSE_SERVER value
    fifo: Path
    process: subprocess.Popen[bytes]

    def env(self) -> dict[str, str]:
        return {**os.environ, "PULSE_SERVER": self.server, "HOME": str(self.root)}

    def record_speaker(self, seconds: float) -> subprocess.Popen[bytes]:
        """Start recording what the null sink plays (16 kHz mono s16le on stdout)."""
        command = [
            "parec", "--device=cc_out.monitor", "--raw", "--format=s16le",
            "--rate=16000", "--channels=1", "--latency-msec=20",
        ]  # fmt: skip
        return subprocess.Popen(command, env=self.env(), stdout=subprocess.PIPE)


def start_pulseaudio(root: Path) -> VirtualAudio:
    fifo = root / "mic.fifo"  # module-pipe-source makes the FIFO itself
    socket = root / "native"
    config = root / "default.pa"
    config.write_text(
        f"load-module module-native-protocol-unix auth-anonymous=1 socket={socket}\n"
        "load-module module-null-sink sink_name=cc_out rate=48000 channels=1\n"
        f"load-module module-pipe-source source_name=cc_in file={fifo} "
        "format=s16le rate=16000 channels=1\n"
        "set-default-sink cc_out\nset-default-source cc_in\n",
        encoding="utf-8",
    )
    env = {**os.environ, "HOME": str(root), "XDG_RUNTIME_DIR": str(root)}
    env["PULSE_RUNTIME_PATH"] = str(root)
    command = [
        shutil.which("pulseaudio") or "pulseaudio", "-n", "-F", str(config),
        "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no", "--log-target=stderr",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
    audio = VirtualAudio(root, f"unix:{socket}", fifo, process)
    for _ in range(100):  # readiness: the daemon answers on its socket (≤ 10 s)
        ready = subprocess.run(
            ["pactl", "list", "short", "sources"], env=audio.env(), capture_output=True, check=False
        )
        if ready.returncode == 0:
            if b"cc_in" not in ready.stdout:  # a module failed to load: say why
                break
            return audio
        if process.poll() is not None:
            break
        time.sleep(0.1)
    process.kill()
    error = process.stderr.read().decode(errors="replace")[-500:] if process.stderr else ""
    raise RuntimeError(f"pulseaudio did not start: {error}")


class MicFeeder:
    """Writes 16 kHz mono s16le to the pipe source in real time: silence, and the
    given audio clips at their offsets (seconds after ``start()``)."""

    def __init__(self, fifo: Path, clips: list[tuple[float, Audio]], length: float) -> None:
        total = np.zeros(round(length * 16000), dtype=np.float32)
        for offset, clip in clips:
            samples = clip.resampled(16000).samples
            first = round(offset * 16000)
            total[first : first + len(samples)] += samples[: len(total) - first]
        self.pcm = Audio(total, 16000).pcm16()
        self.fifo = fifo
        self.started = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> MicFeeder:
        self._thread.start()
        return self

    def join(self, timeout: float) -> None:
        self._thread.join(timeout)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        step = round(CHUNK * 16000) * 2
        with self.fifo.open("wb", buffering=0) as pipe:
            begin = time.monotonic()
            self.started.set()
            for index, first in enumerate(range(0, len(self.pcm), step)):
                if self._stop.is_set():
                    return
                pipe.write(self.pcm[first : first + step])
                # Real time: the pipe source would otherwise swallow it all at once.
                delay = begin + (index + 1) * CHUNK - LEAD - time.monotonic()
                if delay > 0:
                    time.sleep(delay)


def chunks(stream: Iterator[bytes]) -> bytes:
    return b"".join(stream)


def serve_virtual_audio(root: Path) -> Iterator[VirtualAudio]:
    """Body of a module-scoped fixture: a private daemon that PortAudio sees while the
    module's tests run, then PortAudio back on the real (absent) devices."""
    import pytest
    import sounddevice as sd

    audio = start_pulseaudio(root)
    patch = pytest.MonkeyPatch()
    patch.setenv("PULSE_SERVER", audio.server)
    # PortAudio enumerates devices when it starts: restart it to see the daemon.
    sd._terminate()
    sd._initialize()
    try:
        yield audio
    finally:
        sd._terminate()
        patch.undo()
        sd._initialize()
        audio.process.terminate()
        audio.process.wait(10)
