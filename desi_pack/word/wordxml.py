"""WordprocessingML written directly: paragraphs, runs, tables, rows, cells and sections.

The one builder of Word XML for every document desi-pack writes, and for the two touches
scripts/maak_sjablonen.py gives python-docx's tables in the templates (`shade`, `repeat_header`).
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


# --- fast building of paragraphs, runs, tables, rows and cells ----------------------
#
# The one builder of WordprocessingML for every document desi-pack writes (forms, homework,
# draaiboeks, print files, verwijskaart cards, certificates). python-docx finds the place of
# every property it sets by searching the schema's list of possible successors; a form of a
# few hundred cells spends most of its time there. These functions write each element
# straight away, children in the order the schema asks for, in this one place (ECMA-376
# Part 1: pPr §17.3.1.26, rPr §17.3.2.28, tblPr §17.4.60, trPr §17.4.82, tcPr §17.4.70,
# sectPr §17.6.17). The elements are made under a python-docx element, so python-docx's
# classes still apply to them. Lengths in cm, letter sizes in pt; XML values are strings.

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _R, _T, _PPR, _RPR = (f"{{{W}}}{tag}" for tag in ("p", "r", "t", "pPr", "rPr"))
_VAL = f"{{{W}}}val"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SECTPR = f"{{{W}}}sectPr"
TWIPS_PER_CM = 1440 / 2.54  # a twip is 1/20 pt, 1/1440 inch
EMU_PER_CM = 360000
CELL_SIDE_CM = 0.19  # Word's own left and right cell margin (108 twips)
CELL_PAD_CM = page.CELL_PAD_CM  # room above and below a cell's text


def w(tag: str) -> str:
    """The qualified name of a WordprocessingML element or attribute: w('p') -> '{…/main}p'."""
    return f"{{{W}}}{tag}"


def sub(parent, tag: str, **attrs):
    """A new last child `w:<tag>` of parent, with attributes w:<name>=str(value) in the order given."""
    element = etree.SubElement(parent, w(tag))
    for name, value in attrs.items():
        element.set(w(name), str(value))
    return element


def _place(parent, element, at: int | None = None):
    """Put a block in a body (before its section properties) or a cell; or at index `at` of parent."""
    if at is not None:
        parent.insert(at, element)
        return element
    last = parent[-1] if len(parent) else None
    if last is not None and last.tag == _SECTPR:
        last.addprevious(element)
    else:
        parent.append(element)
    return element


def twips(cm: float) -> str:
    """A length in twips as python-docx writes Cm(cm) (rounded through EMU)."""
    return str(round(int(cm * EMU_PER_CM) / 635))


def cm_of(value: str | None, default: float = 0.0) -> float:
    """A length in twips ('4819', as read from the XML) in cm; `default` where there is none."""
    return int(value) / TWIPS_PER_CM if value is not None else default


def paragraph(
    parent,
    text: str = "",
    *,
    style: str | None = None,
    keep_next: bool = False,
    tab_cm: float | None = None,
    before_pt: float | None = None,
    after_pt: float | None = None,
    line_pt: float | None = None,
    indent_cm: float | None = None,
    hanging_cm: float | None = None,
    align: str | None = None,
    bold: bool = False,
    size_pt: float | None = None,
    at: int | None = None,
):
    """A paragraph at the end of a body or cell (or at index `at`); with text, one run of it.

    `tab_cm` a left tab stop; `line_pt` an exact line height; `indent_cm` the left indent, with the
    first line `hanging_cm` to the left of it; `align` 'center' and the like.
    """
    p = parent.makeelement(_P, {})
    if (
        style
        or keep_next
        or align
        or any(value is not None for value in (tab_cm, before_pt, after_pt, line_pt, indent_cm))
    ):
        ppr = etree.SubElement(p, _PPR)
        if style:
            sub(ppr, "pStyle", val=style)
        if keep_next:
            sub(ppr, "keepNext")
        if tab_cm is not None:
            sub(sub(ppr, "tabs"), "tab", val="left", pos=twips(tab_cm))
        if before_pt is not None or after_pt is not None or line_pt is not None:
            spacing = sub(ppr, "spacing")
            if before_pt is not None:
                spacing.set(w("before"), str(round(before_pt * 20)))
            if after_pt is not None:
                spacing.set(w("after"), str(round(after_pt * 20)))
            if line_pt is not None:  # in python-docx's order
                spacing.set(w("lineRule"), "exact")
                spacing.set(w("line"), str(round(line_pt * 20)))
        if indent_cm is not None:
            ind = sub(ppr, "ind", left=twips(indent_cm))
            if hanging_cm is not None:
                ind.set(w("hanging"), twips(hanging_cm))
        if align:
            sub(ppr, "jc", val=align)
    _place(parent, p, at)
    if text:
        run(p, text, bold=bold, size_pt=size_pt)
    return p


def page_break(parent):
    """A paragraph that ends the page, as python-docx's add_page_break writes it."""
    p = paragraph(parent)
    sub(sub(p, "r"), "br", type="page")
    return p


