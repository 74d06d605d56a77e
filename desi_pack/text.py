"""Text as people type it, one rule for every input: the characters no one types, and when two
names are the same.

The training file, the contacts workbook and the filled-in forms are typed by people, and
what they type ends up in Word and Excel files. A control character (pasted along from
another program, or left by a file read in the wrong encoding) shows as nothing there, or
makes the file unreadable. Where the person who typed it can type it again (the training
file, the contacts workbook: the coordinator's own files) it is refused with `CONTROL_PROBLEM`
after the place; in a filled-in form, whose writer is not at hand, it is left out
(`without_control`): nothing anyone can read is lost.

Characters that show as nothing but are no control character (a zero-width space pasted along
from a web page, a non-breaking space from Word, a direction mark from a phone's contacts) make
two names that look the same differ: 'Tiel' and 'Tiel' + U+200B became two places. `tidy` is the
one rule every input goes through before a value is checked or compared; `shown` names what is
left of them in a message, so a quoted value never looks right while being refused.
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
_PLAIN = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ð": "d",
        "þ": "th",
    }
)


def plain(name: str) -> str:
    """A name without accents, 'Fatıma Çelik' -> 'Fatima Celik' (for comparing, and for file names)."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normal(name: str) -> str:
    """A name as compared: no accents, no capitals, words split by single spaces ('Tiël,  TIEL' -> 'tiel tiel').

    Two names are the same when this is: they differ only in capitals, accents, spacing,
    punctuation or Unicode form (é as one character or as e + accent).
    """
    return " ".join(re.sub(r"[^\w]+", " ", plain(tidy(name)).casefold()).split())


# Never meant in a name, a number or a place: the zero-width space, the word joiner and the byte
# order mark (U+FEFF, also the "zero-width no-break space") are removed wherever they are, the
# non-breaking spaces (U+00A0, U+2007 figure space, U+202F narrow) become ordinary spaces.
_TIDY = {**dict.fromkeys(map(ord, "\u200b\u2060\ufeff")), **dict.fromkeys(map(ord, "\u00a0\u2007\u202f"), " ")}
# The zero-width (non-)joiner and the direction marks do mean something between two characters:
# U+200D glues 👩‍👩‍👧 into one family, U+200C keeps Persian letters apart, a direction mark orders an
# Arabic name. At the start or end of a value, or beside a space, they join nothing and are a
# leftover of the paste (a phone number copied from a phone's contacts comes as U+202A … U+202C).
_JOINERS = "\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069"
_LOOSE = re.compile(f"(?:^|(?<=\\s))[{_JOINERS}]+|[{_JOINERS}]+(?=\\s|$)")


def tidy(text: str) -> str:
    """`text` in one Unicode form (NFC), without the invisible characters that mean nothing there
    and with non-breaking spaces as spaces: 'Tiel\\u200b' -> 'Tiel', '0344\\u00a0123456' -> '0344 123456'.
    Line breaks, ordinary spacing and the joiners inside an emoji or a word stay as typed."""
    return _LOOSE.sub("", unicodedata.normalize("NFC", text).translate(_TIDY))


def one_line(text: str) -> str:
    """`tidy(text)` on one line, words split by single spaces (a name, a phone number, a place)."""
    return " ".join(tidy(text).split())


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc", "Zl", "Zp") or (char.isspace() and char not in " \n")


def shown(text: str) -> str:
    """`text` as quoted in a message: an invisible character left in it named where it is
    ('0344[onzichtbaar teken]123456'), so the value does not look right while it is refused."""
    return "".join("[onzichtbaar teken]" if _invisible(c) else c for c in text)
