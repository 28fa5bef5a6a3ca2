"""Voice calls: the trainee answers out loud.

``simulator.voice.session`` holds what live voice mode and ``wav:`` replay share
(ASR hints for a turn, barge-in handling on the session record);
``simulator.voice.driver`` runs a live call on the speaker and microphone.
"""
