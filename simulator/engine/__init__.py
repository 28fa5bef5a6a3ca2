"""The conversation engine: turns, mood, branching, timing and the session record."""
