"""Text as people type it, one rule for every input: the characters no one types, and when two
names are the same.

The training file, the contacts workbook and the filled-in forms are typed by people, and
what they type ends up in Word and Excel files. A control character (pasted along from
another program, or left by a file read in the wrong encoding) shows as nothing there, or
makes the file unreadable. Where the person who typed it can type it again (the training
file, the contacts workbook: the coordinator's own files) it is refused with `CONTROL_PROBLEM`
after the place; in a filled-in form, whose writer is not at hand, it is left out
(`without_control`): nothing anyone can read is lost.
"""

from __future__ import annotations

import re
import unicodedata

# The control characters but tab, line feed and carriage return (C0, DEL and C1), lone
# surrogates, and U+FFFE and U+FFFF: no one types them, XML 1.0 forbids most of them, and
# a C1 character is what a Windows quote or dash becomes when text is read in the wrong encoding.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
CONTROL_PROBLEM = "bevat een onzichtbaar stuurteken; typ de tekst opnieuw."


def has_control(text: str) -> bool:
    """Whether `text` holds a character of `CONTROL`."""
    return CONTROL.search(text) is not None


def without_control(text: str) -> str:
    """`text` without the characters of `CONTROL`."""
    return CONTROL.sub("", text)


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
