"""Environment variables holding a folder path: checked like any other input, so a
stray control character or a pasted page of text is one clear line, not a traceback
from deep inside a file operation."""

from __future__ import annotations

import os
import re

from simulator.inputs.errors import InputError
from simulator.inputs.limits import MAX_ENV_CHARS

_CONTROL = re.compile("[\x00-\x1f\x7f]")


def env_path(name: str) -> str | None:
    """The value of ``name`` (None when unset or blank)."""
    value = os.environ.get(name, "")
    if not value.strip():
        return None
    if len(value) > MAX_ENV_CHARS:
        raise InputError(name, f"{len(value):,} characters long", "a folder path")
    if found := _CONTROL.search(value):
        what = f"control character U+{ord(found.group()):04X} in the value"
        raise InputError(name, what, "a folder path")
    return value
