"""Make the built-in Word templates in templates/ (run once; the .docx files are the source).

A trainer restyles these in Word; this script is kept so that the house style of the
built-in templates can be changed in one place and regenerated:

    python scripts/maak_sjablonen.py

The Jinja tags are docxtpl's: {%tr %} repeats a table row, {%p %} a paragraph,
{% cellbg %} colours a cell. Each tag sits in a run of its own so Word cannot split it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from desi_pack.word import page
from desi_pack.word.controls import dotted_line
from desi_pack.word.wordxml import CELL_PAD_CM, CELL_SIDE_CM, repeat_header, shade, twips

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ACCENT = RGBColor(0x1F, 0x5C, 0x6B)  # dark teal
GREY = RGBColor(0x59, 0x59, 0x59)
FONT = "Arial"
LANGUAGE = "nl-NL"


# --- building blocks -------------------------------------------------------------


def new_document() -> Document:
    """An A4 document with the measures of desi_pack/word/page.py."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(page.A4_CM[0]), Cm(page.A4_CM[1])
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(page.SIDE_MARGIN_CM))
    section.top_margin, section.bottom_margin = Cm(page.TOP_MARGIN_CM), Cm(page.BOTTOM_MARGIN_CM)
    section.header_distance = Cm(page.HEADER_DISTANCE_CM)
    section.footer_distance = Cm(page.FOOTER_DISTANCE_CM)
    _styles(doc)
    _dutch(doc)
    return doc


def _dutch(doc: Document) -> None:
    """Dutch (nl-NL) as the proofing language: Word and LibreOffice check spelling and hyphenate in Dutch."""
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), LANGUAGE)
    settings = doc.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
    doc.core_properties.language = LANGUAGE


def _styles(doc: Document) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, before in (("Title", 20, 0), ("Heading 1", 14, 14), ("Heading 2", 12, 10)):
        style = styles[name]
        _font(style)
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = ACCENT
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    title = styles["Title"]
    title.paragraph_format.space_after = Pt(2)
    _no_border(title)
    subtitle = styles["Subtitle"]
    _font(subtitle)
    subtitle.font.name = FONT
    subtitle.font.size = Pt(12)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(10)
    table_text = styles.add_style("Tabeltekst", 1)
    table_text.base_style = normal
    table_text.font.size = Pt(9.5)
    table_text.paragraph_format.space_after = Pt(2)
    table_text.paragraph_format.line_spacing = 1.0
    table_text.paragraph_format.widow_control = True  # a row that splits leaves two lines on each page
    # A row that may split does so between its paragraphs, never in the middle of a sentence.
    table_text.paragraph_format.keep_together = True
    note = styles.add_style("Toelichting", 1)
    note.base_style = normal
    note.font.size = Pt(9.5)
    note.font.italic = True
    note.font.color.rgb = GREY
    warning = styles.add_style("Waarschuwing", 1)
    warning.base_style = normal
    warning.font.bold = True
    warning.font.color.rgb = RGBColor(0xA4, 0x1E, 0x22)
    question = styles.add_style("Vraag", 1)
    question.base_style = normal
    question.font.bold = True
    question.paragraph_format.space_before = Pt(8)
    question.paragraph_format.keep_with_next = True
    footer = styles.add_style("Voettekst klein", 1)
    footer.base_style = normal
    footer.font.size = Pt(7.5)
    footer.font.color.rgb = GREY
    footer.paragraph_format.space_after = Pt(0)


