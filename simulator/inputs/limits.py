"""Size limits of everything CallCoach reads (documented in the README, "Limits")."""

from __future__ import annotations

# A 10-minute session record is ~60 KiB; a whole day of calls in one file stays far below.
MAX_JSON_BYTES = 16 << 20
# One line of a JSON Lines export is one session record.
MAX_LINE_BYTES = 16 << 20
# One utterance or reply: ten minutes of non-stop speech is ~5,000 characters in
# Japanese and ~9,000 in English.
MAX_TEXT_CHARS = 20_000
# Session records nest four levels deep (record → utterances → utterance → voiced span).
MAX_DEPTH = 64
# Times, scores and counts never need more; a longer integer is refused before Python
# converts it (its int/str limit raises past 4,300 digits, float() overflows past 308).
MAX_DIGITS = 18
# ~35 minutes of 16-bit 48 kHz stereo.
MAX_WAV_BYTES = 400 << 20
MAX_SETTINGS_BYTES = 64 << 10
# Environment variables holding a path or a name.
MAX_ENV_CHARS = 4096
