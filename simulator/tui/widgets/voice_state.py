"""Who is talking in a voice call: the caller, nobody (listening), the trainee,
push-to-talk, a barge-in, a lost device or the end of the call."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from simulator.i18n import t

# state → (catalogue key, style)
STATES: dict[str, tuple[str, str]] = {
    "connecting": ("voice.state.connecting", "dim"),
    "caller": ("voice.state.caller", "bold cyan"),
    "listening": ("voice.state.listening", "bold green"),
    "waiting": ("voice.state.waiting", "bold green"),
    "speaking": ("voice.state.speaking", "bold yellow"),
    "push_to_talk": ("voice.state.ptt", "bold magenta"),
    "barge_in": ("voice.state.barge_in", "bold red"),
    "lost": ("voice.state.lost", "bold red"),
    "ended": ("voice.state.ended", "dim"),
}


class VoiceState(Widget):
    DEFAULT_CSS = """
    VoiceState { height: 1; width: 1fr; }
    """

    state: reactive[str] = reactive("connecting")

    def render(self) -> Text:
        key, style = STATES[self.state]
        return Text(t(key), style=style)
