"""Small pieces of WordprocessingML that python-docx has no API for (table cells and rows).

Shared by the form builder and by scripts/maak_sjablonen.py, which makes the templates.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from desi_pack.word import page
from desi_pack.word.compat import element_of


def shade(cell, fill: str) -> None:
    """Fill a table cell with a colour ('DCE9EC'), or a Jinja expression for docxtpl."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element_of(cell).get_or_add_tcPr().append(shd)


def repeat_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    element_of(row).get_or_add_trPr().append(OxmlElement("w:tblHeader"))


# --- fast building of paragraphs and tables -----------------------------------------
#
# python-docx finds the place of every property it sets by searching the schema's list of
# possible successors; a form of a few hundred cells spends most of its time there. These
# functions write each element straight away, children in the order the schema asks for
# (ECMA-376 Part 1: pPr §17.3.1.26, rPr §17.3.2.28, tcPr §17.4.70). The elements are made
# under a python-docx element, so python-docx's classes still apply to them.

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _R, _T, _PPR, _RPR = (f"{{{W}}}{tag}" for tag in ("p", "r", "t", "pPr", "rPr"))
_VAL = f"{{{W}}}val"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SECTPR = f"{{{W}}}sectPr"
TWIPS_PER_CM = 567  # what python-docx's grid uses; Cm() for cells rounds through EMU


def _sub(parent, tag: str, **attrs):
    element = etree.SubElement(parent, f"{{{W}}}{tag}")
    for name, value in attrs.items():
        element.set(f"{{{W}}}{name}", value)
    return element


def _place(parent, element):
    """Append a block to a body (before its section properties) or to a cell."""
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == _SECTPR:
        last.addprevious(element)
    else:
        parent.append(element)
    return element


def twips(cm: float) -> str:
    """A length in twips as python-docx writes Cm(cm) (through EMU)."""
    return str(round(int(cm * 360000) / 635))


def paragraph(parent, text: str = "", *, style: str | None = None, keep_next: bool = False,
              before_pt: float | None = None, after_pt: float | None = None,
              indent_cm: float | None = None, hanging_cm: float | None = None,
              align: str | None = None, bold: bool = False, size_pt: float | None = None):
    """A paragraph at the end of a body or cell; with text, one run of it."""
    p = parent.makeelement(_P, {})
    if style or keep_next or align or any(value is not None for value in (before_pt, after_pt, indent_cm)):
        ppr = etree.SubElement(p, _PPR)
        if style:
            _sub(ppr, "pStyle", val=style)
        if keep_next:
            _sub(ppr, "keepNext")
        if before_pt is not None or after_pt is not None:
            spacing = _sub(ppr, "spacing")
            if before_pt is not None:
                spacing.set(f"{{{W}}}before", str(round(before_pt * 20)))
            if after_pt is not None:
                spacing.set(f"{{{W}}}after", str(round(after_pt * 20)))
        if indent_cm is not None:
            ind = _sub(ppr, "ind", left=twips(indent_cm))
            if hanging_cm is not None:
                ind.set(f"{{{W}}}hanging", twips(hanging_cm))
        if align:
            _sub(ppr, "jc", val=align)
    _place(parent, p)
    if text:
        run(p, text, bold=bold, size_pt=size_pt)
    return p


def run(p, text: str, *, bold: bool = False, size_pt: float | None = None):
    """A run of text as python-docx's add_run writes it: a tab is w:tab, a line break w:br."""
    r = etree.SubElement(p, _R)
    if bold or size_pt:
        rpr = etree.SubElement(r, _RPR)
        if bold:
            _sub(rpr, "b")
        if size_pt:
            _sub(rpr, "sz", val=str(round(size_pt * 2)))
    for piece in re.split(r"(\t|\r\n|\n|\r)", text):
        if piece == "\t":
            _sub(r, "tab")
        elif piece in ("\n", "\r", "\r\n"):
            _sub(r, "br")
        elif piece:
            t = etree.SubElement(r, _T)
            t.text = piece
            if piece.strip() != piece:
                t.set(_SPACE, "preserve")
    return r


CELL_SIDE_CM = 0.19  # Word's own left and right cell margin (108 twips)
CELL_PAD_CM = page.CELL_PAD_CM  # room above and below a cell's text


def table(parent, widths_cm: list[float], *, style: str | None = "TableGrid", padding_cm: float = CELL_PAD_CM):
    """A table of fixed column widths, as python-docx's add_table with autofit off writes it, with
    `padding_cm` of room (cm) above and below the text of every cell, inside its border."""
    tbl = parent.makeelement(f"{{{W}}}tbl", {})
    tblpr = _sub(tbl, "tblPr")
    if style:
        _sub(tblpr, "tblStyle", val=style)
    _sub(tblpr, "tblW", type="auto", w="0")
    _sub(tblpr, "tblLayout", type="fixed")
    if padding_cm:
        margins = _sub(tblpr, "tblCellMar")
        for side, cm in (("top", padding_cm), ("left", CELL_SIDE_CM), ("bottom", padding_cm),
                         ("right", CELL_SIDE_CM)):
            _sub(margins, side, w=twips(cm), type="dxa")
    _sub(tblpr, "tblLook", firstColumn="1", firstRow="1", lastColumn="0", lastRow="0", noHBand="0",
         noVBand="1", val="04A0")
    grid = _sub(tbl, "tblGrid")
    for cm in widths_cm:
        _sub(grid, "gridCol", w=str(int(cm * TWIPS_PER_CM)))
    return _place(parent, tbl)


def row(tbl, *, height_cm: float | None = None, header: bool = False, together: bool = False):
    """A row: repeated on every page (header), at least `height_cm` high, never split (together)."""
    tr = _sub(tbl, "tr")
    if height_cm or header or together:
        trpr = _sub(tr, "trPr")
        if height_cm:
            _sub(trpr, "trHeight", val=twips(height_cm))
        if header:
            _sub(trpr, "tblHeader")
        if together:
            _sub(trpr, "cantSplit")
    return tr


def cell(tr, width_cm: float, *, span: int = 1, fill: str | None = None, middle: bool = False,
         bottom: str | None = None, style: str | None = None, align: str | None = None,
         keep_next: bool = False, valign: str | None = None):
    """A cell with one paragraph; returns that paragraph (its parent is the cell). Its text sits at the
    top, or in the middle (`middle`), or where `valign` says ('bottom')."""
    tc = _sub(tr, "tc")
    tcpr = _sub(tc, "tcPr")
    _sub(tcpr, "tcW", type="dxa", w=twips(width_cm))
    if span > 1:
        _sub(tcpr, "gridSpan", val=str(span))
    if bottom:
        _sub(_sub(tcpr, "tcBorders"), "bottom", val=bottom, sz="6", color="808080")
    if fill:
        _sub(tcpr, "shd", val="clear", color="auto", fill=fill)
    if middle or valign:
        _sub(tcpr, "vAlign", val=valign or "center")
    return paragraph(tc, style=style, align=align, keep_next=keep_next)
