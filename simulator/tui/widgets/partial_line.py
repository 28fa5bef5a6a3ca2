"""The trainee's words while they are still speaking: the recogniser's best guess so
far, dim under the transcript, until the finished reply replaces it."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from simulator.i18n import t


def spoken_text(text: str, language: str) -> str:
    """Recognised text as shown: Japanese engines (Vosk) put spaces between words,
    which Japanese does not have — NFKC without them (お 待た せ → お待たせ)."""
    if language != "ja":
        return " ".join(text.split())
    from scoring.text import compact_nfkc

    return compact_nfkc(text).text


class PartialLine(Static):
    DEFAULT_CSS = """
    PartialLine { height: auto; padding: 0 1; color: $text-muted; text-style: italic; }
    """

    def __init__(self, you: str, language: str, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.you, self.language = you, language
        self.text = ""  # what is shown, "" when hidden
        self.display = False

    def show(self, recognised: str) -> None:
        self.text = spoken_text(recognised, self.language)
        said = t("voice.partial", you=self.you, text=self.text)
        self.update(Text(said, style="dim"))
        self.display = bool(self.text)

    def clear(self) -> None:
        self.text = ""
        self.update("")
        self.display = False
