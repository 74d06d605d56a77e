"""Attendance as the trainer ticked it in each meeting's Excel agenda (sheet 'Aanwezigheid')."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from desi_pack.excel.reading import open_book, quiet, typed, whole
from desi_pack.text import tidy, without_control

SHEET = "Aanwezigheid"
# The marks people put for 'present' and 'absent', as compared (see `_mark`): words, letters, and the
# ticks and crosses of keyboards and emoji pickers (✓ ✔ ✅ ☑ ☒ √ 👍; ✗ ✘ ❌ ❎ ☐ 👎). A tick inserted
# from the Wingdings font (Insert > Symbol) is stored as the letter the font draws it for: ü ✓,
# þ ☑, ý ☒, û ✗. A mark that is neither is never taken for either (see `Sheet.unknown`).
YES = {
    "ja",
    "j",
    "x",
    "v",
    "y",
    "yes",
    "1",
    "true",
    "waar",
    "aanwezig",
    "aanw",
    "gedaan",
    "ok",
    "oke",
    "oké",
    "+",
    "\u2713",
    "\u2714",
    "\u2705",
    "\u2611",
    "\u2612",
    "\u221a",
    "\U0001f5f8",
    "\U0001f44d",
    "ü",
    "þ",
    "ý",
}
NO = {
    "nee",
    "n",
    "no",
    "0",
    "false",
    "onwaar",
    "afwezig",
    "afw",
    "afgemeld",
    "ziek",
    "niet",
    "-",
    "\u2013",
    "\u2014",
    "\u2717",
    "\u2718",
    "\u274c",
    "\u274e",
    "\u2610",
    "\U0001f44e",
    "û",
}
# What an emoji picker adds to a mark: the text or emoji look (U+FE0E, U+FE0F), a joiner, a skin tone.
_DECORATION = re.compile("[\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff]")


@dataclass(frozen=True)
class Row:
    name: str
    present: str  # 'ja', 'nee' or '' (not filled in); other text as typed
    homework: str  # the same, '' where the sheet has no homework column


@dataclass(frozen=True)
class Sheet:
    meeting: int
    rows: list[Row]
    homework: bool  # whether the sheet asks whether homework was done
    unknown: list[str]  # marks neither yes nor no, with their place: "blad Aanwezigheid, rij 7, kolom C: 'deels'"


class NotAnAgenda(Exception):
    """The workbook is not a meeting's agenda made by desi-pack; the message says why, in Dutch."""


def read(data: bytes, name: str) -> Sheet:
    """The attendance sheet of an agenda workbook (`name`: its file name, for the meeting's number)."""
    with quiet():
        try:
            book = open_book(data)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
            raise NotAnAgenda("de werkmap is beschadigd of met een wachtwoord beveiligd") from err
        if SHEET not in book.sheetnames:
            raise NotAnAgenda("geen agenda van een bijeenkomst (er is geen blad 'Aanwezigheid')")
        rows = [[_as_typed(value) for value in row] for row in whole(book[SHEET]).iter_rows(values_only=True)]
        book.close()
    title = str(rows[0][0]) if rows and rows[0] and rows[0][0] else ""
    number = re.search(r"bijeenkomst[-_ ]?(\d+)", f"{title} {name}", re.IGNORECASE)
    if not number:
        raise NotAnAgenda("niet te zien bij welke bijeenkomst deze aanwezigheid hoort")
    head = next((i for i, row in enumerate(rows) if "Naam" in row and "Aanwezig" in row), None)
    if head is None:
        raise NotAnAgenda("het blad 'Aanwezigheid' heeft geen kolommen Naam en Aanwezig")
    columns = [str(value or "").strip() for value in rows[head]]
    at = {title: index for index, title in enumerate(columns)}
    homework = "Huiswerk gedaan" in at
    found, unknown = [], []
    for offset, row in enumerate(rows[head + 1 :], start=head + 2):
        cells = list(row) + [None] * len(columns)
        name_ = str(cells[at["Naam"]] or "").strip()
        if not name_ or name_ == "Aantal aanwezig":
            continue
        present = _yes_no(cells[at["Aanwezig"]])
        done = _yes_no(cells[at["Huiswerk gedaan"]]) if homework else ""
        for title, value in (("Aanwezig", present), ("Huiswerk gedaan", done)):
            if value not in ("ja", "nee", ""):
                unknown.append(f"blad {SHEET}, rij {offset}, kolom {get_column_letter(at[title] + 1)}: '{value}'")
        found.append(Row(name_, present, done))
    return Sheet(int(number.group(1)), found, homework, unknown)


def _yes_no(value) -> str:
    """'ja', 'nee', '' for an empty cell, or the mark as typed when it is neither."""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (int, float)) and value in (0, 1):  # 1 typed in a cell is a number
        return "ja" if value == 1 else "nee"
    text = str(value if value is not None else "").strip()
    mark = _mark(text)
    if mark in YES or re.match(r"(?:ja|aanwezig)\b", mark):  # 'ja (laat)'
        return "ja"
    if mark in NO or re.match(r"(?:nee|afwezig|afgemeld|ziek)\b", mark):  # 'nee (ziek)'
        return "nee"
    return text


def _mark(text: str) -> str:
    """A mark as compared: compatibility forms unified, emoji decoration left out, no capitals, no
    full stop ('Ja.', '✔️' is '✔', '👍🏽' is '👍')."""
    return _DECORATION.sub("", unicodedata.normalize("NFKC", text)).strip().rstrip(".!").casefold()


def _as_typed(value):
    """A cell as the trainer typed it, without what no one types (text.CONTROL), as in a form."""
    value = typed(value)
    return tidy(without_control(value)) if isinstance(value, str) else value
