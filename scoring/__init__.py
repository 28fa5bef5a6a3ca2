"""Pure analysis of a CallCoach session record: metrics, phrase detection, rubrics
and feedback. Imports nothing of the application (simulator/), no UI, audio or
database library; pyopenjtalk only lazily, for Japanese readings."""

from scoring.card import SCORECARD_FORMAT, score_session
from scoring.categories import PUBLIC_CATEGORIES as CATEGORIES
from scoring.detect import Detection, PhraseHit, detect
from scoring.record import SessionError
from scoring.rubric import PRESETS, RubricError

__all__ = [
    "CATEGORIES",
    "PRESETS",
    "SCORECARD_FORMAT",
    "Detection",
    "PhraseHit",
    "RubricError",
    "SessionError",
    "detect",
    "score_session",
]
