"""Read back what a generated .docx says: body paragraphs, tables, header, footer."""

from __future__ import annotations

from docx import Document


def _read(text: str) -> str:
    """Text as a reader sees it: a non-breaking space (names held together on a line) is a space."""
    return text.replace("\u00a0", " ")


def body_lines(path) -> list[str]:
    """All paragraph texts of the body, tables included, in document order (as a reader sees them)."""
    doc = Document(path)
    lines = []
    for element in doc.element.body.iter():
        if element.tag.endswith("}p"):
            text = "".join(t.text or "" for t in element.iter() if t.tag.endswith("}t"))
            lines.append(_read(text))
    return lines


def table_rows(path, index: int) -> list[list[str]]:
    table = Document(path).tables[index]
    return [[_read(cell.text) for cell in row.cells] for row in table.rows]


def header_footer(path) -> tuple[str, str]:
    section = Document(path).sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    return header, footer


W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def control_kind(props) -> str:
    """'vakje', 'datum', 'keuzelijst' or 'tekst' (a rich-text or plain-text control) of a w:sdtPr."""
    from docx.oxml.ns import qn

    for tag, kind in (
        (f"{W14}checkbox", "vakje"),
        (qn("w:date"), "datum"),
        (qn("w:comboBox"), "keuzelijst"),
        (qn("w:dropDownList"), "keuzelijst"),
    ):
        if props.find(tag) is not None:
            return kind
    return "tekst"
