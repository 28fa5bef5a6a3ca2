"""`callcoach say TEXT` — speak a line with the caller's voice, or save it as WAV."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.cli.audio_out import check_wav_name, play_to_end, save_wav
from simulator.errors import UsageError
from simulator.i18n import t


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
        raise UsageError(t("say.mood", mood=args.mood))
    if not args.text.strip():
        raise UsageError(t("say.empty"))
    check_wav_name(args.out)
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
        save_wav(args.out, audio)
        saved = t(
            "say.saved", path=args.out, seconds=audio.duration, rate=audio.rate, engine=engine.name
        )
        print(saved)
        return 0
    play_to_end(audio, args.device, instead=t("say.instead"))
    return 0
