"""A trainer's own Word template, as Word saved it, made into the template desi-pack's code expects.

desi-pack's code refers to the styles of its templates by their ids (`TableGrid`, `Heading2`,
`Tabeltekst`), and the documents a template fills are made of its own parts. What Word saves
differs in ways that would lose the look silently or make the template unreadable:

- Style ids. Word writes the id of a built-in style in the language of its menus: a template
  opened and saved in Dutch Word has `Tabelraster`, `Kop1`, `Titel` where the built-in one has
  `TableGrid`, `Heading1`, `Title` (the style's name stays `Table Grid`, `heading 1`). A form
  whose table refers to `TableGrid` would then have no table lines. `english_style_ids` gives
  every style the id the built-in template has for a style of that name, and changes every
  reference to it in the template along with it.
- A Word template (.dotx, "Word-sjabloon") is a .docx whose main part has another content
  type; python-docx refuses it. `as_document` gives it a document's.
- "Strict Open XML-document" has other namespace names (see desi_pack.ooxml).

The built-in templates are written this way already; only a trainer's own are changed.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from desi_pack.ooxml import transitional
from desi_pack.word import package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STYLES_PART = "word/styles.xml"
TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Where a WordprocessingML part refers to a style by its id.
_REFERENCES = {
    W + name for name in ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink", "basedOn", "next", "link")
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def readable(blob: bytes, built_in: bytes) -> bytes:
    """The template `blob` (a .docx or .dotx, as Word saved it) with the style ids of `built_in`
    (the built-in template it replaces); a file that is no Word package is returned as it is,
    for the reader to say what it is."""
    try:
        return english_style_ids(as_document(transitional(blob)), built_in)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError, EOFError, etree.XMLSyntaxError):
        return blob


def as_document(blob: bytes) -> bytes:
    """A Word template (.dotx) as the same document saved as .docx; a .docx as it is."""
    entries = package.entries(blob)
    types = entries["[Content_Types].xml"]
    if TEMPLATE_MAIN not in types:
        return blob
    entries["[Content_Types].xml"] = types.replace(TEMPLATE_MAIN, DOCUMENT_MAIN)
    return package.like(blob, entries)


def english_style_ids(blob: bytes, built_in: bytes) -> bytes:
    """The package `blob` with each style whose name a style of `built_in` has given that style's id,
    and every reference to it changed along (in the body, headers, footers, lists, the styles)."""
    if STYLES_PART not in zipfile.ZipFile(io.BytesIO(blob)).namelist():
        return blob
    entries = package.entries(blob)
    renamed = _renames(
        etree.fromstring(entries[STYLES_PART], _PARSER),
        etree.fromstring(package.entries(built_in)[STYLES_PART], _PARSER),
    )
    if not renamed:
        return blob
    for name, data in entries.items():
        # The main document's own parts; a glossary (word/glossary/) has styles of its own.
        if name.startswith("word/") and name.count("/") == 1 and name.endswith(".xml"):
            entries[name] = _renamed(data, renamed)
    return package.like(blob, entries)


def _renames(own, built_in) -> dict[str, str]:
    """Old id -> new id: the built-in template's id of each of `own`'s styles by name, where it differs
    and is not already the id of another style."""
    by_name = {_name(style): style.get(W + "styleId") for style in built_in.iter(W + "style") if _name(style)}
    taken = {style.get(W + "styleId") for style in own.iter(W + "style")}
    renamed = {}
    for style in own.iter(W + "style"):
        old, new = style.get(W + "styleId"), by_name.get(_name(style))
        if old and new and new != old and new not in taken:
            renamed[old] = new
            taken.add(new)
    return renamed


def _name(style) -> str:
    name = style.find(W + "name")
    return (name.get(W + "val") or "").casefold() if name is not None else ""


def _renamed(data: bytes, renamed: dict[str, str]) -> bytes:
    root = etree.fromstring(data, _PARSER)
    changed = False
    for element in root.iter(W + "style", *_REFERENCES):
        attribute = W + ("styleId" if element.tag == W + "style" else "val")
        name = element.get(attribute)
        if name in renamed:
            element.set(attribute, renamed[name])
            changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else data
