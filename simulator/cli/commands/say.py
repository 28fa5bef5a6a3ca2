"""`callcoach say TEXT` — speak a line with the caller's voice, or save it as WAV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.errors import UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "say",
        help="speak a line with the caller's voice (or save it as WAV)",
        description="Speak TEXT as the caller would at a given mood, or write it to a WAV file.",
    )
    parser.add_argument("text", help="what to say")
    parser.add_argument("--lang", choices=("ja", "en"), help="language (default: from the text)")
    parser.add_argument("--out", type=Path, metavar="FILE.wav", help="write a WAV file instead")
    parser.add_argument("--mood", type=int, default=50, help="0 calm … 100 furious (default 50)")
    parser.add_argument("--tts", metavar="ENGINE", help="openjtalk, pyttsx3 or none")
    parser.add_argument("--voice", metavar="ID", help="engine-specific voice id")
    parser.add_argument("--device", metavar="DEVICE", help="output device index or name part")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not 0 <= args.mood <= 100:
        raise UsageError(f"--mood {args.mood}: expected a number from 0 to 100")
    if not args.text.strip():
        raise UsageError("nothing to say: TEXT is empty")
    from simulator.audio.cache import CachedTTS
    from simulator.audio.prosody import prosody_for
    from simulator.audio.tts import create_tts, default_tts_name, is_japanese
    from simulator.scenario.model import Voice

    language = args.lang or ("ja" if is_japanese(args.text) else "en")
    engine = create_tts(args.tts or default_tts_name(language), args.voice)
    try:
        audio = CachedTTS(engine).synthesize(args.text, prosody_for(args.mood, Voice()))
    finally:
        engine.close()
    if args.out is not None:
        _save(args.out, audio)
        print(f"{args.out}: {audio.duration:.2f} s, {audio.rate} Hz ({engine.name})")
        return 0
    _play(audio, args.device)
    return 0


def _save(path: Path, audio: Any) -> None:
    from simulator.audio.types import write_wav
    from simulator.errors import CallCoachError

    if path.suffix.lower() != ".wav":
        raise UsageError(f"--out {path}: expected a .wav file name")
    try:
        write_wav(path, audio)
    except OSError as error:
        raise CallCoachError(f"{path}: cannot write ({error.strerror})") from None


def _play(audio: Any, device: str | None) -> None:
    from simulator.audio.devices import DeviceError
    from simulator.audio.player import Player
    from simulator.engine.clock import MonotonicClock

    chosen: int | str | None = int(device) if device and device.isdigit() else device
    try:
        player = Player(MonotonicClock(), chosen).start()
    except DeviceError as error:
        raise DeviceError(f"{error} — or save it with --out FILE.wav") from None
    try:
        line = player.play(audio)
        if not line.done.wait(timeout=audio.duration + 5.0):
            raise DeviceError("playback did not finish (device stalled?)")
    finally:
        player.close()
