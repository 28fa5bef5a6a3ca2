"""The one error every reader raises."""

from __future__ import annotations

from simulator.errors import UsageError


class InputError(UsageError):
    """``where: what — expected`` (``where`` is ``file:line`` when there is a line)."""

    def __init__(self, where: str, what: str, expected: str = "") -> None:
        self.where, self.what, self.expected = where, what, expected
        tail = f" — {expected}" if expected else ""
        super().__init__(f"{where}: {what}{tail}")


def located(name: str, line: int | None) -> str:
    return name if line is None else f"{name}:{line}"
