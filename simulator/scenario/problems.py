"""Problems found in scenario files, each pinned to ``file:line:col``.

Lines and columns are 1-based (PyYAML's marks are 0-based; we convert once,
where the marks are read). A problem without a better place points at 1:1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from simulator.errors import CallCoachError
from simulator.i18n import t

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    expected: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}: "
        level = t("problem.warning") if self.severity == "warning" else ""
        tail = f" — {self.expected}" if self.expected else ""
        return f"{where}{level}{self.message}{tail}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.path, p.line, p.col, p.severity, p.message))


class ScenarioError(CallCoachError):
    """A scenario or set file that cannot be used. ``str()`` is the first problem's line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = sort_problems(problems)
        first = str(self.problems[0]) if self.problems else t("problem.invalid_file")
        more = len(self.problems) - 1
        super().__init__(first + (t("problem.and_more", count=more) if more > 0 else ""))
