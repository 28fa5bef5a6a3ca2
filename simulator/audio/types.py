"""The one audio type passed between TTS, cache, player, VAD and ASR.

``Audio`` is mono float32 in [-1, 1] with its sample rate. Conversions to the
int16 bytes that PortAudio, webrtcvad and the recognisers want live here too.
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from simulator.audio import AudioError

Samples = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Audio:
    samples: Samples
    rate: int

    @staticmethod
    def from_int16(data: bytes | npt.NDArray[np.int16], rate: int) -> Audio:
        ints = np.frombuffer(data, dtype="<i2") if isinstance(data, bytes) else data
        return Audio((ints.astype(np.float32) / 32768.0).reshape(-1), rate)

    @staticmethod
    def silence(seconds: float, rate: int = 16000) -> Audio:
        return Audio(np.zeros(max(0, round(seconds * rate)), dtype=np.float32), rate)

    @property
    def duration(self) -> float:
        return len(self.samples) / self.rate

    def int16(self) -> npt.NDArray[np.int16]:
        clipped = np.clip(self.samples, -1.0, 32767 / 32768)
        return np.round(clipped * 32768.0).astype("<i2")

    def pcm16(self) -> bytes:
        return self.int16().tobytes()

    def resampled(self, rate: int) -> Audio:
        if rate == self.rate:
            return self
        if len(self.samples) == 0:
            return Audio.silence(0.0, rate)
        return Audio(resample(self.samples, self.rate, rate), rate)

    def slice(self, start: float, end: float | None = None) -> Audio:
        first = max(0, round(start * self.rate))
        last = len(self.samples) if end is None else max(first, round(end * self.rate))
        return Audio(self.samples[first:last], self.rate)


def resample(samples: Samples, source: int, target: int) -> Samples:
    """Band-limited resampling: windowed-sinc low-pass before decimation, then
    linear interpolation (ample for speech; avoids a scipy dependency)."""
    if target < source:
        samples = _lowpass(samples, cutoff=0.45 * target / source)
    count = round(len(samples) * target / source)
    positions = np.arange(count, dtype=np.float64) * (source / target)
    indices = np.arange(len(samples), dtype=np.float64)
    return np.interp(positions, indices, samples).astype(np.float32)


def _lowpass(samples: Samples, cutoff: float, taps: int = 63) -> Samples:
    n = np.arange(taps) - (taps - 1) / 2
    kernel = 2 * cutoff * np.sinc(2 * cutoff * n) * np.hamming(taps)
    kernel /= kernel.sum()
    return np.convolve(samples, kernel, mode="same").astype(np.float32)


def read_wav(path: Path) -> Audio:
    """A PCM WAV file as mono Audio (channels are averaged). The header is checked
    first (simulator.inputs.wav): size, rate, channels and length within limits."""
    from simulator.inputs.wav import wav_problem

    problem = wav_problem(path)
    if problem is not None:
        raise AudioError(f"{path}: {problem[0]} — {problem[1]}")
    try:
        with wave.open(str(path), "rb") as handle:
            rate, width, channels = (
                handle.getframerate(),
                handle.getsampwidth(),
                handle.getnchannels(),
            )
            frames = handle.readframes(handle.getnframes())
    except (wave.Error, EOFError, OSError, RuntimeError) as error:  # wave raises all four
        raise AudioError(f"{path}: not a readable PCM WAV file ({error})") from None
    dtype = {1: "u1", 2: "<i2", 4: "<i4"}.get(width)
    if dtype is None:
        raise AudioError(f"{path}: {8 * width}-bit WAV is not supported; use 16-bit PCM")
    if channels < 1 or rate < 1:
        raise AudioError(f"{path}: not a readable PCM WAV file (bad header)")
    whole = len(frames) - len(frames) % (width * channels)  # a cut-off last frame is dropped
    data = np.frombuffer(frames[:whole], dtype=dtype).astype(np.float32)
    if width == 1:
        data = (data - 128.0) * 256.0
    scale = 32768.0 * (65536.0 if width == 4 else 1.0)
    mono = data.reshape(-1, channels).mean(axis=1) / scale
    return Audio(mono.astype(np.float32), rate)


def wav_bytes(audio: Audio) -> bytes:
    """``audio`` as the bytes of a 16-bit mono WAV file."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(audio.rate)
        handle.writeframes(audio.pcm16())
    return buffer.getvalue()


def write_wav(path: Path, audio: Audio) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(audio.rate)
        handle.writeframes(audio.pcm16())


def normalized(audio: Audio, gain: float, target_rms: float = 0.08) -> Audio:
    """Bring speech to a fixed loudness, then apply ``gain``, so level is set by
    prosody alone and not by whichever engine spoke. At the target level speech
    peaks stay well under full scale; the clip only guards pathological input."""
    samples = audio.samples
    voiced = samples[np.abs(samples) > 1e-4]
    rms = float(np.sqrt(np.mean(np.square(voiced)))) if len(voiced) else 0.0
    if rms == 0.0:
        return audio
    scaled = samples * (target_rms * gain / rms)
    return Audio(np.clip(scaled, -0.99, 0.99).astype(np.float32), audio.rate)
