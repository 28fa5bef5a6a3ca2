"""The layer contract of DESIGN.md §2, checked on the source (stdlib only, run by
`make lint`): a module may import its own layer and the layers below it, never one
above — lazy imports inside functions and type-only imports included.

    python .ci/layers.py [ROOT]   → exit 1 and one line per upward import
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

# Top to bottom. Modules of one layer may import each other; a layer lists packages
# (a module belongs to the longest prefix that names it).
LAYERS: list[tuple[str, ...]] = [
    ("simulator.__main__", "simulator.cli", "simulator.tui"),
    ("simulator.team", "simulator.report"),
    ("simulator.voice",),
    ("simulator.engine",),
    ("simulator.audio", "simulator.store"),
    ("simulator.scenario", "simulator.i18n", "simulator.paths", "simulator.errors",
     "simulator.clock", "simulator.cells", "simulator.safe_text",
     "simulator.trainer_config", "simulator.inputs", "simulator.atomic"),
    ("scoring",),
]  # fmt: skip
PACKAGES = ("simulator", "scoring")


def layer_of(module: str) -> int | None:
    if module == "simulator":  # the package's own __init__: the foundation
        return len(LAYERS) - 2
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for number, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module == prefix or module.startswith(prefix + ".")
            if inside and (best is None or len(prefix) > best[0]):
                best = (len(prefix), number)
    return None if best is None else best[1]


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                keep = len(base) - node.level + (1 if is_package else 0)
                target = ".".join(base[:keep] + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # "from simulator import tui" imports a module
                yield node.lineno, f"{target}.{alias.name}"


def violations(root: Path) -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            module = module_name(path, root)
            own = layer_of(module)
            if own is None:
                found.append(f"{path.relative_to(root)}:1: module {module} is in no layer")
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for line, target in imports(tree, module, path.name == "__init__.py"):
                if not target.startswith(PACKAGES):
                    continue
                other = layer_of(target)
                if other is not None and other < own:
                    found.append(
                        f"{path.relative_to(root)}:{line}: {module} imports {target} "
                        "— a layer above it (DESIGN.md §2: cli/tui → engine → audio, store)"
                    )
    first: dict[str, str] = {}  # one line per import statement
    for problem in found:
        first.setdefault(problem.split(" imports ")[0], problem)
    return sorted(first.values())


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent
    problems = violations(root)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
