"""The trainer's remembered settings: ``trainer.json`` in the config folder.

    {"scenarios": ["/home/boss/callcoach-scenarios"]}

``scenarios`` folders are searched by every command that reads the library
(validate, list, run, assign, drill, leaderboard, report, the TUI), after the
bundled library. When two folders define the same id the later one wins:
bundled < trainer.json < ``CALLCOACH_SCENARIOS`` < ``--scenarios`` (the flag wins).
A broken file is reported in one line and never overwritten.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from simulator.errors import CallCoachError, UsageError

FILE_NAME = "trainer.json"


@dataclass(frozen=True)
class TrainerConfig:
    scenarios: tuple[Path, ...] = ()


def config_path() -> Path:
    from simulator.paths import config_dir

    return config_dir() / FILE_NAME


def load_trainer_config(path: Path | None = None) -> TrainerConfig:
    """The remembered settings; none when the file does not exist. Raises CallCoachError
    (one line, with the file) when it exists but cannot be used."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return TrainerConfig()
    except (OSError, UnicodeDecodeError) as error:
        raise _broken(path, f"cannot read it ({error})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f":{error.lineno}:{error.colno}"
        raise UsageError(
            f"{path}{where}: not valid JSON — fix it or delete the file"
            " (`callcoach config` rewrites it)"
        ) from None
    except (ValueError, RecursionError):  # a hostile file: nesting, 5,000-digit numbers
        from simulator.inputs.jsontext import loads

        loads(text, str(path), expected='{"scenarios": ["DIR"]}')  # names the line
        raise _broken(path, "unreadable JSON") from None
    if not isinstance(data, dict):
        raise _broken(path, 'expected a JSON object such as {"scenarios": ["DIR"]}')
    folders = data.get("scenarios", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        raise _broken(path, "'scenarios' must be a list of folder paths")
    return TrainerConfig(tuple(Path(f).expanduser() for f in folders))


def save_trainer_config(config: TrainerConfig, path: Path | None = None) -> Path:
    """Writes atomically; keeps keys it does not know (another version may have them)."""
    path = path or config_path()
    data: dict[str, object] = {}
    if path.exists():
        load_trainer_config(path)  # refuses to overwrite a file it cannot read
        data = json.loads(path.read_text(encoding="utf-8"))
    data["scenarios"] = [str(folder) for folder in config.scenarios]
    from simulator.atomic import write_atomically

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        raise CallCoachError(f"{path}: cannot save the settings ({error.strerror})") from None
    return path


def remembered_scenario_dirs() -> list[Path]:
    return list(load_trainer_config().scenarios)


def _broken(path: Path, what: str) -> CallCoachError:
    return UsageError(f"{path}: {what} — fix it or delete the file")
