"""The Textual interface: home (scenario list), briefing, call and result screens.

Imported only by ``simulator.cli.commands.tui``; the engine never imports it."""