def tiny_paragraph(parent, *, style: str | None = None, at: int | None = None):
    """The paragraph Word requires after a table (at the end of a body or cell, or where a section
    ends), one point high: it cannot push a page over."""
    return paragraph(parent, style=style, before_pt=0, after_pt=0, line_pt=1, at=at)


def run(
    p,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    color: str | None = None,
    size_pt: float | None = None,
    size_cs: bool = False,
    fill: str | None = None,
):
    """A run of text as python-docx's add_run writes it: a tab is w:tab, a line break w:br.

    `color` and `fill` as hex ('1F5C6B'); `size_cs`: the size of complex scripts too (w:szCs), as
    Word writes a size chosen in its menu (the cards do; the forms have set w:sz only).
    """
    r = etree.SubElement(p, _R)
    if bold or italic or color or size_pt or fill:
        rpr = etree.SubElement(r, _RPR)
        if bold:
            sub(rpr, "b")
        if italic:
            sub(rpr, "i")
        if color:
            sub(rpr, "color", val=color)
        if size_pt:
            sub(rpr, "sz", val=round(size_pt * 2))
            if size_cs:
                sub(rpr, "szCs", val=round(size_pt * 2))
        if fill:
            sub(rpr, "shd", val="clear", color="auto", fill=fill)
    for piece in re.split(r"(\t|\r\n|\n|\r)", text):
        if piece == "\t":
            sub(r, "tab")
        elif piece in ("\n", "\r", "\r\n"):
            sub(r, "br")
        elif piece:
            t = etree.SubElement(r, _T)
            t.text = piece
            if piece.strip() != piece:
                t.set(_SPACE, "preserve")
    return r


# The elements of w:rPr that come after w:sz and w:szCs (ECMA-376 Part 1, §17.3.2.28).
_AFTER_SIZE = {
    w(name)
    for name in (
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    )
}


def set_size(element, size_pt: float) -> None:
    """Give every run in `element` the letter size `size_pt` (w:sz and w:szCs), in its place among
    the run's properties."""
    for r in element.iter(_R):
        rpr = r.find(_RPR)
        if rpr is None:
            rpr = r.makeelement(_RPR, {})
            r.insert(0, rpr)
        _set_size(rpr, size_pt)


def _set_size(rpr, size_pt: float) -> None:
    for old in [child for child in rpr if child.tag in (w("sz"), w("szCs"))]:
        rpr.remove(old)
    later = next((child for child in rpr if child.tag in _AFTER_SIZE), None)
    for name in ("sz", "szCs"):
        element = rpr.makeelement(w(name), {w("val"): str(round(size_pt * 2))})
        if later is not None:
            later.addprevious(element)
        else:
            rpr.append(element)


