"""Practice mode's hint: what the current turn expects and a model answer."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from simulator.i18n import label, t
from simulator.scenario.model import Turn
from simulator.tui.kinsoku import KinsokuText
from simulator.tui.plain import plain


def hint_text(turn: Turn, line: str | None = None) -> Table:
    """The turn's own hint, or one built from the phrase categories it expects; then the
    model answer to ``line`` (the variant the caller said). A grid, so long Japanese text
    wraps beside its label."""
    if turn.hint:
        hint = turn.hint
    elif turn.expects or turn.key_phrases:
        wanted = [label("category", c) for c in turn.expects]
        wanted += [t("hint.key_phrase", name=k.name) for k in turn.key_phrases]
        hint = t("hint.expects", items=t("list.separator").join(wanted))
    else:
        hint = t("hint.none")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(ratio=1, overflow="fold")
    grid.add_row(t("hint.title"), KinsokuText(plain(hint)))
    answer = turn.answer_for(line)
    if answer:
        grid.add_row(t("hint.model_answer"), KinsokuText(plain(answer, "green")))
    return grid


class HintPanel(Static):
    DEFAULT_CSS = """
    HintPanel { height: auto; max-height: 8; display: none; }
    HintPanel.-on { display: block; }
    """

    def toggle_for(self, turn: Turn, line: str | None = None) -> bool:
        """Shows the hint for ``turn``, or hides the panel if it is open; returns shown."""
        if self.has_class("-on"):
            self.remove_class("-on")
            return False
        self.update(hint_text(turn, line))
        self.add_class("-on")
        return True

    def hide(self) -> None:
        self.remove_class("-on")
