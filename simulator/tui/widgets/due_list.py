"""What is due for the trainee on the home screen: set, due date, attempts left."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from simulator.i18n import t
from simulator.store.teams import AssignmentView
from simulator.tui.plain import shown


class DueList(Static):
    """Hidden when nothing is due. ``show(due_for(store, trainee), today)``."""

    DEFAULT_CSS = "DueList { height: auto; padding: 0 1; }"

    def show(self, views: Sequence[AssignmentView], today: date) -> None:
        self.display = bool(views)
        out = Text(t("due.heading") + "\n", style="bold")
        for view in views:
            best = "" if view.best is None else t("due.best", best=round(view.best, 1))
            line = t(
                "due.line",
                set=shown(view.set_id),
                due=view.due.isoformat(),
                left=view.attempts_left,
                attempts=view.attempts,
                best=best,
            )
            overdue = view.status(today) == "overdue"
            out.append("• " + line, style="red" if overdue else "")
            if overdue:
                out.append(t("due.overdue"), style="red")
            out.append("\n")
        self.update(out)
