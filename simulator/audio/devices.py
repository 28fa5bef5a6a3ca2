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
    pass


def without_text_mode(message: str) -> str:
    """A device message for playback (`say`, `play`, the result screen), where answering
    in text mode is no way out."""
    for joint in ("; or ", ", or ", "; "):
        message = message.replace(f"{joint}{TEXT_MODE}", "")
    return message


def import_sounddevice() -> ModuleType:
    try:
        import sounddevice
    except ImportError:
        raise DeviceError(
            f"voice mode needs sounddevice: pip install 'callcoach[voice]'; or {TEXT_MODE}"
        ) from None
    except OSError:  # the module is there but the PortAudio library is not
        raise DeviceError(
            "PortAudio is not installed (Debian/Ubuntu: apt-get install libportaudio2; "
            f"macOS: brew install portaudio); or {TEXT_MODE}"
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
        raise DeviceError(f"cannot list audio devices ({error}); or {TEXT_MODE}") from None
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


def require_device(kind: str, device: int | str | None = None) -> DeviceInfo:
    """The input or output device that will be used; DeviceError when there is none.
    ``kind`` is "input" or "output"."""
    devices = list_devices()
    wanted = [d for d in devices if (d.inputs if kind == "input" else d.outputs) > 0]
    if isinstance(device, int):
        wanted = [d for d in wanted if d.index == device]
    elif isinstance(device, str):
        wanted = [d for d in wanted if device.lower() in d.name.lower()]
    else:
        default = [d for d in wanted if (d.default_input if kind == "input" else d.default_output)]
        wanted = default or wanted
    if not wanted:
        thing = "microphone" if kind == "input" else "speaker or headphones"
        named = f" matching {device!r}" if device is not None else ""
        raise DeviceError(f"no {thing}{named} found; plug one in, or {TEXT_MODE}")
    return wanted[0]
