"""WAV files from users (``wav:`` replies): checked from the header before any sample
is read, so a hostile header cannot ask for gigabytes (a rate of 1 Hz resampled to
16 kHz) or hours of audio."""

from __future__ import annotations

import wave
from pathlib import Path

from simulator.inputs.limits import MAX_WAV_BYTES

MIN_RATE, MAX_RATE = 4_000, 384_000
MAX_CHANNELS = 8
MAX_SECONDS = 600.0  # one reply
_PCM = "a PCM WAV file (8, 16 or 32-bit, mono or stereo)"


def wav_problem(path: Path) -> tuple[str, str] | None:
    """(what is wrong, what was expected) for ``path``, or None when it can be read."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return "no such WAV file", "an existing file"
    except OSError as error:
        return f"cannot read the file ({error.strerror})", "a readable file"
    if not path.is_file():
        return "not a file", _PCM
    if size > MAX_WAV_BYTES:
        return f"file is larger than {MAX_WAV_BYTES >> 20} MiB", "a reply of at most 10 minutes"
    try:
        with wave.open(str(path), "rb") as handle:
            rate, width = handle.getframerate(), handle.getsampwidth()
            channels, frames = handle.getnchannels(), handle.getnframes()
    except (wave.Error, EOFError, OSError, RuntimeError, ValueError) as error:
        return f"not a readable PCM WAV file ({error})", _PCM
    if width not in (1, 2, 4):
        return f"{8 * width}-bit samples are not supported", "16-bit PCM"
    if not MIN_RATE <= rate <= MAX_RATE:
        return f"sample rate {rate} Hz", f"{MIN_RATE:,}–{MAX_RATE:,} Hz"
    if not 1 <= channels <= MAX_CHANNELS:
        return f"{channels} channels", f"1–{MAX_CHANNELS}"
    # A header written while streaming may claim more frames than the file holds.
    seconds = min(frames, size // (width * channels)) / rate
    if seconds > MAX_SECONDS:
        return f"{seconds:.0f} s of audio", f"a reply of at most {MAX_SECONDS:.0f} s"
    return None
