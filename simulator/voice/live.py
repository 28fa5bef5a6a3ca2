"""A live voice call on the real speaker and microphone: the caller's voice (TTS with
presynthesis into the cache), the recogniser for the scenario's language, one output
and one input stream for the whole call, and the driver that runs them.

Every missing piece raises AudioError with its fix and the text-mode fallback, before
anything is opened that would need closing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from simulator.errors import CallCoachError
from simulator.voice.driver import VoiceCall
from simulator.voice.updates import VoiceUpdate

if TYPE_CHECKING:
    from simulator.audio.caller_audio import CallAudio
    from simulator.clock import Clock
    from simulator.engine.session import CallSession
    from simulator.scenario.model import Scenario


@dataclass
class LiveCall:
    call: VoiceCall
    audio: CallAudio
    devices: list[Any]  # the player and the microphone, closed at the end
    asr_reason: str  # "speech recognition: sphinx (bundled model)": shown to the trainee
    recording_problem: str | None = None

    def start(self) -> None:
        self.call.start()

    def close(self) -> None:
        self.call.close()
        for device in reversed(self.devices):
            device.close()
        self.audio.close()
        self._keep_recording()

    def _keep_recording(self) -> None:
        from simulator.audio.recording import recording_path

        recording = self.call.recording
        if recording is None or recording.empty:
            return
        try:
            path = recording.write(recording_path(self.call.session.recorder.id))
            self.call.session.recorder.recording_saved(path)
        except CallCoachError as error:  # the file is kept on this machine
            self.recording_problem = f"the call's recording stays on this machine only ({error})"
        except OSError as error:  # the session itself is stored: say so, do not crash
            self.recording_problem = f"the call's recording was not saved ({error.strerror})"


def open_live_call(
    scenario: Scenario,
    options: Any,
    new_session: Callable[[], CallSession],
    clock: Clock,
    notify: Callable[[VoiceUpdate], None],
) -> LiveCall:
    """``options``: simulator.tui.services.CallOptions (asr, input_device, output_device,
    level). ``new_session()`` is called once everything is open, so a call that could
    not start leaves no session behind."""
    from simulator.audio.caller_audio import prepare_call_audio
    from simulator.audio.capture import Microphone
    from simulator.audio.devices import require_call_devices
    from simulator.audio.player import Player

    # Both devices checked first: the trainee hears of every missing one at once.
    require_call_devices(options.input_device, options.output_device)
    start_mood = scenario.mood.start + scenario.level(options.level).start_mood
    audio = prepare_call_audio(
        scenario,
        asr=options.asr,
        asr_model=getattr(options, "asr_model", None),
        start_mood=start_mood,
    )
    devices: list[Any] = []
    try:
        devices.append(Player(clock, options.output_device).start())
        devices.append(Microphone(clock, options.input_device).start())
    except BaseException:
        for device in devices:
            device.close()
        audio.close()
        raise
    player, microphone = devices
    assert audio.recognizer is not None  # prepare_call_audio raised otherwise
    from simulator.audio.recording import SessionRecording

    session = new_session()
    recording = SessionRecording() if getattr(options, "record", True) else None
    call = VoiceCall(
        session, audio, player, microphone, clock, audio.recognizer, notify, recording=recording
    )
    return LiveCall(call, audio, devices, audio.asr_reason)
