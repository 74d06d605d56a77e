"""Word content controls (w:sdt) for the editable forms.

Neither python-docx nor docxtpl can make content controls, so the XML is built here
with python-docx's oxml helpers, in the shape Word itself writes (ECMA-376 Part 1,
§17.5.2; the tick box is the Word 2010 extension w14:checkbox):

    <w:sdt>
      <w:sdtPr> rPr, alias, tag, id, showingPlcHdr, then one type element </w:sdtPr>
      <w:sdtContent> the runs shown: ☐, or a dotted line </w:sdtContent>
    </w:sdt>

Every control sits inside a paragraph (a run-level sdt): LibreOffice turns those into
its own content controls, while controls between paragraphs fall back to old fields.
No w:placeholder docPart is referenced (a missing one makes Word refuse the file);
instead the content itself is the placeholder, marked with w:showingPlcHdr: a dotted
line (see `dotted_line`) that is a line to write on when the form is printed blank, and
on screen shows where to click; typing replaces it. The dots have the text's own colour:
LibreOffice 7.4 gives typed text the colour of the placeholder it replaces, so a grey
prompt would turn every answer grey. A placeholder is never only a space: LibreOffice 7.4
drops such a control on import.

Text fields are rich-text controls (an sdtPr without a type element): LibreOffice 7.4
imports w:text controls as old input fields and does not lay out a line break in them,
while a rich-text control is a content control there, keeps its line breaks and grows
with the text; Word treats both alike.

Field names. Every control carries a w:tag that is unique in its document and stable
across builds and versions of the same form, and a w:alias that tells a person which
question it answers. The tag is `<form>/<field>`:

    <form>   the instrument's § ("6.8"), "werkblad-3.5", "huiswerk-2" or "verwijskaart"
    <field>  the place of the field in the form's data, block and item numbered from 1:
             "2.4" (block 2, item 4), "1.3/A" (statement 3 of block 1, column A),
             "1.3/notitie", "3/naam"; a copy of a card adds "/kaart-N"

Only `field_tag` writes a tag; reading answers back (the collecting of filled-in forms)
uses the same function. FORMS_VERSION names this scheme together with the forms' layout:
raise it when a field is added, moved or renamed, so that a filled-in form of an older
layout is recognised as such.
"""

from __future__ import annotations

from itertools import count

from lxml import etree

from desi_pack.word.compat import element_of
from desi_pack.word.wordxml import w as _w

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
UNCHECKED, CHECKED = "\u2610", "\u2612"
BOX_FONT = "MS Gothic"  # the font Word uses for its tick boxes; LibreOffice substitutes
ELLIPSIS = "\u2026"  # one em wide in Arial
DOTS = ELLIPSIS * 12  # a short line: a date, a pick from a list
TEXT_PT = 9.5  # the size of the forms' table text, where most fields sit
FORMS_VERSION = "2"  # 1: the forms before tags were unique; 2: tags <form>/<field>
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def field_tag(form: str, field: str) -> str:
    """The tag of a field: '6.8/1.3/A' (see the module's docstring for the scheme)."""
    return f"{form}/{field}"


def dotted_line(width_cm: float, size_pt: float = TEXT_PT) -> str:
    """Ellipses filling 95 % of `width_cm` (cm) at `size_pt` (pt), at least four: the line reaches the
    margin (to within a few millimetres) and never wraps into a stub on the next line, whatever the
    renderer's rounding."""
    em_cm = size_pt / 72 * 2.54
    return ELLIPSIS * max(4, int(width_cm * 0.95 / em_cm))


