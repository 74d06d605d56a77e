"""Small pieces of WordprocessingML that python-docx has no API for (table cells and rows).

Shared by the form builder and by scripts/maak_sjablonen.py, which makes the templates.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def shade(cell, fill: str) -> None:
    """Fill a table cell with a colour ('DCE9EC'), or a Jinja expression for docxtpl."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_together(row) -> None:
    """Never split this row over two pages."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def bottom_line(cell, style: str = "dotted") -> None:
    """A line under the cell to write on (the rest of the cell keeps the table's borders)."""
    tcpr = cell._tc.get_or_add_tcPr()
    element = OxmlElement("w:tcBorders")
    border = OxmlElement("w:bottom")
    border.set(qn("w:val"), style)
    border.set(qn("w:sz"), "6")
    border.set(qn("w:color"), "808080")
    element.append(border)
    tcpr.append(element)
