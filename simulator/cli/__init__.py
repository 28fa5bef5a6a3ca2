"""Command line: `callcoach` and its verbs. Heavy imports happen inside each command."""