def table(
    parent,
    widths_cm: list[float],
    *,
    style: str | None = "TableGrid",
    width_cm: float | None = None,
    align: str | None = None,
    indent_cm: float | None = None,
    borders: tuple[str, int, str] | None = None,
    margins_cm: tuple[float, float] | None = (CELL_PAD_CM, CELL_SIDE_CM),
    look: bool = True,
):
    """A table of fixed column widths (cm), as python-docx's add_table with autofit off writes it.

    `width_cm` its width (else automatic); `align` on the page ('center'); `indent_cm` from the margin; `borders` (style, eighths of
    a point, colour) on every edge and between the cells; `margins_cm` (above and below, left and
    right) the room inside every cell, around its text; `look` the style's conditional formats.
    """
    tbl = parent.makeelement(w("tbl"), {})
    tblpr = sub(tbl, "tblPr")
    if style:
        sub(tblpr, "tblStyle", val=style)
    sub(
        tblpr,
        "tblW",
        type="dxa" if width_cm is not None else "auto",
        w=twips(width_cm) if width_cm is not None else "0",
    )
    if align:
        sub(tblpr, "jc", val=align)
    if indent_cm is not None:
        sub(tblpr, "tblInd", w=twips(indent_cm), type="dxa")
    if borders:
        kind, size, color = borders
        edges = sub(tblpr, "tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            sub(edges, edge, val=kind, sz=size, space=0, color=color)
    sub(tblpr, "tblLayout", type="fixed")
    if margins_cm is not None:
        edges = sub(tblpr, "tblCellMar")
        for side, cm in (
            ("top", margins_cm[0]),
            ("left", margins_cm[1]),
            ("bottom", margins_cm[0]),
            ("right", margins_cm[1]),
        ):
            sub(edges, side, w=twips(cm), type="dxa")
    if look:
        sub(
            tblpr,
            "tblLook",
            firstColumn="1",
            firstRow="1",
            lastColumn="0",
            lastRow="0",
            noHBand="0",
            noVBand="1",
            val="04A0",
        )
    grid = sub(tbl, "tblGrid")
    for cm in widths_cm:
        sub(grid, "gridCol", w=twips(cm))
    return _place(parent, tbl)


def row(tbl, *, height_cm: float | None = None, exact: bool = False, header: bool = False, together: bool = False):
    """A row: at least `height_cm` high (exactly, with `exact`), repeated on every page (header),
    never split over two pages (together)."""
    tr = sub(tbl, "tr")
    if height_cm or header or together:
        trpr = sub(tr, "trPr")
        if height_cm:
            height = sub(trpr, "trHeight", val=twips(height_cm))
            if exact:
                height.set(w("hRule"), "exact")
        if header:
            sub(trpr, "tblHeader")
        if together:
            sub(trpr, "cantSplit")
    return tr


def table_cell(
    tr,
    width_cm: float,
    *,
    span: int = 1,
    bottom: str | None = None,
    fill: str | None = None,
    margins_cm: tuple[float, float] | None = None,
    valign: str | None = None,
):
    """An empty cell (w:tc): `span` grid columns wide, a grey line of `bottom` ('single', 'dotted')
    under it, `fill` as hex, `margins_cm` (above, below) its own room around the text, its text at
    `valign` ('center', 'bottom'). Word wants a paragraph in every cell: the caller adds it."""
    tc = sub(tr, "tc")
    tcpr = sub(tc, "tcPr")
    sub(tcpr, "tcW", type="dxa", w=twips(width_cm))
    if span > 1:
        sub(tcpr, "gridSpan", val=str(span))
    if bottom:
        sub(sub(tcpr, "tcBorders"), "bottom", val=bottom, sz="6", color="808080")
    if fill:
        sub(tcpr, "shd", val="clear", color="auto", fill=fill)
    if margins_cm is not None:
        mar = sub(tcpr, "tcMar")
        for edge, cm in zip(("top", "bottom"), margins_cm):
            sub(mar, edge, w=twips(cm), type="dxa")
    if valign:
        sub(tcpr, "vAlign", val=valign)
    return tc


def cell(
    tr,
    width_cm: float,
    *,
    span: int = 1,
    fill: str | None = None,
    middle: bool = False,
    bottom: str | None = None,
    style: str | None = None,
    align: str | None = None,
    keep_next: bool = False,
    valign: str | None = None,
):
    """A cell with one paragraph; returns that paragraph (its parent is the cell). Its text sits at the
    top, or in the middle (`middle`), or where `valign` says ('bottom')."""
    tc = table_cell(tr, width_cm, span=span, bottom=bottom, fill=fill, valign=valign or ("center" if middle else None))
    return paragraph(tc, style=style, align=align, keep_next=keep_next)


def cell_width_cm(tc, default: float = 16.0) -> float:
    """The width of a cell (cm), as its w:tcW says; `default` where it says none."""
    width = tc.find(f"{w('tcPr')}/{w('tcW')}")
    return cm_of(width.get(w("w")) if width is not None else None, default)


def spacing(p, before_pt: float, after_pt: float) -> None:
    """Room above and below a paragraph that exists (a cell's), its other properties kept."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    element = ppr.find(w("spacing"))
    if element is None:
        element = ppr.makeelement(w("spacing"), {})
        following = next((child for child in ppr if child.tag in _AFTER_SPACING), None)
        if following is not None:
            following.addprevious(element)
        else:
            ppr.append(element)
    element.set(w("before"), str(round(before_pt * 20)))
    element.set(w("after"), str(round(after_pt * 20)))


# The elements of w:pPr that come after w:spacing (ECMA-376 Part 1, §17.3.1.26).
_AFTER_SPACING = {
    w(name)
    for name in (
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    )
}


# --- sections -------------------------------------------------------------------------


def page_setup(
    sect,
    size_cm: tuple[float, float],
    side_cm: float,
    top_cm: float,
    bottom_cm: float,
    distances_cm: tuple[float, float] | None = None,
) -> None:
    """Paper (width, height) and margins in a section's properties (w:sectPr, which has w:pgSz and
    w:pgMar); `distances_cm` those of header and footer from the edge. Landscape where wider."""
    width, height = size_cm
    pg_sz = sect.find(w("pgSz"))
    pg_sz.set(w("w"), str(round(width * TWIPS_PER_CM)))
    pg_sz.set(w("h"), str(round(height * TWIPS_PER_CM)))
    if width > height:
        pg_sz.set(w("orient"), "landscape")
    else:
        pg_sz.attrib.pop(w("orient"), None)
    pg_mar = sect.find(w("pgMar"))
    for name, cm in (("left", side_cm), ("right", side_cm), ("top", top_cm), ("bottom", bottom_cm)):
        pg_mar.set(w(name), str(round(cm * TWIPS_PER_CM)))
    if distances_cm:
        pg_mar.set(w("header"), str(round(distances_cm[0] * TWIPS_PER_CM)))
        pg_mar.set(w("footer"), str(round(distances_cm[1] * TWIPS_PER_CM)))


def paper_cm(sect) -> tuple[float, float]:
    """A section's paper (width, height) in cm, to a millimetre."""
    size = sect.find(w("pgSz"))
    return round(cm_of(size.get(w("w"), "0")), 1), round(cm_of(size.get(w("h"), "0")), 1)


def bookmark(p, name: str, number: int) -> None:
    """A bookmark `name` (id `number`) at the start of a paragraph, after its properties."""
    start = p.makeelement(w("bookmarkStart"), {w("id"): str(number), w("name"): name})
    end = p.makeelement(w("bookmarkEnd"), {w("id"): str(number)})
    ppr = p.find(_PPR)
    index = 0 if ppr is None else p.index(ppr) + 1
    p.insert(index, start)
    p.insert(index + 1, end)
