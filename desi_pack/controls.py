"""Word content controls (w:sdt) for the editable forms.

Neither python-docx nor docxtpl can make content controls, so the XML is built here
with python-docx's oxml helpers, in the shape Word itself writes (ECMA-376 Part 1,
§17.5.2; the tick box is the Word 2010 extension w14:checkbox):

    <w:sdt>
      <w:sdtPr> rPr, alias, tag, id, showingPlcHdr, then one type element </w:sdtPr>
      <w:sdtContent> the runs shown: ☐, or grey placeholder text </w:sdtContent>
    </w:sdt>

Every control sits inside a paragraph (a run-level sdt): LibreOffice turns those into
its own content controls, while controls between paragraphs fall back to old fields.
No w:placeholder docPart is referenced (a missing one makes Word refuse the file);
instead the content itself is the placeholder, marked with w:showingPlcHdr, and on
paper it prints as a dotted line or an empty box.
"""

from __future__ import annotations

from itertools import count

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
UNCHECKED, CHECKED = "\u2610", "\u2612"
BOX_FONT = "MS Gothic"  # the font Word uses for its tick boxes; LibreOffice substitutes
PLACEHOLDER_COLOR = "808080"
DOTS = "\u2026" * 12


class Controls:
    """Adds content controls to one document; ids are unique within it."""

    def __init__(self, first_id: int = 1000):
        self._ids = count(first_id)

    def new_id(self) -> str:
        """A fresh id, for a control copied from another (every w:id in a document must differ)."""
        return str(next(self._ids))

    def checkbox(self, paragraph: Paragraph, label: str, size_pt: float | None = None) -> None:
        """A tick box (☐/☒) that Word and LibreOffice toggle with a click."""
        props = self._props(label)
        box = OxmlElement("w14:checkbox")
        for name, attrs in (("checked", {"val": "0"}),
                            ("checkedState", {"val": "2612", "font": BOX_FONT}),
                            ("uncheckedState", {"val": "2610", "font": BOX_FONT})):
            element = OxmlElement(f"w14:{name}")
            for key, value in attrs.items():
                element.set(f"{{{W14}}}{key}", value)
            box.append(element)
        props.append(box)
        self._attach(paragraph, props, _run(UNCHECKED, font=BOX_FONT, size_pt=size_pt))

    def text(self, paragraph: Paragraph, label: str, multiline: bool = False,
             placeholder: str = DOTS) -> None:
        """A plain-text field; empty, it shows (and prints) a grey dotted line."""
        props = self._props(label, placeholder=True)
        element = OxmlElement("w:text")
        if multiline:
            element.set(qn("w:multiLine"), "1")
        props.append(element)
        self._attach(paragraph, props, _run(placeholder, color=PLACEHOLDER_COLOR))

    def date(self, paragraph: Paragraph, label: str) -> None:
        """A date picker writing Dutch dates (d-M-yyyy)."""
        props = self._props(label, placeholder=True)
        element = OxmlElement("w:date")
        for name, value in (("dateFormat", "d-M-yyyy"), ("lid", "nl-NL"),
                            ("storeMappedDataAs", "dateTime"), ("calendar", "gregorian")):
            child = OxmlElement(f"w:{name}")
            child.set(qn("w:val"), value)
            element.append(child)
        props.append(element)
        self._attach(paragraph, props, _run(DOTS, color=PLACEHOLDER_COLOR))

    def combo(self, paragraph: Paragraph, label: str, options: list[str]) -> None:
        """A drop-down list that also accepts typed text (w:comboBox)."""
        props = self._props(label, placeholder=True)
        element = OxmlElement("w:comboBox")
        for option in options:
            item = OxmlElement("w:listItem")
            item.set(qn("w:displayText"), option)
            item.set(qn("w:value"), option)
            element.append(item)
        props.append(element)
        self._attach(paragraph, props, _run(DOTS, color=PLACEHOLDER_COLOR))

    def _props(self, label: str, placeholder: bool = False):
        props = OxmlElement("w:sdtPr")
        for name, value in (("alias", label), ("tag", label[:64]), ("id", str(next(self._ids)))):
            element = OxmlElement(f"w:{name}")
            element.set(qn("w:val"), value)
            props.append(element)
        if placeholder:
            props.append(OxmlElement("w:showingPlcHdr"))
        return props

    @staticmethod
    def _attach(paragraph: Paragraph, props, run) -> None:
        sdt = OxmlElement("w:sdt")
        content = OxmlElement("w:sdtContent")
        content.append(run)
        sdt.append(props)
        sdt.append(content)
        paragraph._p.append(sdt)


def _run(text: str, font: str | None = None, color: str | None = None, size_pt: float | None = None):
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if font:
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font)
        rpr.append(fonts)
    if color:
        element = OxmlElement("w:color")
        element.set(qn("w:val"), color)
        rpr.append(element)
    if size_pt:
        for name in ("w:sz", "w:szCs"):
            element = OxmlElement(name)
            element.set(qn("w:val"), str(int(size_pt * 2)))
            rpr.append(element)
    if len(rpr):
        run.append(rpr)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    return run
