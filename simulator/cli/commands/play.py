"""`callcoach play SESSION [--turn N]` — list a recorded call's turns, play one of them
(or save it as WAV). The caller's lines come from the recording's left channel, the
trainee's from the right (simulator.voice.playback)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.cli.audio_out import check_wav_name, play_to_end, save_wav
from simulator.errors import CallCoachError, UsageError
from simulator.i18n import t
from simulator.team.cli_support import add_as_option

if TYPE_CHECKING:
    from simulator.store.store import Store
    from simulator.voice.playback import RecordedTurn

SEARCH_LIMIT = 500  # sessions searched for an id prefix (newest first)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "play",
        help="list or play back the turns of a recorded call",
        description="Without --turn: list the call's turns and where its recording is. "
        "With --turn N: play turn N (or save it with --out). SESSION is what "
        "`callcoach history` shows: a session id (or a unique start of one), its start "
        "('2026-12-04 18:46', local time), or 'last'.",
    )
    parser.add_argument(
        "session", metavar="SESSION", help="session id, id prefix, start time or 'last'"
    )
    parser.add_argument("--turn", type=int, metavar="N", help="the turn to play (as listed)")
    parser.add_argument(
        "--channel",
        choices=("caller", "trainee", "both"),
        help="which side to hear (default: the speaker's own)",
    )
    parser.add_argument("--out", type=Path, metavar="FILE.wav", help="save the turn instead")
    parser.add_argument("--device", metavar="DEVICE", help="output device index or name part")
    add_as_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.voice.playback import recorded_turns, recording_of

    check_wav_name(args.out)
    record = _load_record(args)
    turns = recorded_turns(record)
    recording = recording_of(record)
    shared = None if recording is not None else _shared_recording(args, record["id"])
    try:
        return _play(args, record, turns, recording or shared, shared is not None)
    finally:
        if shared is not None:
            shared.unlink(missing_ok=True)


def _shared_recording(args: argparse.Namespace, session_id: str) -> Path | None:
    """A team database keeps recordings itself (simulator.store.recordings)."""
    from simulator.store import open_store
    from simulator.store.pgaccess import is_shared
    from simulator.store.recordings import fetch_recording

    with open_store(args.db) as store:
        return fetch_recording(store, session_id) if is_shared(store) else None


def _play(
    args: argparse.Namespace,
    record: dict[str, Any],
    turns: list[RecordedTurn],
    recording: Path | None,
    in_database: bool,
) -> int:
    from simulator.voice.playback import describe_turns

    if args.turn is None:
        print("\n".join(describe_turns(turns)) or t("play.no_turns"))
        where = t("play.in_database") if in_database else recording
        print(t("play.recording", where=where or t("play.no_recording")))
        return 0
    turn = next((each for each in turns if each.index == args.turn), None)
    if turn is None:
        listed = ", ".join(str(each.index) for each in turns) or t("play.none")
        raise UsageError(
            t("play.no_such_turn", turn=args.turn, session=record["id"], listed=listed)
        )
    if recording is None:
        raise CallCoachError(t("play.not_recorded", session=record["id"]))
    _hear(recording, turn, args)
    return 0


def _load_record(args: argparse.Namespace) -> dict[str, Any]:
    from simulator.store import open_store
    from simulator.team.access import scope_for, viewer

    with open_store(args.db) as store:
        # As with history: once a database has trainers, a trainee hears only their own.
        trainee = scope_for(viewer(store, args.acting), None, wants_others=False)
        session_id = _session_id(store, args.session, trainee)
        record = store.load_record(session_id)
        if trainee is not None and record.get("trainee") != trainee:
            # Word for word what a missing id gets: the answer must not tell whether
            # someone else's session with this id exists.
            raise CallCoachError(t("sessions.not_stored", where=store.where, session=session_id))
    return record


def _session_id(store: Store, given: str, trainee: str | None) -> str:
    from simulator.cli.session_ref import find_session

    return find_session(store.history(trainee=trainee, limit=SEARCH_LIMIT), given, store.where)


def _hear(recording: Path, turn: RecordedTurn, args: argparse.Namespace) -> None:
    from simulator.voice.playback import PADDING, read_span, speaker_name

    audio = read_span(recording, turn.start, turn.end, args.channel or turn.channel, PADDING)
    speaker = speaker_name(turn.speaker)
    label = t("play.turn", index=turn.index, speaker=speaker, start=turn.start, end=turn.end)
    if args.out is not None:
        save_wav(args.out, audio)
        print(t("play.saved", path=args.out, label=label, seconds=audio.duration))
        return
    print(t("play.heard", label=label, text=turn.text))
    play_to_end(audio, args.device, instead=t("play.instead"))
