"""Voice calls: the trainee answers out loud.

``simulator.voice.driver`` runs a live call on the speaker and microphone as an
input adapter of the engine's ``CallLoop``; the turn's ASR hints live in
``simulator.engine.hints`` (live calls and ``wav:`` replay share them).
"""