def _font(style) -> None:
    """Use FONT for every script; the default styles point at theme fonts instead."""
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def par(container, text: str = "", style: str | None = None, bold: bool = False):
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a docxtpl tag ({%p ...%} or {%tr ...%})."""
    return par(container, text)


def cell_text(cell, text: str, style: str = "Tabeltekst", bold: bool = False):
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles[style]
    run = paragraph.add_run(text)
    run.bold = bold or None
    return paragraph


def keep_if(paragraph, condition: str) -> None:
    """<w:keepNext/> in the paragraph's properties only where the Jinja `condition` holds when rendered
    (in its place after w:pStyle, as the schema orders them)."""
    ppr = paragraph._p.get_or_add_pPr()
    keep = OxmlElement("w:keepNext")
    style = ppr.find(qn("w:pStyle"))
    if style is None:
        ppr.insert(0, keep)
        ppr.text = f"{{% if {condition} %}}"
    else:
        style.addnext(keep)
        style.tail = f"{{% if {condition} %}}"
    keep.tail = "{% endif %}"


def cell_par(cell, text: str, style: str = "Tabeltekst"):
    paragraph = cell.add_paragraph(style=style)
    paragraph.add_run(text)
    return paragraph


# Elements that follow w:tblBorders inside w:tblPr (ECMA-376 order); Word and the
# Open XML validator reject a tblPr whose children are out of this order.
_AFTER_TBL_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def borders(table, color: str = "A6A6A6", inside: bool = True, size: int = 4) -> None:
    tblpr = table._tbl.tblPr
    element = OxmlElement("w:tblBorders")
    edges = ["top", "left", "bottom", "right"] + (["insideH", "insideV"] if inside else [])
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{edge}")
        if edge in edges:
            border.set(qn("w:val"), "single")
            border.set(qn("w:sz"), str(size))
            border.set(qn("w:color"), color)
        else:
            border.set(qn("w:val"), "nil")
        element.append(border)
    successor = next((tblpr.find(qn(name)) for name in _AFTER_TBL_BORDERS if tblpr.find(qn(name)) is not None), None)
    if successor is not None:
        successor.addprevious(element)
    else:
        tblpr.append(element)


def padding(table, cm: float = CELL_PAD_CM) -> None:
    """Room above the text of every cell, inside its border (Word's own is none); below it, the room
    after its last paragraph (page.CELL_PAD_CM)."""
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, length in (("top", cm), ("left", CELL_SIDE_CM), ("bottom", 0.0), ("right", CELL_SIDE_CM)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), twips(length))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    successor = next(
        (tblpr.find(qn(name)) for name in _AFTER_TBL_BORDERS[3:] if tblpr.find(qn(name)) is not None), None
    )
    if successor is not None:
        successor.addprevious(margins)
    else:
        tblpr.append(margins)


def widths(table, cms: list[float]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for row in table.rows:
        for cell, cm in zip(row.cells, cms):
            cell.width = Cm(cm)
    grid = table._tbl.tblGrid
    for col, cm in zip(grid.findall(qn("w:gridCol")), cms):
        col.set(qn("w:w"), str(int(cm * 567)))


def row_height(row, cm: float) -> None:
    trpr = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(int(cm * 567)))
    height.set(qn("w:hRule"), "atLeast")
    trpr.append(height)


def field(paragraph, instruction: str) -> None:
    """A Word field such as PAGE or NUMPAGES, updated by Word and LibreOffice."""
    run = paragraph.add_run()
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    simple.append(inner)
    run._r.addnext(simple)


def header_and_footer(doc: Document, document_name: str) -> None:
    """Organisation in the header; name, page and workbook attribution in the footer."""
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Voettekst klein"]
    header.alignment = WD_ALIGN_PARAGRAPH.LEFT
    header.paragraph_format.space_after = Pt(page.HEADER_AFTER_PT)  # room between the logo and the title
    # The logo (an InlineImage made by rendering.py, in a box of fixed height) sits at the left
    # margin, the organisation's name beside it at a size one can read.
    run = header.add_run(
        "{% if logo %}{{ logo }}   {% endif %}{{ organisatie }}{% if gemeente %} \u00b7 {{ gemeente }}{% endif %}"
    )
    run.font.size = Pt(9)
    footer = section.footer
    first = footer.paragraphs[0]
    first.style = doc.styles["Voettekst klein"]
    first.add_run(f"{document_name} \u00b7 {{{{ organisatie }}}} \u00b7 pagina ")
    field(first, "PAGE")
    first.add_run(" van ")
    field(first, "NUMPAGES")
    par(footer, "{{ bronvermelding }}", "Voettekst klein")


def info_table(doc: Document, rows: list[tuple[str, str]]):
    """Label and value rows; an empty value gets room to write, low in its row: desi-pack puts a field
    there whose dotted placeholder is the line (a border under it would be a second line)."""
    table = doc.add_table(rows=0, cols=2)
    for label, value in rows:
        row = table.add_row()
        cells = row.cells
        cell_text(cells[0], label, bold=True)
        cell_text(cells[1], value)
        if not value:
            row_height(row, 0.9)
            for cell in cells:
                cell.vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
    borders(table, color="FFFFFF", inside=False, size=0)
    widths(table, [3.5, 13.5])
    return table


def writing_lines(doc: Document, count_expr: str, width_cm: float) -> None:
    """Rows of page.WRITING_LINE_CM, each with a dotted line at its bottom to write on (enough for one
    handwritten line). The dots are text, as those of the field desi-pack puts on the first line, so that
    every line looks alike (see desi_pack/word/controls.py).

    Every line but the last keeps with the next, so a question and its lines stay
    on one page.
    """
    table = doc.add_table(rows=4, cols=1)
    borders(table, color="FFFFFF", inside=False, size=0)
    tag(table.rows[0].cells[0], f"{{%tr for _ in range({count_expr} - 1) %}}")
    dots = dotted_line(width_cm - 2 * CELL_SIDE_CM)
    for index, keep in ((1, True), (3, False)):
        line = table.rows[index]
        row_height(line, page.WRITING_LINE_CM)
        line.cells[0].vertical_alignment = WD_ALIGN_VERTICAL.BOTTOM
        cell_text(line.cells[0], dots).paragraph_format.keep_with_next = keep
    tag(table.rows[2].cells[0], "{%tr endfor %}")
    widths(table, [width_cm])
    # python-docx leaves an empty first paragraph in tag cells; drop it.
    for index in (0, 2):
        cell = table.rows[index].cells[0]
        first = cell.paragraphs[0]
        if not first.text:
            first._p.getparent().remove(first._p)


# --- the templates ---------------------------------------------------------------


def draaiboek() -> Document:
    doc = new_document()
    header_and_footer(doc, "Draaiboek bijeenkomst {{ nummer }}")
    par(doc, "Draaiboek bijeenkomst {{ nummer }}", "Title")
    par(doc, "{{ titel }}", "Subtitle")
    info_table(
        doc,
        [
            ("Datum", "{{ datum }}"),
            ("Tijd", "{{ begin }} \u2013 {{ eind }}"),
            ("Locatie", "{{ locatie }}"),
            ("Trainers", "{{ trainers }}"),
            ("Deelnemers", "{{ deelnemers }}"),
            ("Organisatie", "{{ organisatie }}{% if gemeente %}, {{ gemeente }}{% endif %}"),
        ],
    )

    par(doc, "Agenda", "Heading 1")
    # How the parts were fitted to the meeting's length: said once, above the table, not on every row.
    tag(doc, "{%p if verdeling %}")
    par(doc, "{{ verdeling }}", "Toelichting").paragraph_format.keep_with_next = True
    tag(doc, "{%p endif %}")
    columns = list(zip(("Van\u2013tot", "Wat", "Tijd", "Bijzonderheden", "\u00a7"), page.AGENDA_COLUMNS_CM))
    table = doc.add_table(rows=4, cols=len(columns))
    head = table.rows[0]
    for cell, (name, _) in zip(head.cells, columns):
        cell_text(cell, name, bold=True)
        shade(cell, "DCE9EC")
    repeat_header(head)
    tag(table.rows[1].cells[0], "{%tr for r in agenda %}")
    body = table.rows[2]
    # A row stays whole on its page unless it is tall (documents.agenda_row says which): a tall row that
    # may not split would leave a third of a page empty above it. As Word writes it: <w:cantSplit/> for a
    # row that stays whole, nothing for one that may split (never w:val, which Word's own validator
    # allows only as 'on' or 'off' there).
    split = OxmlElement("w:cantSplit")
    trpr = body._tr.get_or_add_trPr()
    trpr.append(split)
    trpr.text, split.tail = '{% if r.heel == "1" %}', "{% endif %}"
    cells = body.cells
    cell_text(cells[0], "{%p for t in r.tijden %}")
    kept = [cell_par(cells[0], "{{ t }}")]
    cell_par(cells[0], "{%p endfor %}")
    kept.append(cell_text(cells[1], "{{ r.wat }}", bold=True))
    kept.append(cell_text(cells[2], "{{ r.tijd }}"))
    cell_text(cells[3], "{%p for b in r.bijzonderheden %}")
    kept.append(cell_par(cells[3], "{{ b }}"))
    cell_par(cells[3], "{%p endfor %}")
    kept.append(cell_text(cells[4], "{{ r.werkboek }}"))
    # The last row keeps with the total under the table (documents: r.laatste), so that 'Totaal' never
    # opens a page alone: every paragraph of a row kept with the next keeps the row with it, in Word and
    # in LibreOffice.
    for paragraph in kept:
        keep_if(paragraph, "r.laatste")
    # docxtpl's {% cellbg %} puts w:shd before w:tcW, which Word's schema forbids;
    # a fill attribute holding a Jinja expression keeps the order right.
    for cell in cells:
        shade(cell, "{{ r.kleur }}")
    tag(table.rows[3].cells[0], "{%tr endfor %}")
    borders(table)
    padding(table)
    widths(table, [w for _, w in columns])

    spacer = par(doc, "")
    spacer.paragraph_format.space_after = Pt(0)
    spacer.paragraph_format.keep_with_next = True  # between the last row and the total
    # The total stays under the table, with the last two rows (r.laatste above). With notes below it, it
    # keeps with the first too: no note opens a page alone under a total on the page before. No note
    # splits over two pages.
    keep_if(par(doc, "{{ totaal }}"), "toelichtingen")
    tag(doc, "{%p for n in toelichtingen %}")
    par(doc, "{{ n }}", "Toelichting").paragraph_format.keep_together = True
    tag(doc, "{%p endfor %}")

    par(doc, "Materialen en afdrukken", "Heading 1")
    par(
        doc, "Afdrukken: één per deelnemer ({{ groep }}) plus {{ extra }} extra, samen {{ afdrukken }}."
    ).paragraph_format.keep_with_next = True
    mat_cols = [("", 0.8), ("Wat", 10.2), ("Meenemen / uitdelen", 3.8), ("Aantal", 2.6)]
    materials = doc.add_table(rows=4, cols=len(mat_cols))
    for cell, (name, _) in zip(materials.rows[0].cells, mat_cols):
        cell_text(cell, name, bold=True)
        shade(cell, "DCE9EC")
    repeat_header(materials.rows[0])
    tag(materials.rows[1].cells[0], "{%tr for m in materialen %}")
    split = OxmlElement("w:cantSplit")
    materials.rows[2]._tr.get_or_add_trPr().append(split)
    cells = materials.rows[2].cells
    cell_text(cells[0], "\u2610")
    cell_text(cells[1], "{{ m.tekst }}")
    cell_text(cells[2], "{{ m.soort }}")
    cell_text(cells[3], "{{ m.aantal }}")
    for cell in cells:  # the list stays whole, with its heading: it never splits after a row or two
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
    tag(materials.rows[3].cells[0], "{%tr endfor %}")
    borders(materials)
    padding(materials)
    widths(materials, [w for _, w in mat_cols])

    # The table names everything once; below it only where the things to hand out are, and what the
    # print file does not hold.
    par(
        doc,
        "Wat u uitdeelt en ophangt, staat in \u2018Printen voor bijeenkomst {{ nummer }}\u2019, in de volgorde "
        "van de agenda{% if posters %}; een poster drukt u af op A3 of groter{% endif %}.",
    ).paragraph_format.space_before = Pt(6)
    tag(doc, "{%p for e in elders %}")
    par(doc, "{{ e }}")
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if huiswerk %}")
    # The homework section stays whole: its last lines never make a page of their own.
    kept = [
        par(doc, "{{ huiswerk.kop }}", "Heading 1"),
        par(doc, "Mee te geven aan het eind van deze bijeenkomst; klaar vóór {{ huiswerk.klaar }}."),
    ]
    tag(doc, "{%p for o in huiswerk.opdrachten %}")
    kept.append(par(doc, "\u2022 {{ o }}"))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for n in huiswerk.trainer %}")
    kept.append(par(doc, "{{ n }}", "Toelichting"))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    for paragraph in kept:
        paragraph.paragraph_format.keep_with_next = True
    return doc


def huiswerk() -> Document:
    doc = new_document()
    header_and_footer(doc, "{{ kop }}")
    par(doc, "{{ kop }}", "Title")
    par(doc, "{{ training }}", "Subtitle")
    info_table(
        doc,
        [
            ("Naam", ""),
            ("Klaar vóór", "{{ klaar }}"),
            ("Bijeenkomst {{ volgende }}", "{{ tijd }}, {{ locatie }}"),
            ("Trainers", "{{ trainers }}"),
        ],
    )
    tag(doc, "{%p for o in opdrachten %}")
    # An assignment's heading, text and references stay with its first question and lines: a
    # heading never ends a page.
    kept = [par(doc, "{{ o.kop }}", "Heading 1")]
    tag(doc, "{%p for t in o.tekst %}")
    kept.append(par(doc, "{{ t }}"))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for t in o.instructie %}")
    kept.append(par(doc, "{{ t }}", "Toelichting"))
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if o.werkboek %}")
    kept.append(par(doc, "Werkboek: {{ o.werkboek }}", "Toelichting"))
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if o.formulieren %}")
    kept.append(par(doc, "{{ o.formulieren }}", "Toelichting"))
    tag(doc, "{%p endif %}")
    for paragraph in kept:
        paragraph.paragraph_format.keep_with_next = True
    tag(doc, "{%p if o.vragen %}")
    tag(doc, "{%p for v in o.vragen %}")
    par(doc, "{{ v.tekst }}", "Vraag")
    tag(doc, "{%p if v.regels %}")
    writing_lines(doc, "v.regels", page.TEXT_WIDTH_CM)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p else %}")
    par(doc, "Aantekeningen", "Vraag")
    writing_lines(doc, "o.regels", page.TEXT_WIDTH_CM)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    return doc


def formulier() -> Document:
    """The frame of every instrument: desi-pack appends the form itself below the title."""
    doc = new_document()
    header_and_footer(doc, "{{ titel }} (werkboek \u00a7{{ paragraaf }})")
    par(doc, "{{ titel }}", "Title")
    par(doc, "{{ kop }}", "Subtitle")
    return doc


def without_styles_with_effects(doc: Document) -> Document:
    """Drop python-docx's stale stylesWithEffects.xml (an optional Word 2010 copy of
    styles.xml); left in, it disagrees with our styles and validators flag it."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rel_id]
    return doc


def main() -> None:
    TEMPLATES.mkdir(exist_ok=True)
    for name, make in (("draaiboek.docx", draaiboek), ("huiswerk.docx", huiswerk), ("formulier.docx", formulier)):
        without_styles_with_effects(make()).save(TEMPLATES / name)
        print(f"geschreven: {TEMPLATES / name}")


if __name__ == "__main__":
    main()
