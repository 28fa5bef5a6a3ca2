"""User-supplied text on screen exactly as written.

Scenario titles, names, caller lines, replies, feedback quoting them: none of it is
console markup (``[@click=app.quit]`` must not become a link that quits, ``[bold]``
must show its brackets), and none of its control characters may reach the terminal
(shown by simulator.safe_text.visible, the one sanitiser). Every widget that shows
such text takes it through ``plain``; a plain string given to a Static, a DataTable
or a rich Table would be parsed as markup.
"""

from __future__ import annotations

from rich.text import Text

from simulator.safe_text import visible


def plain(text: object, style: str = "") -> Text:
    return Text(visible(str(text), keep_lines=True), style=style)


def shown(text: object) -> str:
    """The string form, for widgets that already take text literally (rich Text)."""
    return visible(str(text), keep_lines=True)


def cell(text: object) -> str:
    """For a DataTable, which parses a str cell as markup: the text with its markup
    escaped and its controls shown (the table's rows stay plain strings)."""
    from rich.markup import escape

    return escape(visible(str(text)))
