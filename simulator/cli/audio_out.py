"""Where `say` and `play` send audio: a WAV file, or the speaker until it is heard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.errors import CallCoachError, UsageError

STALL_MARGIN = 5.0  # seconds past a clip's length before playback counts as stalled


def check_wav_name(path: Path | None) -> None:
    """Up front, before any work: --out must name a .wav file."""
    if path is not None and path.suffix.lower() != ".wav":
        raise UsageError(f"--out {path}: expected a .wav file name")


def save_wav(path: Path, audio: Any) -> None:
    """Write ``audio`` to ``path`` readable by the owner only (0600, like recordings:
    a turn holds a person's voice). A folder, a read-only place or a full disk is one
    line; a half-written file is removed."""
    check_wav_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_private_wav(path, audio)
    except OSError as error:
        raise CallCoachError(f"{path}: cannot write ({error.strerror or error})") from None


def _write_private_wav(path: Path, audio: Any) -> None:
    import os
    import wave

    # Written beside the target and renamed over it: a full disk leaves the old file
    # whole. We open the file ourselves: wave.open(name) leaves a half-built writer
    # whose __del__ prints a traceback when the open fails.
    partial = path.with_name(f".{path.name}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(descriptor, 0o600)  # an existing file keeps its mode through O_CREAT
        with os.fdopen(descriptor, "wb", closefd=False) as handle, wave.open(handle, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(audio.rate)
            out.writeframes(audio.pcm16())
        os.close(descriptor)
        descriptor = -1
        os.replace(partial, path)
    except BaseException:
        if descriptor >= 0:
            os.close(descriptor)
        partial.unlink(missing_ok=True)
        raise


def play_to_end(audio: Any, device: str | None, *, instead: str) -> None:
    """Play ``audio`` on ``device`` (index or name; None: the default) and wait until
    it has been heard. A device problem names ``instead`` as the way out."""
    from simulator.audio.devices import DeviceError, without_text_mode
    from simulator.voice.turn_player import TurnPlayer, speaker_opener

    chosen: int | str | None = int(device) if device and device.isdigit() else device
    player = TurnPlayer(speaker_opener(chosen))
    try:
        line = player.play(audio)
        if not player.wait(line, timeout=audio.duration + STALL_MARGIN):
            raise DeviceError("playback did not finish (device unplugged or stalled?)")
    except DeviceError as error:
        raise DeviceError(f"{without_text_mode(str(error))} — or {instead}") from None
    finally:
        player.close()
