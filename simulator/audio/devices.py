"""Audio devices through sounddevice (PortAudio), imported only when needed.

Every failure becomes an AudioError that says what happened and offers text mode.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from simulator.audio import AudioError

TEXT_MODE = "answer in text mode instead (--input text)"
HEADSET_ADVICE = (
    "use a headset: the caller's voice from loudspeakers leaks into the microphone "
    "and can be taken for you talking over the caller"
)


class DeviceError(AudioError):
    """``reason`` says what is wrong for the interface's own wording (simulator.i18n:
    ``voice.problem.<reason>``); ``missing`` names the devices not found."""

    def __init__(self, message: str, reason: str = "", missing: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        self.missing = missing


def without_text_mode(message: str) -> str:
    """A device message for playback (`say`, `play`, the result screen), where answering
    in text mode is no way out."""
    from simulator.i18n import t

    for joint in ("; or ", ", or ", "; ", t("engine.or")):
        for text_mode in (TEXT_MODE, t("engine.text_mode")):
            message = message.replace(f"{joint}{text_mode}", "")
    return message


def import_sounddevice() -> ModuleType:
    from simulator.i18n import t

    text_mode = t("engine.text_mode")
    try:
        import sounddevice
    except ImportError:
        raise DeviceError(
            t("engine.no_sounddevice", text_mode=text_mode), reason="no_sounddevice"
        ) from None
    except OSError:  # the module is there but the PortAudio library is not
        raise DeviceError(
            t("engine.no_portaudio", text_mode=text_mode), reason="no_portaudio"
        ) from None
    return sounddevice


@dataclass(frozen=True)
class DeviceInfo:
    index: int
    name: str
    inputs: int
    outputs: int
    rate: float
    default_input: bool = False
    default_output: bool = False


def list_devices() -> list[DeviceInfo]:
    sd = import_sounddevice()
    try:
        raw = sd.query_devices()
        default_in, default_out = _defaults(sd)
    except sd.PortAudioError as error:
        raise DeviceError(
            f"cannot list audio devices ({error}); or {TEXT_MODE}", reason="cannot_list"
        ) from None
    return [
        DeviceInfo(
            index=i,
            name=str(d["name"]),
            inputs=int(d["max_input_channels"]),
            outputs=int(d["max_output_channels"]),
            rate=float(d["default_samplerate"]),
            default_input=i == default_in,
            default_output=i == default_out,
        )
        for i, d in enumerate(raw)
    ]


def _defaults(sd: ModuleType) -> tuple[int, int]:
    device = sd.default.device
    return int(device[0]), int(device[1])


DEVICE_NAMES = {"input": "microphone", "output": "speaker or headphones"}


@dataclass(frozen=True)
class CallDevices:
    """The microphone and speaker a voice call would use; None where there is none."""

    microphone: DeviceInfo | None
    speaker: DeviceInfo | None

    @property
    def missing(self) -> tuple[str, ...]:
        """ "input" and/or "output"."""
        pairs = (("input", self.microphone), ("output", self.speaker))
        return tuple(kind for kind, found in pairs if found is None)


def find_call_devices(
    input_device: int | str | None = None, output_device: int | str | None = None
) -> CallDevices:
    """Both devices of a voice call in one listing; DeviceError only when audio cannot
    be used at all (no sounddevice, no PortAudio)."""
    devices = list_devices()
    return CallDevices(
        _pick(devices, "input", input_device), _pick(devices, "output", output_device)
    )


def require_call_devices(
    input_device: int | str | None = None, output_device: int | str | None = None
) -> CallDevices:
    """Both devices, or one DeviceError naming every one that is missing."""
    found = find_call_devices(input_device, output_device)
    if found.missing:
        things = " and no ".join(DEVICE_NAMES[kind] for kind in found.missing)
        raise DeviceError(
            f"no {things} found; plug one in, or {TEXT_MODE}",
            reason="missing",
            missing=found.missing,
        )
    return found


def require_device(kind: str, device: int | str | None = None) -> DeviceInfo:
    """The input or output device that will be used; DeviceError when there is none.
    ``kind`` is "input" or "output"."""
    found = _pick(list_devices(), kind, device)
    if found is None:
        named = f" matching {device!r}" if device is not None else ""
        raise DeviceError(
            f"no {DEVICE_NAMES[kind]}{named} found; plug one in, or {TEXT_MODE}",
            reason="missing",
            missing=(kind,),
        )
    return found


def _pick(devices: list[DeviceInfo], kind: str, device: int | str | None) -> DeviceInfo | None:
    wanted = [d for d in devices if (d.inputs if kind == "input" else d.outputs) > 0]
    if isinstance(device, int):
        wanted = [d for d in wanted if d.index == device]
    elif isinstance(device, str):
        wanted = [d for d in wanted if device.lower() in d.name.lower()]
    else:
        default = [d for d in wanted if (d.default_input if kind == "input" else d.default_output)]
        wanted = default or wanted
    return wanted[0] if wanted else None
