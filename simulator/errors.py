"""User-facing errors: one clear line each, never a traceback."""

from __future__ import annotations


class CallCoachError(Exception):
    """An error the user can fix. ``str(error)`` is the one line shown to them."""

    exit_code = 1


class UsageError(CallCoachError):
    exit_code = 2
