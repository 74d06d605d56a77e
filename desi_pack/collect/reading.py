"""A filled-in document as text and fields in document order, from .docx and .odt.

Word keeps a form's fields as content controls with their tags; LibreOffice 7.4 drops the
tags on saving as .docx, wraps a tick box in an extra control, and may leave typed text
beside a control or as plain paragraphs instead of in it. So a document is read twice over:
as one text in which table cells and rows are marked (`CELL`, `ROW`, `TABLE`), to be aligned
with the blank form (layouts.py), and as the list of its content controls with what each
holds. Only the body counts; headers, footers and deleted text (tracked changes) do not.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from desi_pack.ooxml import transitional
from desi_pack.text import tidy, without_control

# Marks no one can type: a cell's, a row's and a table's end in the text of a document.
CELL, ROW, TABLE = "\x1f", "\x1e", "\x1d"
MARKS = CELL + ROW + TABLE
TICK_KIND, DATE_KIND, LIST_KIND, TEXT_KIND = "vink", "datum", "keuze", "tekst"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
MAX_PART = 30 * 1024 * 1024  # a form's text is some 200 kB unpacked; more is no form, and could fill memory
MAX_SPACES = 1000  # an .odt's run of spaces (text:s c=…): more is no one's typing


class Unreadable(Exception):
    """The file is no document this module can read; the message says why, in Dutch."""


@dataclass
class Control:
    """One content control as found: its kind, its tag (None when LibreOffice dropped it) and value."""

    kind: str
    tag: str | None
    start: int  # where its text begins in Document.text
    alias: str = ""  # the question it answers, as Word shows it
    text: str = ""  # what it shows
    placeholder: bool = False  # still showing the form's own placeholder
    checked: bool | None = None  # a tick box: as stored (w14:checked, loext:checked)
    date: str | None = None  # a date picker: yyyy-mm-dd as stored


@dataclass
class Document:
    text: str
    controls: list[Control] = field(default_factory=list)
    properties: dict[str, str] = field(default_factory=dict)


def read(data: bytes, suffix: str) -> Document:
    """A .docx or .odt (by `suffix`) as text and controls; Unreadable when it is neither or damaged.
    A .docx saved as Strict Open XML is read as the same document saved normally."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(transitional(data) if suffix == ".docx" else data))
    except zipfile.BadZipFile as err:
        raise Unreadable(_not_a_package(data, suffix)) from err
    with archive:
        names = set(archive.namelist())
        if "EncryptionInfo" in names or "encryption" in "".join(archive.namelist()).lower():
            raise Unreadable("het bestand is met een wachtwoord beveiligd; sla het op zonder wachtwoord.")
        try:
            if suffix == ".odt":
                return _Odt(archive).read()
            return _Docx(archive).read()
        except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile, RuntimeError, OSError, ValueError) as err:
            raise Unreadable(f"het bestand is beschadigd of geen {suffix[1:]}-document.") from err


def _part(archive: zipfile.ZipFile, name: str) -> bytes:
    """A part of the package, refused when it would unpack to more than any form is."""
    if archive.getinfo(name).file_size > MAX_PART:
        raise Unreadable("het bestand is te groot voor een formulier.")
    return archive.read(name)


def _not_a_package(data: bytes, suffix: str) -> str:
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # the old compound format: .doc, or a .docx with a password
        return (
            "het bestand is met een wachtwoord beveiligd of is een oud Word-bestand (.doc); "
            "open het en sla het op als .docx zonder wachtwoord."
        )
    return f"het bestand is beschadigd of geen {suffix[1:]}-document."


