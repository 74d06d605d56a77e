"""Attendance as the trainer ticked it in each meeting's Excel agenda (sheet 'Aanwezigheid')."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

from desi_pack.excel.reading import open_book, quiet, typed, whole

SHEET = "Aanwezigheid"
YES = {"ja", "j", "x", "v", "y", "yes", "1", "true", "waar", "aanwezig", "\u2713", "\u2714", "\u2612", "gedaan"}
NO = {"nee", "n", "0", "false", "onwaar", "afwezig", "-", "niet"}


@dataclass(frozen=True)
class Row:
    name: str
    present: str   # 'ja', 'nee' or '' (not filled in); other text as typed
    homework: str  # the same, '' where the sheet has no homework column


@dataclass(frozen=True)
class Sheet:
    meeting: int
    rows: list[Row]
    homework: bool  # whether the sheet asks whether homework was done
    unknown: list[str]  # values neither yes nor no, with their place: "'deels' (rij 7)"


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
        rows = [[typed(value) for value in row] for row in whole(book[SHEET]).iter_rows(values_only=True)]
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
    for offset, row in enumerate(rows[head + 1:], start=head + 2):
        cells = list(row) + [None] * len(columns)
        name_ = str(cells[at["Naam"]] or "").strip()
        if not name_ or name_ == "Aantal aanwezig":
            continue
        present = _yes_no(cells[at["Aanwezig"]])
        done = _yes_no(cells[at["Huiswerk gedaan"]]) if homework else ""
        unknown += [f"'{value}' (rij {offset})" for value in (present, done) if value not in ("ja", "nee", "")]
        found.append(Row(name_, present, done))
    return Sheet(int(number.group(1)), found, homework, unknown)


def _yes_no(value) -> str:
    text = str(value if value is not None else "").strip()
    if text.casefold() in YES or value is True or re.match(r"ja\b", text.casefold()):  # 'ja (laat)'
        return "ja"
    if text.casefold() in NO or value is False:
        return "nee"
    return text
