"""Filters for the scenario list: language, caller type and difficulty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Select

from simulator.i18n import label, t
from simulator.scenario.model import CALLER_TYPES, LANGUAGES, LEVELS

ALL = "*"


@dataclass(frozen=True)
class ScenarioFilter:
    language: str = ALL
    caller_type: str = ALL
    difficulty: str = ALL

    def matches(self, entry: Any) -> bool:
        return (
            self.language in (ALL, entry.language)
            and self.caller_type in (ALL, entry.caller_type)
            and self.difficulty in (ALL, str(entry.difficulty))
        )


class ScenarioFilters(Horizontal):
    DEFAULT_CSS = """
    ScenarioFilters { height: 1; margin-bottom: 1; }
    ScenarioFilters Select { width: 1fr; }
    """

    class Changed(Message):
        def __init__(self, chosen: ScenarioFilter) -> None:
            super().__init__()
            self.chosen = chosen

    def __init__(self, language: str = ALL) -> None:
        """``language``: the language filter to start with (the one last chosen)."""
        super().__init__()
        self.start_language = language if language in LANGUAGES else ALL

    def compose(self) -> ComposeResult:
        yield _select(
            "filter-language", "filter.any_language", "language", LANGUAGES, self.start_language
        )
        yield _select("filter-caller", "filter.any_caller", "caller_type", CALLER_TYPES)
        yield _select("filter-difficulty", "filter.any_level", "level", tuple(map(str, LEVELS)))

    @property
    def chosen(self) -> ScenarioFilter:
        return ScenarioFilter(
            language=str(self.query_one("#filter-language", Select).value),
            caller_type=str(self.query_one("#filter-caller", Select).value),
            difficulty=str(self.query_one("#filter-difficulty", Select).value),
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self.chosen))


def _select(
    widget_id: str, any_key: str, family: str, values: tuple[str, ...], value: str = ALL
) -> Select[str]:
    options = [(t(any_key), ALL), *((label(family, v), v) for v in values)]
    return Select(options, value=value, allow_blank=False, id=widget_id, compact=True)