def title(text: str, limit: int = 80) -> str:
    """An alias a person reads in Word: the question, shortened at a word to about `limit` letters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",:;") + "\u2026"


class Controls:
    """Adds the content controls of one form to its document; tags and ids are unique within it.

    Each method takes the paragraph (a python-docx Paragraph or its w:p element) that the
    control is appended to, the field's place in the form (`field`, see field_tag) and its
    `label`, the alias a person sees. A field named twice is a bug: ValueError.
    """

    def __init__(self, form: str, first_id: int = 1000):
        self.form = form
        self._ids = count(first_id)
        self._tags: set[str] = set()

    def new_id(self) -> str:
        """A fresh id, for a control copied from another (every w:id in a document must differ)."""
        return str(next(self._ids))

    def claim(self, tag: str) -> str:
        """Note a tag as used (a control copied from another gets its own); ValueError when it is."""
        if tag in self._tags:
            raise ValueError(f"field tag used twice in one form: {tag}")
        self._tags.add(tag)
        return tag

    def checkbox(self, paragraph, field: str, label: str, size_pt: float | None = None) -> None:
        """A tick box (☐/☒ in MS Gothic, as Word makes them) that Word and LibreOffice toggle with a click."""
        props, content = self._control(paragraph, field, label)
        box = _sub(props, CHECKBOX)
        _sub(box, CHECKED_14, {VAL_14: "0"})
        _sub(box, CHECKED_STATE, {VAL_14: "2612", FONT_14: BOX_FONT})
        _sub(box, UNCHECKED_STATE, {VAL_14: "2610", FONT_14: BOX_FONT})
        _run(content, UNCHECKED, font=BOX_FONT, size_pt=size_pt)

    def text(
        self,
        paragraph,
        field: str,
        label: str,
        width_cm: float = 4.0,
        size_pt: float = TEXT_PT,
        placeholder: str | None = None,
    ) -> None:
        """A text field (rich text, see the module's docstring); empty, it shows a dotted line as wide as
        `width_cm` (cm) at `size_pt` (pt), or `placeholder` where the caller sized its own."""
        placeholder = placeholder or dotted_line(width_cm, size_pt)
        if not placeholder.strip():
            raise ValueError("a placeholder of only spaces vanishes in LibreOffice 7.4")
        _, content = self._control(paragraph, field, label, placeholder=True)
        _run(content, placeholder)

    def date(self, paragraph, field: str, label: str) -> None:
        """A date picker writing Dutch dates (d-M-yyyy, nl-NL)."""
        props, content = self._control(paragraph, field, label, placeholder=True)
        element = _sub(props, _w("date"))
        for name, value in (
            ("dateFormat", "d-M-yyyy"),
            ("lid", "nl-NL"),
            ("storeMappedDataAs", "dateTime"),
            ("calendar", "gregorian"),
        ):
            _sub(element, _w(name), {VAL: value})
        _run(content, DOTS)

    def combo(self, paragraph, field: str, label: str, options: list[str]) -> None:
        """A drop-down list that also accepts typed text (w:comboBox)."""
        props, content = self._control(paragraph, field, label, placeholder=True)
        element = _sub(props, _w("comboBox"))
        for option in options:
            _sub(element, _w("listItem"), {_w("displayText"): option, _w("value"): option})
        _run(content, DOTS)

    def _control(self, paragraph, field: str, label: str, placeholder: bool = False):
        """A new w:sdt at the end of the paragraph; returns its w:sdtPr and w:sdtContent.

        Built with lxml directly, in the order Word writes: python-docx's OxmlElement parses
        a namespace map for every element, a third of the time of a form.
        """
        tag = self.claim(field_tag(self.form, field))
        sdt = _sub(element_of(paragraph), _w("sdt"))
        props = _sub(sdt, _w("sdtPr"))
        for name, value in (("alias", title(label)), ("tag", tag), ("id", str(next(self._ids)))):
            _sub(props, _w(name), {VAL: value})
        if placeholder:
            _sub(props, _w("showingPlcHdr"))
        return props, _sub(sdt, _w("sdtContent"))


VAL = _w("val")
CHECKBOX, CHECKED_14, CHECKED_STATE, UNCHECKED_STATE = (
    f"{{{W14}}}{tag}" for tag in ("checkbox", "checked", "checkedState", "uncheckedState")
)
VAL_14, FONT_14 = f"{{{W14}}}val", f"{{{W14}}}font"
_FONT_ATTRS = tuple(_w(name) for name in ("ascii", "hAnsi", "eastAsia", "cs"))


def _sub(parent, tag: str, attrs: dict | None = None):
    return etree.SubElement(parent, tag, attrs or {})


def _run(parent, text: str, font: str | None = None, size_pt: float | None = None):
    """The placeholder shown in a control: its text always kept as is (xml:space), since Word and
    LibreOffice type over it; a tick box in its own font (wordxml.run writes the text of a document)."""
    run = _sub(parent, _w("r"))
    if font or size_pt:
        rpr = _sub(run, _w("rPr"))
        if font:
            _sub(rpr, _w("rFonts"), dict.fromkeys(_FONT_ATTRS, font))
        if size_pt:
            for name in ("sz", "szCs"):
                _sub(rpr, _w(name), {VAL: str(int(size_pt * 2))})
    text_element = _sub(run, _w("t"), {XML_SPACE: "preserve"})
    text_element.text = text
    return run
