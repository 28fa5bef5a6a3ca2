"""Every directory CallCoach reads or writes, in one place.

Defaults come from platformdirs; each can be overridden by an environment
variable so tests (and users with unusual setups) never touch the real
user directories. ``CALLCOACH_HOME`` moves all of them at once.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "callcoach"


def _override(var: str, sub: str) -> Path | None:
    from simulator.inputs.environment import env_path

    if value := env_path(var):
        return Path(value).expanduser()
    if home := env_path("CALLCOACH_HOME"):
        return Path(home).expanduser() / sub
    return None


def data_dir() -> Path:
    """Database, recordings: things the user would hate to lose."""
    import platformdirs

    return _override("CALLCOACH_DATA_DIR", "data") or Path(platformdirs.user_data_dir(APP_NAME))


def config_dir() -> Path:
    import platformdirs

    return _override("CALLCOACH_CONFIG_DIR", "config") or Path(
        platformdirs.user_config_dir(APP_NAME)
    )


def cache_dir() -> Path:
    """Synthesised audio and other things that can be rebuilt."""
    import platformdirs

    return _override("CALLCOACH_CACHE_DIR", "cache") or Path(platformdirs.user_cache_dir(APP_NAME))


def models_dir() -> Path:
    """Speech models CallCoach assembles from installed packages (rebuildable, but
    large: tests share one across the session with CALLCOACH_MODELS_DIR)."""
    from simulator.inputs.environment import env_path

    if value := env_path("CALLCOACH_MODELS_DIR"):
        return Path(value).expanduser()
    return cache_dir() / "models"


def log_dir() -> Path:
    """Diagnostics: what native libraries print while the TUI owns the terminal."""
    import platformdirs

    return _override("CALLCOACH_LOG_DIR", "logs") or Path(platformdirs.user_log_dir(APP_NAME))


def recordings_dir() -> Path:
    return data_dir() / "recordings"


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'callcoach.db'}"


def user_scenario_dirs() -> list[Path]:
    """Extra scenario folders from ``CALLCOACH_SCENARIOS`` (os.pathsep-separated)."""
    from simulator.inputs.environment import env_path

    raw = env_path("CALLCOACH_SCENARIOS") or ""
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]
