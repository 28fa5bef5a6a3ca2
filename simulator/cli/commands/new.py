"""`callcoach new ID [--lang ja|en] [--caller TYPE] [--out PATH]` — a commented draft
scenario that validates cleanly, to fill in."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from simulator.i18n import label, t


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "new",
        help="start a scenario from a commented draft (trainers)",
        description=(
            "Write ID.yaml: a commented draft scenario (open → details → offer, with "
            "resolved, escalated and hung-up endings) that validates cleanly. Language and "
            "caller type default to the id's prefix (ja-angry-…), else ja and angry."
        ),
    )
    parser.add_argument("id", help="scenario id, e.g. ja-angry-late-gift (also the file name)")
    parser.add_argument("--lang", choices=("ja", "en"), help="language of the call")
    parser.add_argument(
        "--caller", choices=("angry", "logical", "unreasonable"), help="caller type"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="folder or .yaml file to write (default: ID.yaml in the current folder)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import re

    from simulator.errors import UsageError
    from simulator.scenario.fields import ID_PATTERN
    from simulator.scenario.scaffold import guess_from_id, scaffold

    if not re.fullmatch(ID_PATTERN, args.id):
        raise UsageError(t("new.bad_id", id=repr(args.id), help=t("spec.id_chars")))
    language, caller = guess_from_id(args.id)
    language, caller = args.lang or language or "ja", args.caller or caller or "angry"
    path = _target(args.out, args.id)
    text = scaffold(args.id, language, caller, _schema_hint())
    try:
        with path.open("x", encoding="utf-8") as handle:  # never overwrites
            handle.write(text)
    except FileExistsError:
        raise UsageError(t("new.exists", path=path)) from None
    except OSError as error:
        raise UsageError(t("new.cannot_write", path=path, reason=error.strerror)) from None
    kind = {"language": label("language", language), "caller": label("caller_type", caller)}
    print(t("new.wrote", path=path, **kind))
    print(f"  callcoach validate {path}")
    return 0


def _target(out: Path | None, scenario_id: str) -> Path:
    from simulator.errors import UsageError

    if out is None:
        return Path(f"{scenario_id}.yaml")
    if out.suffix in (".yaml", ".yml"):
        if not out.parent.is_dir():
            raise UsageError(t("new.no_parent", out=out, folder=out.parent))
        return out
    if not out.is_dir():
        raise UsageError(t("new.no_folder", out=out))
    return out / f"{scenario_id}.yaml"


def _schema_hint() -> str:
    """The bundled JSON Schema, so editors check the draft straight away."""
    from simulator.scenario.library import bundled_dir

    bundled = bundled_dir()
    schema = bundled / "schema" / "scenario.schema.json" if bundled else None
    return str(schema) if schema and schema.is_file() else "scenario.schema.json"
