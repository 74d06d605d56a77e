"""Row heights: how many lines a cell's text wraps to, and how high its row must be to print it whole.

openpyxl does not measure text, and Excel and LibreOffice print a row as high as the file says: a row
too low cuts its last lines off on paper. So the text is measured with Arial's own letter widths
(LibreOffice prints Arial in Liberation Sans, which has the same widths), wrapped at its spaces in a
column as narrow as Excel makes it, and given the line height of the program that spaces lines widest.
Each of these is on the safe side of both programs, so a row has a little room to spare in each.
"""

from __future__ import annotations

import math
import unicodedata

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desi_pack.excel.cells import is_formula

# fmt: off
# Arial's advance widths in thousandths of the font size, for ' ' to '~' (italic has the same widths).
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
    722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
    278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778,
    722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
    278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584)
# fmt: on
# Signs beyond ASCII that desi-pack's own texts use, the wider of regular and bold.
_OTHER = {
    "\u00a0": 278,
    "•": 350,
    "–": 556,
    "—": 1000,
    "‘": 278,
    "’": 278,
    "“": 500,
    "”": 500,
    "„": 500,
    "…": 1000,
    "€": 556,
    "§": 556,
    "°": 400,
    "±": 584,
    "×": 584,
}
WIDEST = 1000  # any other letter (not a Latin one with an accent): counted as wide as the font size

FONT_PT = 10.0  # the workbooks' own size (their default font)
# Excel makes a unit of column width 7 pixels at 96 dpi, the width of a digit of Arial 10 (LibreOffice 7.4
# and 25.2 make it 5.55 pt); the cell keeps some of it free at either side.
UNIT_PT, SIDES_PT = 5.25, 4.0
INDENT_PT = 9.0  # a step of indent
# Text is wrapped as if the column were 4% narrower still: Excel prints letters at their exact widths
# in the column its screen's pixels gave, and a word that does not fit costs a whole line. (In
# LibreOffice, whose columns are 6% wider, a long text then leaves a line or two free.)
WIDTH_SPARE = 0.96
# A line of Arial is 1.12 times its size in LibreOffice, 1.12 to 1.2 in Excel (whole pixels on screen).
LINE_FACTOR = 1.2
ROOM_PT = 3.0  # above and below the text


def text_width(text: str, size: float = FONT_PT, bold: bool = False) -> float:
    """The width of `text` on one line in Arial at `size` pt, in pt."""
    return sum(_letter(c, bold) for c in text) * size / 1000


def _letter(c: str, bold: bool) -> int:
    if " " <= c <= "~":
        return (_BOLD if bold else _REGULAR)[ord(c) - 32]
    if c in _OTHER:
        return _OTHER[c]
    base = unicodedata.normalize("NFD", c)[0]  # é as e, ı as ı
    return _letter(base, bold) if base != c else WIDEST


def wrapped_lines(text: str, width_pt: float, size: float = FONT_PT, bold: bool = False) -> int:
    """The lines `text` takes in a cell whose text is `width_pt` wide, each of its lines wrapping at
    spaces (a word wider than the cell at its letters), counted as the narrowest program wraps."""
    room = max(width_pt * WIDTH_SPARE, size)
    space = text_width(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        used = None  # the width of the line being filled; None before its first word
        for word in paragraph.split(" "):
            width = text_width(word, size, bold)
            if used is not None and used + space + width <= room:
                used += space + width
                continue
            lines += 1
            if width > room:  # broken at its letters over whole lines
                lines += math.ceil(width / room) - 1
                width = width - (math.ceil(width / room) - 1) * room
            used = width
        lines += used is None  # an empty line
    return max(lines, 1)


def row_height(lines: int, size: float = FONT_PT) -> float:
    """The height in pt of a row that holds `lines` lines of text at `size` pt."""
    return round(lines * size * LINE_FACTOR + ROOM_PT, 1)


def cell_width(sheet: Worksheet, cell: Cell) -> float:
    """The width in pt that the text of `cell` has: its column's, or its merged columns' together."""
    columns = range(cell.column, cell.column + 1)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row == cell.row and merged.min_col == cell.column:
            columns = range(merged.min_col, merged.max_col + 1)
    units = sum(sheet.column_dimensions[get_column_letter(c)].width or 8.43 for c in columns)
    indent = (cell.alignment.indent or 0) * INDENT_PT
    return units * UNIT_PT - SIDES_PT - indent


def fit_height(sheet: Worksheet, row: int, at_least: float = 0) -> None:
    """Make `row` as high as the text of its highest cell needs (wrapping cells wrap, at their own font
    size), and `at_least` pt high."""
    needed = at_least
    for cell in sheet[row]:
        if cell.value is None:
            continue
        size, bold = cell.font.sz or FONT_PT, bool(cell.font.b)
        lines = 1
        if isinstance(cell.value, str) and cell.alignment.wrap_text and not is_formula(cell):
            lines = wrapped_lines(cell.value, cell_width(sheet, cell), size, bold)
        needed = max(needed, row_height(lines, size))
    sheet.row_dimensions[row].height = needed or row_height(1)
