"""What the TUI needs from the rest of CallCoach, passed in so tests can swap any part
(a fake library, an in-memory store, a virtual clock, a session with a fake detector)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from simulator.clock import Clock, MonotonicClock
from simulator.engine.record import SessionSink
from simulator.engine.session import CallSession
from simulator.errors import CallCoachError
from simulator.scenario.model import Scenario
from simulator.store.retrying_sink import RETRY_DELAYS, OpeningSink, RetryingSink, SaveStatus


class Library(Protocol):
    """simulator.scenario.library.ScenarioLibrary; entries have id, title, language,
    caller_type and difficulty."""

    def entries(self) -> Sequence[Any]: ...
    def resolve(self, id_or_path: str) -> Scenario: ...


class StoreLike(Protocol):
    def sink(self) -> SessionSink: ...
    def history(self, trainee: str | None = None, limit: int = 50) -> list[Any]: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class CallOptions:
    """How the trainee takes the call (from the command line or the briefing screen)."""

    level: int | None = None
    seed: int | None = None
    trainee: str | None = None
    practice: bool = False
    input: str = "text"  # "text" or "voice"
    asr: str = "auto"  # speech recognition engine for voice input
    asr_model: str | None = None  # a model folder for it (--asr-model)
    input_device: int | None = None  # None: the system default
    output_device: int | None = None
    drill: bool = False  # drill rules: no hints or practice, no retry, a time limit
    time_limit: float | None = None  # seconds; the call ends (abandoned) when it is up


CLOSE_SECONDS = 3.0  # at most this long at exit for waiting calls to be stored

SessionFactory = Callable[[Scenario, CallOptions, Sequence[SessionSink]], CallSession]


def make_session(
    scenario: Scenario, options: CallOptions, sinks: Sequence[SessionSink]
) -> CallSession:
    return CallSession(
        scenario,
        mode="text",
        level=options.level,
        seed=options.seed,
        trainee=options.trainee,
        sinks=sinks,
    )


# Opens a live voice call (simulator.voice.live.open_live_call); tests pass fakes.
VoiceFactory = Callable[..., Any]


def open_live_voice(*args: Any, **kwargs: Any) -> Any:
    from simulator.voice.live import open_live_call

    return open_live_call(*args, **kwargs)


# Starts rendering a scenario's caller lines into the TTS cache during the briefing
# (simulator.audio.warmup); returns something to cancel(), or None. Tests pass None.
VoiceWarmer = Callable[[Scenario, int], Any]


def warm_voice(scenario: Scenario, start_mood: int) -> Any:
    from simulator.audio.warmup import start_voice_warm_up

    return start_voice_warm_up(scenario, start_mood)


# Why a voice call cannot start for this scenario and options (no recogniser for the
# language), or None; asked by the briefing before Start. Tests pass None.
VoiceCheck = Callable[[Scenario, CallOptions], "str | None"]


def check_voice(scenario: Scenario, options: CallOptions) -> str | None:
    from simulator.audio.asr.choose import asr_problem

    return asr_problem(scenario.language, options.asr, options.asr_model)


# Loads the call's speech recogniser while the trainee reads the briefing (the bundled
# Whisper model: assembled and verified on first use, then ~1 s to load), so Start
# does not wait for it; the model stays loaded and the call shares it. Returns what
# was loaded, for the briefing to show. Tests pass None.
ASRLoader = Callable[[Scenario, CallOptions], str]


def load_asr(scenario: Scenario, options: CallOptions) -> str:
    from simulator.audio.asr.choose import preload_recognizer

    return preload_recognizer(scenario.language, options.asr, options.asr_model)


@dataclass(frozen=True)
class DeviceReport:
    """The microphone and speaker a voice call would use, by name; None: none found."""

    microphone: str | None
    speaker: str | None
    problem: str | None = None  # audio cannot be used at all, in the interface's words

    @property
    def missing(self) -> tuple[str, ...]:
        """ "input" and/or "output"."""
        pairs = (("input", self.microphone), ("output", self.speaker))
        return tuple(kind for kind, name in pairs if name is None)


# Looks for the call's devices when the briefing opens, so a missing microphone or
# speaker is said before Start. Blocking (PortAudio): run it on a worker. Tests pass None.
DeviceProbe = Callable[[CallOptions], DeviceReport]


def probe_devices(options: CallOptions) -> DeviceReport:
    from simulator.audio import AudioError
    from simulator.audio.devices import find_call_devices
    from simulator.tui.voice_problem import voice_problem_text

    try:
        found = find_call_devices(options.input_device, options.output_device)
    except AudioError as error:
        return DeviceReport(None, None, voice_problem_text(error))
    return DeviceReport(
        found.microphone.name if found.microphone else None,
        found.speaker.name if found.speaker else None,
    )


@dataclass
class Services:
    library: Library
    # Opens the session database; None = sessions are not stored (and no history).
    open_store: Callable[[], StoreLike] | None = None
    clock_factory: Callable[[], Clock] = MonotonicClock
    session_factory: SessionFactory = make_session
    voice_factory: VoiceFactory = open_live_voice
    voice_warmer: VoiceWarmer | None = warm_voice
    voice_check: VoiceCheck | None = check_voice
    asr_loader: ASRLoader | None = load_asr
    device_probe: DeviceProbe | None = None  # the real app passes probe_devices
    settings_path: Path | None = None
    # Where an unsaved call's journal goes (None: simulator.store.journal.journal_dirs)
    # and how long the writer waits between attempts; tests pass their own.
    journal_folders: list[Path] | None = None
    save_retry_delays: tuple[float, ...] = RETRY_DELAYS
    _store: StoreLike | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _savings: list[RetryingSink] = field(default_factory=list, init=False, repr=False)

    def store(self) -> StoreLike | None:
        """The store, opened on first use. Blocking: call it from a worker thread."""
        if self.open_store is None:
            return None
        with self._lock:
            if self._store is None:
                self._store = self.open_store()
            return self._store

    def call_sinks(self) -> tuple[list[SessionSink], str | None]:
        """Where a new call is recorded: a RetryingSink over the store, which opens it on
        first use. A database that cannot take the call (not open, full disk) neither
        stops nor stalls it: what it refuses is kept, journaled and retried, and the
        screens show that (simulator.tui.widgets.saving). The second value is always
        None now (kept for the call screens' signature)."""
        if self.open_store is None:
            return [], None
        saving = RetryingSink(
            OpeningSink(self._store_sink),
            journal_folders=self.journal_folders,
            retry_delays=self.save_retry_delays,
        )
        with self._lock:
            self._savings.append(saving)
        return [saving], None

    def _store_sink(self) -> SessionSink:
        store = self.store()
        if store is None:  # open_store is set whenever a RetryingSink exists
            raise CallCoachError("sessions are not stored")
        return store.sink()

    def saving_for(self, session_id: str) -> RetryingSink | None:
        """The sink storing this call, if it was taken in this run of the app."""
        with self._lock:
            savings = list(self._savings)
        return next((s for s in savings if s.status().session_id == session_id), None)

    def storage_problem(self) -> str | None:
        """Why a call started now could not be stored, or None. Blocking: a worker."""
        from simulator.store.space import storage_problem

        try:
            store = self.store()
        except CallCoachError as error:
            return str(error)
        return None if store is None else storage_problem(store)

    def wait_saving_settled(self, timeout: float = 5.0) -> None:
        """Until every call's writes are done or waiting after a failure (shutdown,
        tests). Blocking: never on the UI thread of a live app."""
        with self._lock:
            savings = list(self._savings)
        for saving in savings:
            saving.wait_settled(timeout)

    def unsaved(self) -> list[SaveStatus]:
        """Calls of this run that are not (wholly) stored, as of now."""
        with self._lock:
            savings = list(self._savings)
        return [status for s in savings if (status := s.status()).waiting]

    def close(self) -> None:
        """A last attempt to store what is waiting (bounded), then the store closes."""
        with self._lock:
            savings = list(self._savings)
        deadline = time.monotonic() + CLOSE_SECONDS
        for saving in savings:
            saving.close(timeout=max(0.0, deadline - time.monotonic()))
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
