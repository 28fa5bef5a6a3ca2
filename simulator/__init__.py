"""CallCoach application: scenarios, conversation engine, audio, storage, TUI and CLI."""

__version__ = "0.1.0"
