"""One validating reader for every file and setting CallCoach reads from a user.

Session records (``score``), JSON Lines imports, replay files, WAV replies, the TUI's
``tui.json`` and the environment variables all come through here (scenario and set
YAML through ``simulator.scenario.yamlsafe``, in the same style). Whatever the input —
arrays nested thousands deep, integers of thousands of digits, NaN, a binary file —
the result is either valid data or one ``InputError``:
``file:line: what — expected``, exit status 2.
"""

from simulator.inputs.errors import InputError
from simulator.inputs.limits import (
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_JSON_BYTES,
    MAX_LINE_BYTES,
    MAX_SETTINGS_BYTES,
    MAX_TEXT_CHARS,
    MAX_WAV_BYTES,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_JSON_BYTES",
    "MAX_LINE_BYTES",
    "MAX_SETTINGS_BYTES",
    "MAX_TEXT_CHARS",
    "MAX_WAV_BYTES",
    "InputError",
]
