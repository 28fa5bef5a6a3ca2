"""One module per verb. Each exposes ``register(subparsers)``, which adds its parser and
sets ``handler`` to a function ``(args) -> int`` that imports what it needs lazily."""

COMMAND_MODULES = (
    "run",
    "list",
    "validate",
    "schema",
    "new",
    "graph",
    "config",
    "score",
    "history",
    "doctor",
    "say",
    "play",
    "trainee",
    "assign",
    "assignments",
    "drill",
    "leaderboard",
    "report",
    "export",
    "import_",
    "purge",
    "admin",
)
