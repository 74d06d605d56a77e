"""The A4 page of the Word documents desi-pack makes, in one place.

scripts/maak_sjablonen.py makes the templates with these measures, instruments.py sets a form's
paper with them, and documents.py plans a homework sheet's pages with them: change a measure here
and run the script, and the three agree. All lengths in cm, font sizes in pt.
"""

from __future__ import annotations

import textwrap

A4_CM = (21.0, 29.7)
SIDE_MARGIN_CM = 1.8  # one margin for every document of a print file: the header stays in place
TOP_MARGIN_CM = 2.0
HEADER_DISTANCE_CM = 1.0
FOOTER_DISTANCE_CM = 0.9
# The footer is three lines of 7.5 pt (about 1.0 cm): the body ends half a centimetre above it.
FOOTER_AIR_CM = 0.5
BOTTOM_MARGIN_CM = FOOTER_DISTANCE_CM + 1.0 + FOOTER_AIR_CM
TEXT_WIDTH_CM = A4_CM[0] - 2 * SIDE_MARGIN_CM

# The header: the organisation's name at 9 pt, or the logo's box beside it, then room before the title.
HEADER_AFTER_PT = 10.0
WRITING_LINE_CM = 0.8  # a writing line of the homework sheet: room for one handwritten line
LOGO_HEIGHT_CM = 1.0
PT_CM = 2.54 / 72


def line_cm(size_pt: float, spacing: float = 1.1) -> float:
    """The height of one line of text at `size_pt` (Arial: 1.15 times its size), times the line `spacing`."""
    return size_pt * 1.15 * spacing * PT_CM


def body_top_cm(logo: bool) -> float:
    """Where the body starts: the top margin, or lower where the header (with a logo) is taller."""
    header = (LOGO_HEIGHT_CM * 1.1 if logo else line_cm(9)) + HEADER_AFTER_PT * PT_CM
    return max(TOP_MARGIN_CM, HEADER_DISTANCE_CM + header)


def body_height_cm(logo: bool) -> float:
    """The height of the body of an A4 page, between header and footer."""
    return A4_CM[1] - body_top_cm(logo) - BOTTOM_MARGIN_CM


def text_lines(text: str, width_cm: float, size_pt: float, bold: bool = False) -> int:
    """How many lines `text` takes in a column `width_cm` wide, at `size_pt` in Arial, words wrapping
    whole. Measured as LibreOffice sets Arial (an average letter of 0.47 em, a bold one 0.52 em): a plan
    made with it keeps a margin of its own (documents.PAGE_SAFETY, SPLIT_PART_CM)."""
    letter_cm = size_pt * PT_CM * (0.52 if bold else 0.47)
    per_line = max(10, int(width_cm / letter_cm))
    return max(1, len(textwrap.wrap(text, per_line)))


# The draaiboek's agenda: Van–tot, Wat, Tijd, Bijzonderheden, §; its text is 9.5 pt.
AGENDA_COLUMNS_CM = (2.3, 4.6, 1.8, 6.7, 2.0)
TABLE_TEXT_PT = 9.5
CELL_SIDES_CM = 0.38  # a cell's left and right margin together
# Room above a cell's text, inside its border: Word's and LibreOffice's own is none, and a statement then
# touches the line above it. Below the text, its paragraph's own room after it (2 pt) is enough.
CELL_PAD_CM = 0.08
# A row up to this high stays whole on its page; a taller one may split (two lines at least on each
# page), so that it does not leave a fifth of a page empty above it.
WHOLE_ROW_CM = 5.0
SPLIT_PART_CM = 2.0  # a row that splits leaves five lines at least on each page (estimated)


def cell_height_cm(
    paragraphs: list[str],
    width_cm: float,
    size_pt: float = TABLE_TEXT_PT,
    bold: bool = False,
    padding_cm: float = CELL_PAD_CM,
) -> float:
    """The height of a table cell (paragraphs of one line spacing, 2 pt apart, `padding_cm` above them)
    in a column `width_cm` wide."""
    lines = sum(text_lines(p, width_cm - CELL_SIDES_CM, size_pt, bold) for p in paragraphs)
    return lines * line_cm(size_pt, 1.0) + len(paragraphs) * 2 * PT_CM + padding_cm


def paragraph_cm(
    text: str,
    size_pt: float,
    before_pt: float = 0,
    after_pt: float = 4,
    bold: bool = False,
    spacing: float = 1.1,
    width_cm: float = TEXT_WIDTH_CM,
) -> float:
    """The height of a paragraph of the body: its lines and the room before and after it."""
    return text_lines(text, width_cm, size_pt, bold) * line_cm(size_pt, spacing) + (before_pt + after_pt) * PT_CM