class _Walker:
    """Collects text and controls while walking a document's XML in order."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.parts: list[str] = []
        self.length = 0
        self.controls: list[Control] = []

    def add(self, text: str | None) -> None:
        """Text of the document; what no one types is left out (text.CONTROL) and invisible characters tidied
        (text.tidy; the table marks are added by `mark`)."""
        if text:
            self.mark(tidy(without_control(text)))

    def mark(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)


class _Docx(_Walker):
    def read(self) -> Document:
        from desi_pack.word import properties

        root = etree.fromstring(_part(self.archive, "word/document.xml"), _PARSER)
        body = root.find(W + "body")
        if body is None:
            raise ValueError("no body")
        self.walk(body)
        custom = self.archive.read(properties.PART) if properties.PART in self.archive.namelist() else b""
        return Document("".join(self.parts), self.controls, _custom_properties(custom))

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag == W + "t":
                self.add(child.text)
            elif tag == W + "p":
                self.walk(child)
                self.add("\n")
            elif tag in _DOCX_MARKS:
                self.walk(child)
                self.mark(_DOCX_MARKS[tag])
            elif tag in (W + "br", W + "cr"):
                self.add("\n")
            elif tag == W + "tab":
                self.add("\t")
            elif tag == W + "sym":
                self.add(_symbol(child.get(W + "char")))
            elif tag == W + "sdt":
                self.sdt(child)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self.walk(choice)
            elif tag not in _DOCX_SKIP and isinstance(tag, str):
                self.walk(child)

    def sdt(self, sdt) -> None:
        props = sdt.find(W + "sdtPr")
        content = sdt.find(W + "sdtContent")
        if content is None:
            return
        if (
            props is None
            or content.find(W + "p") is not None
            or content.find(W + "tbl") is not None
            or content.find(W + "tr") is not None
            or content.find(W + "tc") is not None
        ):
            self.walk(content)  # a block of paragraphs or cells: LibreOffice's wrapper, not a field
            return
        control = Control(
            _docx_kind(props),
            _val(props.find(W + "tag")),
            self.length,
            _val(props.find(W + "alias")) or "",
            placeholder=props.find(W + "showingPlcHdr") is not None,
        )
        box = props.find(W14 + "checkbox")
        if box is not None:
            checked = box.find(W14 + "checked")
            control.checked = checked is not None and checked.get(W14 + "val") in ("1", "true")
        date = props.find(W + "date")
        if date is not None and date.get(W + "fullDate"):
            control.date = date.get(W + "fullDate")[:10]
        start = len(self.parts)
        self.walk(content)
        control.text = "".join(self.parts[start:])
        self.controls.append(control)


_DOCX_MARKS = {W + "tc": CELL, W + "tr": ROW, W + "tbl": TABLE}
# Properties, deleted text, comments' anchors and field codes: nothing a person reads as the form's text.
_DOCX_SKIP = {
    W + name
    for name in (
        "pPr",
        "rPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tcPr",
        "sectPr",
        "del",
        "moveFrom",
        "instrText",
        "delText",
        "commentReference",
        "footnoteReference",
        "endnoteReference",
        "bookmarkStart",
        "bookmarkEnd",
        "proofErr",
    )
}


def _docx_kind(props) -> str:
    if props.find(W14 + "checkbox") is not None:
        return TICK_KIND
    if props.find(W + "date") is not None:
        return DATE_KIND
    if props.find(W + "comboBox") is not None or props.find(W + "dropDownList") is not None:
        return LIST_KIND
    return TEXT_KIND


def _val(element) -> str | None:
    return None if element is None else element.get(W + "val")


def _symbol(code: str | None) -> str:
    """A w:sym as its character; a symbol font's code (F0xx, a box in Wingdings) as a box, whose
    state its control keeps (w14:checked)."""
    try:
        value = int(code or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        return "\u2610"
    return chr(value) if 0x20 <= value <= 0x10FFFF else ""  # no tab or line break; other controls: see `add`


def _custom_properties(xml: bytes) -> dict[str, str]:
    if not xml:
        return {}
    try:
        root = etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError:
        return {}
    return {name: "".join(prop.itertext()) for prop in root if (name := prop.get("name"))}


class _Odt(_Walker):
    def read(self) -> Document:
        root = etree.fromstring(_part(self.archive, "content.xml"), _PARSER)
        text = root.find(f"{OFFICE_NS}body/{OFFICE_NS}text")
        if text is None:
            raise ValueError("no text body")
        self.walk(text)
        return Document("".join(self.parts), self.controls, self._meta())

    def walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag in _ODT_SKIP or not isinstance(tag, str):
                pass
            elif tag in (TEXT_NS + "p", TEXT_NS + "h"):
                self.add(child.text)
                self.walk(child)
                self.add("\n")
            elif tag in _ODT_MARKS:
                self.walk(child)
                self.mark(_ODT_MARKS[tag])
            elif tag == TEXT_NS + "s":
                self.add(" " * min(int(child.get(TEXT_NS + "c", "1")), MAX_SPACES))
            elif tag == TEXT_NS + "tab":
                self.add("\t")
            elif tag == TEXT_NS + "line-break":
                self.add("\n")
            elif tag == LOEXT + "content-control":
                self.control(child)
            else:
                self.add(child.text)
                self.walk(child)
            self.add(child.tail)

    def control(self, element) -> None:
        get = element.get
        kind = (
            TICK_KIND
            if get(LOEXT + "checkbox") == "true"
            else DATE_KIND
            if get(LOEXT + "date") == "true"
            else LIST_KIND
            if element.find(LOEXT + "list-item") is not None
            else TEXT_KIND
        )
        control = Control(
            kind,
            get(LOEXT + "tag"),
            self.length,
            get(LOEXT + "alias") or "",
            placeholder=get(LOEXT + "showing-place-holder") == "true",
        )
        if kind == TICK_KIND:
            control.checked = get(LOEXT + "checked") == "true"
        if get(LOEXT + "current-date"):
            control.date = get(LOEXT + "current-date")[:10]
        start = len(self.parts)
        self.add(element.text)
        self.walk(element)
        control.text = "".join(self.parts[start:])
        self.controls.append(control)

    def _meta(self) -> dict[str, str]:
        try:
            root = etree.fromstring(self.archive.read("meta.xml"), _PARSER)
        except (KeyError, etree.XMLSyntaxError):
            return {}
        return {
            name: "".join(item.itertext())
            for item in root.iter(META + "user-defined")
            if (name := item.get(META + "name")) is not None
        }


_ODT_MARKS = {TABLE_NS + "table-cell": CELL, TABLE_NS + "table-row": ROW, TABLE_NS + "table": TABLE}
# A merged cell's covered parts, deleted text, notes and LibreOffice's list of a control's items.
_ODT_SKIP = {
    TABLE_NS + "covered-table-cell",
    TABLE_NS + "table-column",
    TEXT_NS + "tracked-changes",
    OFFICE_NS + "annotation",
    TEXT_NS + "note",
    TEXT_NS + "sequence-decls",
    LOEXT + "list-item",
    TEXT_NS + "bookmark",
    TEXT_NS + "bookmark-start",
    TEXT_NS + "bookmark-end",
}
