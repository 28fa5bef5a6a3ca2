"""Where `say` and `play` send audio: a WAV file, or the speaker until it is heard."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simulator.errors import CallCoachError, UsageError
from simulator.i18n import t

STALL_MARGIN = 5.0  # seconds past a clip's length before playback counts as stalled


def check_wav_name(path: Path | None) -> None:
    """Up front, before any work: --out must name a .wav file."""
    if path is not None and path.suffix.lower() != ".wav":
        raise UsageError(t("audio_out.not_wav", path=path))


def save_wav(path: Path, audio: Any) -> None:
    """Write ``audio`` to ``path`` readable by the owner only (0600, like recordings:
    a turn holds a person's voice), whole or not at all (simulator.atomic: a full disk
    keeps the previous file). A folder, a read-only place or a full disk is one line."""
    from simulator.atomic import write_user_file
    from simulator.audio.types import wav_bytes

    check_wav_name(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or error
        raise CallCoachError(t("audio_out.cannot_write", path=path, reason=reason)) from None
    write_user_file(path, wav_bytes(audio), "WAV file", mode=0o600)


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
            raise DeviceError(t("audio_out.stalled"))
    except DeviceError as error:
        problem = without_text_mode(str(error))
        raise DeviceError(t("audio_out.instead", problem=problem, instead=instead)) from None
    finally:
        player.close()
