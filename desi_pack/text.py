"""Text as people type it, one rule for every input: when two names are the same."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not split into a letter and an accent, as people write them without.
_PLAIN = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D",
                        "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ð": "d", "þ": "th"})


def plain(name: str) -> str:
    """A name without accents, 'Fatıma Çelik' -> 'Fatima Celik' (for comparing, and for file names)."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normal(name: str) -> str:
    """A name as compared: no accents, no capitals, words split by single spaces ('Tiël,  TIEL' -> 'tiel tiel').

    Two names are the same when this is: they differ only in capitals, accents, spacing,
    punctuation or Unicode form (é as one character or as e + accent).
    """
    return " ".join(re.sub(r"[^\w]+", " ", plain(name).casefold()).split())
