"""What is due for the trainee on the home screen: set, due date, attempts left."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from simulator.i18n import current_language
from simulator.store.teams import AssignmentView

TEXTS = {
    "ja": {
        "heading": "課題",
        "line": "{set}  期限 {due}  残り {left}/{attempts} 回{best}",
        "best": "  最高 {best:g} 点",
        "overdue": "（期限切れ）",
        "none": "",
    },
    "en": {
        "heading": "Due",
        "line": "{set}  due {due}  {left}/{attempts} attempts left{best}",
        "best": "  best {best:g}",
        "overdue": " (overdue)",
        "none": "",
    },
}


class DueList(Static):
    """Hidden when nothing is due. ``show(due_for(store, trainee), today)``."""

    DEFAULT_CSS = "DueList { height: auto; padding: 0 1; }"

    def show(self, views: Sequence[AssignmentView], today: date) -> None:
        words = TEXTS.get(current_language(), TEXTS["en"])
        self.display = bool(views)
        out = Text(words["heading"] + "\n", style="bold")
        for view in views:
            best = "" if view.best is None else words["best"].format(best=round(view.best, 1))
            line = words["line"].format(
                set=view.set_id,
                due=view.due.isoformat(),
                left=view.attempts_left,
                attempts=view.attempts,
                best=best,
            )
            overdue = view.status(today) == "overdue"
            out.append("• " + line, style="red" if overdue else "")
            if overdue:
                out.append(words["overdue"], style="red")
            out.append("\n")
        self.update(out)
