"""Opens the TUI: `callcoach` (home screen) or `callcoach run SCENARIO` (its briefing).

Not a verb of its own: ``main`` calls ``open_tui`` when no verb is given, ``run`` calls
it when there is no --replay. Textual and the store are imported only here, lazily.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from simulator.errors import CallCoachError


def open_tui(args: argparse.Namespace, scenario: Any = None) -> int:
    from simulator.i18n import default_language, set_language

    set_language(getattr(args, "ui_lang", None) or default_language())
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise CallCoachError(
            "the TUI needs a terminal — for a headless call: callcoach run SCENARIO --replay FILE"
        )
    from simulator.paths import log_dir
    from simulator.tui.native_output import native_stderr_to_log

    app = build_app(args, scenario)
    with native_stderr_to_log(log_dir()):
        result = app.run()
    _tell_unsaved(app.services)
    return 0 if result is None else int(result)


def _tell_unsaved(services: Any) -> None:
    """After the TUI: calls the database still refused (a full disk) and where they are."""
    for status in services.unsaved():
        where = f"{status.session_id}: not (wholly) stored ({status.reason})"
        if status.journal is not None:
            print(
                f"callcoach: call {where}; all of it is in {status.journal}"
                f" — `callcoach import {status.journal}` stores it",
                file=sys.stderr,
            )
        else:
            print(f"callcoach: call {where}; no disk took a copy", file=sys.stderr)


def build_app(args: argparse.Namespace, scenario: Any = None) -> Any:
    from simulator.paths import config_dir
    from simulator.scenario.library import ScenarioLibrary
    from simulator.tui.app import CallCoachApp
    from simulator.tui.services import CallOptions, Services, probe_devices

    library = ScenarioLibrary(extra_dirs=[Path(d) for d in getattr(args, "scenarios", [])])
    services = Services(
        library=library,
        open_store=None if getattr(args, "no_store", False) else _store_opener(args.db),
        settings_path=config_dir() / "tui.json",
        device_probe=probe_devices,
    )
    options = CallOptions(
        level=getattr(args, "level", None),
        seed=getattr(args, "seed", None),
        trainee=getattr(args, "trainee", None),
        practice=bool(getattr(args, "practice", False)),
        input=getattr(args, "input", "text") or "text",
        asr=getattr(args, "asr", "auto") or "auto",
        asr_model=getattr(args, "asr_model", None),
    )
    return CallCoachApp(services, options, scenario=scenario)


def _store_opener(url: str | None) -> Any:
    def open_it() -> Any:
        from simulator.store import open_store

        return open_store(url)

    return open_it
