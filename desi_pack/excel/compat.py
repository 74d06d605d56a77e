"""The insides of openpyxl that desi-pack needs and openpyxl offers no public way to: here, once.

Each is a name with a leading underscore that a minor release of openpyxl may rename or drop;
tests/excel/test_compat.py fails, naming the one that changed, before a workbook comes out wrong.
"""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook


def set_default_font(book: Workbook, font: Font) -> None:
    """Make `font` the workbook's default (styles.xml's font 0): every cell without a font of its own
    prints in it. openpyxl keeps a workbook's fonts in a list whose first is the default."""
    book._fonts = IndexedList([font])  # type: ignore[attr-defined]


def sheet_xml(sheet) -> bytes:
    """The XML of a read-only worksheet (openpyxl's ReadOnlyWorksheet) as it is in the file.

    A read-only sheet reads its part from the zip on demand; what the values alone do not say
    (hidden rows, formulas without a value, error cells) is read from this."""
    with sheet._get_source() as source:
        return source.read()
