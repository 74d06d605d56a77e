"""Cells of the workbooks desi-pack writes: only desi-pack's own formulas are formulas.

openpyxl stores every string that starts with "=" as a formula, so a participant named
`=HYPERLINK(…)` would become a working link and `=1+1` would show 2 (CWE-1236). Here a
formula is said explicitly (`Formula`, written with `write`), and `seal` turns every other
"formula" of a workbook back into the text that was typed, with Excel's quote prefix so
that editing the cell keeps it text.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import cast

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Formula:
    """A formula of desi-pack's own, such as '=SUM(E10:E20)'."""

    text: str


# Beside each workbook rather than an attribute of our own on openpyxl's object; gone with the workbook.
_OWN: weakref.WeakKeyDictionary[Workbook, set[tuple[int, str]]] = weakref.WeakKeyDictionary()


def _own(book: Workbook | None) -> set[tuple[int, str]]:
    """The (sheet id, coordinate) of every formula desi-pack wrote into `book`."""
    if book is None:  # a sheet on its own, in no workbook: openpyxl never makes one
        raise ValueError("a sheet outside a workbook")
    return _OWN.setdefault(book, set())


def write(sheet: Worksheet, row: int, column: int, value=None) -> Cell:
    """Put `value` in a cell and return the cell: a Formula as a formula, anything else as given."""
    cell = cast(Cell, sheet.cell(row=row, column=column))  # desi-pack writes no cell inside a merge
    if isinstance(value, Formula):
        cell.value = value.text
        _own(sheet.parent).add((id(sheet), cell.coordinate))
    else:
        cell.value = value
    return cell


def is_formula(cell: Cell) -> bool:
    """Whether the cell holds one of desi-pack's own formulas."""
    return (id(cell.parent), cell.coordinate) in _own(cell.parent.parent)


def seal(book: Workbook) -> None:
    """Store every string that openpyxl took for a formula, but desi-pack did not write as one, as text."""
    own = _own(book)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and (id(sheet), cell.coordinate) not in own:
                    cell.data_type = "s"
                    cell.quotePrefix = True
