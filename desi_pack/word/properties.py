"""Custom document properties: what a form is, stored in the document itself.

A filled-in form comes back by e-mail under any file name. Its custom properties
(docProps/custom.xml, ECMA-376 Part 1 §22.3) say which form it is, in which layout
version and for which training; Word shows them under File > Properties, and
LibreOffice keeps them when it saves as .docx or .odt (checked with 7.4).

The quick save of a form appends its own parts to the template's unchanged ones
(package.append); `with_custom_part` gives such a zip of unchanged parts the content
type and the relationship of a custom properties part once, so that each form only
appends its docProps/custom.xml.
"""

from __future__ import annotations

import functools
import hashlib
import io
import zipfile

PART = "docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the property set of user-defined properties

# The properties of a desi-pack form; `collect` reads them back.
FORM, VERSION, TRAINING = "desi-pack formulier", "desi-pack versie", "desi-pack training"


def identity(form: str, training: str = "") -> dict[str, str]:
    """What a form stores about itself: which form ('6.8', 'huiswerk-2', see controls.field_tag), the
    version of the forms' layout, and the training it was made for ('Welzijn Rivierenland, Tiel')."""
    from desi_pack.word.controls import FORMS_VERSION

    return {FORM: form, VERSION: FORMS_VERSION, TRAINING: training}


def _escaped(text: str, attribute: bool = False) -> str:
    """Text for XML as xml.sax.saxutils.escape makes it, '"' too in an attribute (that module imports
    urllib, http and ssl: 15 ms)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attribute else text


def custom_xml(properties: dict[str, str]) -> bytes:
    """docProps/custom.xml with each property as text (vt:lpwstr)."""
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{_escaped(name, attribute=True)}">'
        f"<vt:lpwstr>{_escaped(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


def with_custom_part(static: bytes) -> bytes:
    """The zip of a document's unchanged parts, ready for a docProps/custom.xml to be appended."""
    return _with_custom_part(hashlib.sha256(static).hexdigest(), static)


@functools.lru_cache(maxsize=8)
def _with_custom_part(_digest: str, static: bytes) -> bytes:
    from desi_pack.word.package import entries, write

    parts = {}
    for name, data in entries(static).items():
        if name == PART:  # the template's own custom properties give way to the form's
            continue
        if name == "[Content_Types].xml" and f'PartName="/{PART}"'.encode() not in data:
            data = data.replace(
                b"</Types>", f'<Override PartName="/{PART}" ContentType="{CONTENT_TYPE}"/>'.encode() + b"</Types>"
            )
        elif name == "_rels/.rels" and RELATIONSHIP.encode() not in data:
            data = data.replace(
                b"</Relationships>",
                f'<Relationship Id="rIdDesiCustom" Type="{RELATIONSHIP}" Target="{PART}"/>'.encode()
                + b"</Relationships>",
            )
        parts[name] = data
    return write(parts)


def add_to(doc, properties: dict[str, str]):
    """Give a python-docx Document the custom properties part; returns a function that takes it away
    again (a frame is used for the next document)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = doc.part.package
    existing = [rel for rel in package.rels.values() if rel.reltype == RELATIONSHIP]
    for rel in existing:
        del package.rels[rel.rId]
    part = Part(PackURI(f"/{PART}"), CONTENT_TYPE, custom_xml(properties), package)
    rel_id = package.relate_to(part, RELATIONSHIP)

    def undo() -> None:
        del package.rels[rel_id]
        for rel in existing:
            package.rels.add_relationship(rel.reltype, rel.target_part, rel.rId)

    return undo


def read(blob: bytes) -> dict[str, str]:
    """The custom properties of a .docx (empty when it has none)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            root = etree.fromstring(archive.read(PART))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return {}
    return {name: "".join(prop.itertext()) for prop in root if (name := prop.get("name"))}
