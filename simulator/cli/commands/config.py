"""`callcoach config [--add-scenarios DIR…] [--remove-scenarios DIR…]` — the trainer's
remembered scenario folders, used by every command that reads the library."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.i18n import t


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "config",
        help="remember your scenario folders (trainers)",
        description=(
            "Show or change the remembered settings (trainer.json in the config folder). "
            "Remembered scenario folders are searched by validate, list, run, assign, drill, "
            "leaderboard, report and the TUI. When folders define the same id: "
            "--scenarios wins over CALLCOACH_SCENARIOS, which wins over the remembered ones."
        ),
    )
    parser.add_argument(
        "--add-scenarios",
        metavar="DIR",
        type=Path,
        action="append",
        default=[],
        help="remember this scenario folder (repeatable)",
    )
    parser.add_argument(
        "--remove-scenarios",
        metavar="DIR",
        type=Path,
        action="append",
        default=[],
        help="forget this scenario folder (repeatable)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from simulator.trainer_config import (
        TrainerConfig,
        config_path,
        load_trainer_config,
        save_trainer_config,
    )

    config = load_trainer_config()
    if args.add_scenarios or args.remove_scenarios:
        folders = _changed(list(config.scenarios), args.add_scenarios, args.remove_scenarios)
        config = TrainerConfig(tuple(folders))
        save_trainer_config(config)
    print(t("config.settings", path=config_path()))
    _show_folders(config.scenarios, [Path(d) for d in args.scenarios])
    return 0


def _changed(folders: list[Path], add: list[Path], remove: list[Path]) -> list[Path]:
    from simulator.errors import UsageError

    for folder in add:
        full = folder.expanduser().resolve()
        if not full.is_dir():
            raise UsageError(t("config.no_such_folder", folder=folder))
        if full not in folders:
            folders.append(full)
    for folder in remove:
        full = folder.expanduser().resolve()
        matches = [f for f in folders if f in (folder, full)]
        if not matches:
            raise UsageError(t("config.not_remembered", folder=folder))
        folders = [f for f in folders if f not in matches]
    return folders


def _show_folders(remembered: tuple[Path, ...], flagged: list[Path]) -> None:
    from simulator.cells import pad
    from simulator.paths import user_scenario_dirs
    from simulator.scenario.library import bundled_dir

    rows = [(t("config.source.bundled"), bundled_dir())]
    rows += [("trainer.json", folder) for folder in remembered]
    rows += [("CALLCOACH_SCENARIOS", folder) for folder in user_scenario_dirs()]
    rows += [("--scenarios", folder) for folder in flagged]
    print(t("config.folders"))
    for source, folder in rows:
        if folder is None:
            continue
        missing = "" if folder.is_dir() else t("config.not_found")
        print(f"  {pad(source, 20)} {folder}{missing}")
