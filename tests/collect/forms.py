"""Filling in forms in tests the way Word stores answers, and taking tags away as LibreOffice 7.4 does."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def replace_part(blob: bytes, name: str, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == name else data)
    return out.getvalue()


def fill_as_word(blank: bytes, answers: dict[str, object]) -> bytes:
    """`answers` by field tag: True ticks a box, 'yyyy-mm-dd' fills a date, other text is typed
    (a line break as w:br), as Word stores them."""

    def change(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for sdt in root.iter(_w("sdt")):
            props = sdt.find(_w("sdtPr"))
            tag = props.find(_w("tag"))
            if tag is None or tag.get(_w("val")) not in answers:
                continue
            value = answers[tag.get(_w("val"))]
            box = props.find(f"{{{W14}}}checkbox")
            if box is not None:
                box.find(f"{{{W14}}}checked").set(f"{{{W14}}}val", "1" if value else "0")
                sdt.find(f".//{_w('t')}").text = "\u2612" if value else "\u2610"
                continue
            date = props.find(_w("date"))
            if date is not None:
                date.set(_w("fullDate"), f"{value}T00:00:00Z")
                year, month, day = str(value).split("-")
                value = f"{int(day)}-{int(month)}-{year}"
            _type(sdt, str(value))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return replace_part(blank, "word/document.xml", change)


WORD_PROMPT = "Klik of tik om tekst in te voeren."  # what Dutch Word shows in a text field emptied again


def emptied_in_word(blob: bytes, tags: set[str] | None = None) -> bytes:
    """The text fields with `tags` (all when None) as Word stores one whose text was typed and then
    deleted: its own prompt, still marked as the placeholder (w:showingPlcHdr)."""

    def change(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for sdt in root.iter(_w("sdt")):
            props = sdt.find(_w("sdtPr"))
            tag = props.find(_w("tag"))
            if props.find(f"{{{W14}}}checkbox") is not None or (
                tags is not None and (tag is None or tag.get(_w("val")) not in tags)
            ):
                continue
            _type(sdt, WORD_PROMPT)
            props.find(_w("id")).addnext(etree.Element(_w("showingPlcHdr")))  # where Word writes it
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return replace_part(blob, "word/document.xml", change)


def _type(sdt, text: str) -> None:
    props, content = sdt.find(_w("sdtPr")), sdt.find(_w("sdtContent"))
    shown = props.find(_w("showingPlcHdr"))
    if shown is not None:
        props.remove(shown)
    for run in list(content):
        content.remove(run)
    run = etree.SubElement(content, _w("r"))
    for number, line in enumerate(text.split("\n")):
        if number:
            etree.SubElement(run, _w("br"))
        element = etree.SubElement(run, _w("t"))
        element.text = line
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def without_tags(blob: bytes, properties: bool = True) -> bytes:
    """What LibreOffice 7.4 keeps of a form saved as .docx: no w:tag, no w:alias, new ids; with
    properties=False also without its custom properties (saved by another program)."""

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb"<w:tag [^>]*/>|<w:alias [^>]*/>", b"", xml)
        return re.sub(rb'<w:id w:val="\d+"/>', b'<w:id w:val="7"/>', xml)

    blob = replace_part(blob, "word/document.xml", change)
    if properties:
        return blob
    return replace_part(
        blob, "docProps/custom.xml", lambda xml: re.sub(rb"<property .*</property>", b"", xml, flags=re.DOTALL)
    )
