"""Choose the microphone and the speaker for voice mode (from simulator.audio.devices).
Dismisses with (input device, output device); None means the system default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from simulator.i18n import t
from simulator.tui.bindings import translate_bindings
from simulator.tui.plain import plain

Choice = tuple[int | None, int | None]


class DevicePicker(ModalScreen[Choice]):
    DEFAULT_CSS = """
    DevicePicker { align: center middle; }
    DevicePicker > Vertical { width: 70; height: auto; max-height: 90%;
                              border: round $accent; padding: 0 1; }
    DevicePicker OptionList { height: auto; max-height: 8; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "binding.back", id="devices.done"),
    ]

    class Listed(Message):
        def __init__(self, devices: list[Any] | None, problem: str | None) -> None:
            super().__init__()
            self.devices, self.problem = devices, problem

    def __init__(
        self, chosen: Choice = (None, None), lister: Callable[[], list[Any]] | None = None
    ) -> None:
        """``lister``: simulator.audio.devices.list_devices unless given."""
        super().__init__()
        self.chosen_input, self.chosen_output = chosen
        self._lister = lister
        translate_bindings(self)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("devices.title"), classes="title")
            yield Static(t("devices.loading"), id="devices-status")
            yield Static(t("devices.input"))
            yield OptionList(id="inputs")
            yield Static(t("devices.output"))
            yield OptionList(id="outputs")
            yield Static(t("devices.help"), classes="dim")

    def on_mount(self) -> None:
        self.run_worker(self._list, thread=True, exit_on_error=False)

    def _list(self) -> None:
        from simulator.audio import AudioError
        from simulator.audio.devices import list_devices

        try:
            self.post_message(self.Listed((self._lister or list_devices)(), None))
        except AudioError as error:
            self.post_message(self.Listed(None, str(error)))

    def on_device_picker_listed(self, message: Listed) -> None:
        status = self.query_one("#devices-status", Static)
        if message.devices is None:
            status.update(t("devices.none", reason=message.problem or ""))
            return
        status.update("")
        default = Option(t("voice.default_device"), id="default")
        for list_id, channels, chosen in (
            ("#inputs", "inputs", self.chosen_input),
            ("#outputs", "outputs", self.chosen_output),
        ):
            options = self.query_one(list_id, OptionList)
            options.add_option(default if list_id == "#inputs" else Option(default.prompt))
            usable = [d for d in message.devices if getattr(d, channels) > 0]
            for device in usable:
                options.add_option(
                    Option(plain(f"{device.index}: {device.name}"), id=str(device.index))
                )
            ids = [None, *(d.index for d in usable)]
            options.highlighted = ids.index(chosen) if chosen in ids else 0
        self.query_one("#inputs", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        index = event.option.id
        device = int(index) if index is not None and index.isdigit() else None
        if event.option_list.id == "inputs":
            self.chosen_input = device
            self.query_one("#outputs", OptionList).focus()
        else:
            self.chosen_output = device
            self.action_done()

    def action_done(self) -> None:
        self.dismiss((self.chosen_input, self.chosen_output))
