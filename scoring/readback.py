"""A read-back: the trainee repeats the caller's fact and asks or checks it —
「3,300円でございますね」「ご注文は44719ですね」"So that's 44719, right?" (issue 10:
these were never confirmation unless they used a set phrase). A question is a
read-back only when it repeats something the caller said: a number, or (Japanese) a
katakana word of three or more characters (ワンピース, ダブリュー).
"""

from __future__ import annotations

import re
import unicodedata

_JA_TAIL = re.compile(r"(?:ね|ですか|でしょうか|ございますか|ございましょうか)$")
_EN_TAIL = re.compile(r"(?:\?|\bright|\bcorrect|\byes)$", re.I)
_TRAILING = re.compile(r"[\s。．.！!？?、,]+$")
_NUMBER = re.compile(r"\d{2,}")
_KATAKANA = re.compile(r"[ァ-ヺー]{3,}")


def _facts(text: str, language: str) -> set[str]:
    plain = unicodedata.normalize("NFKC", text).replace(",", "").replace("-", "")
    found = set(_NUMBER.findall(plain))
    if language == "ja":
        found |= set(_KATAKANA.findall(plain))
    return found


def reads_back(reply: str, caller_line: str, language: str) -> bool:
    """True when ``reply`` checks back a fact of ``caller_line``."""
    if not caller_line.strip():
        return False
    ending = _TRAILING.sub("", unicodedata.normalize("NFKC", reply))
    if language == "en":
        asks = reply.rstrip().endswith("?") or _EN_TAIL.search(ending) is not None
    else:
        asks = _JA_TAIL.search(ending) is not None or reply.rstrip().endswith(("？", "?"))
    return asks and bool(_facts(reply, language) & _facts(caller_line, language))
