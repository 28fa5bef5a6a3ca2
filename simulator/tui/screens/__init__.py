"""The screens: home, history, briefing, call, result, and two small dialogs."""
