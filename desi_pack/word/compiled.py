"""docxtpl templates loaded once, compiled once, rendered many times.

A fresh `DocxTemplate` per document opens the whole package with python-docx,
cleans the XML of every part (patch_xml), compiles it with Jinja, renders it and
saves the whole package again, compressing the 350 kB styles part each time. Most
of that does not depend on the context. A `CompiledTemplate` does it once per
template: it keeps the cleaned and compiled Jinja templates of the body, headers
and footers, and a zip of every part that is never rendered. Rendering a document
is then: render the compiled parts, apply docxtpl's own post-processing (the same
functions, so the XML is what docxtpl makes), and append the rendered parts to a
copy of that zip.

Templates with parts this module does not render itself (footnotes, or Jinja in the
document properties) report `supported = False`; rendering.py then uses docxtpl. The
logo (a picture among the values) is placed once per build (`with_picture`).
"""

from __future__ import annotations

import copy
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from jinja2 import Environment, Template
from lxml import etree
from markupsafe import Markup

from desi_pack.word.compat import TemplateSteps

# A fixed timestamp makes the same document the same bytes in every build.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_JINJA = re.compile(rb"\{[{%#]")
_PACKAGE_RELS = "_rels/.rels"
PICTURE_IDS = 9001  # ids of the drawings of a picture placed once (with_picture), one per part


@dataclass
class _Part:
    name: str  # inside the zip: 'word/header1.xml'
    body: bool  # the main document: only its w:body is a template, as in docxtpl
    template: Template  # the compiled Jinja template
    source: str  # what it was compiled from


def zip_entry(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and ordinary file permissions."""
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


def saved(document) -> bytes:
    """A python-docx Document (or a docxcompose Composer) saved as .docx bytes with the fixed dates
    of `zip_entry`: python-docx stamps every entry with the time of saving, so the same document
    would be other bytes in every build (and a rebuild would report it changed)."""
    out = io.BytesIO()
    document.save(out)
    fixed = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(fixed, "w") as target:
        for info in source.infolist():
            target.writestr(zip_entry(info.filename), source.read(info))
    return fixed.getvalue()


def package(static: bytes, parts: dict[str, bytes]) -> bytes:
    """A .docx: the zip `static` with `parts` appended."""
    out = io.BytesIO(static)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a") as archive:
        for name, data in parts.items():
            archive.writestr(zip_entry(name), data)
    return out.getvalue()


def serialize(element) -> bytes:
    """An XML part as python-docx writes it."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}


class CompiledTemplate:
    """One .docx template: parsed, cleaned and compiled once; `render` makes a document."""

    def __init__(self, blob: bytes, env: Environment):
        self.env = env
        self._steps = TemplateSteps(blob)  # docxtpl's own steps of rendering
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            entries = {info.filename: archive.read(info) for info in archive.infolist()}
        self.document_name = _main_part(entries)
        rels = _relationships(entries, self.document_name)
        self.supported = (
            not any(reltype == RT.FOOTNOTES for reltype, _ in rels)
            and not _JINJA.search(entries.get(_core_name(entries), b""))
        )
        self._root: Any = parse_xml(entries[self.document_name])  # python-docx's CT_Document: has .body
        self._parts = [self._compile(self.document_name, body=True)]
        for reltype, target in rels:
            if reltype in (RT.HEADER, RT.FOOTER):
                name = posixpath.normpath(posixpath.join(posixpath.dirname(self.document_name), target))
                self._parts.append(self._compile(name, entries=entries))
        self.part_names = [part.name for part in self._parts]
        self.static = self._static(entries)
        self._blob = blob
        self._values: dict[str, dict] = {}  # per rendered part: values placed once (a picture)
        self._pictures: dict[tuple, CompiledTemplate] = {}

    def _static(self, entries: dict[str, bytes]) -> bytes:
        """A zip of every part that is not rendered."""
        static = io.BytesIO()
        with zipfile.ZipFile(static, "w") as archive:
            for name, data in entries.items():
                if name not in self.part_names:
                    archive.writestr(zip_entry(name), data)
        return static.getvalue()

    def with_picture(self, name: str, picture: bytes, width: int, height: int) -> CompiledTemplate:
        """This template with the value `name` a picture (the logo), `width` × `height` in EMU.

        docxtpl places an InlineImage again in every document it renders; here the picture is
        added once, to each part whose template uses `name`, and the parts' relationships and
        the picture go into the zip of unrendered parts. Each part is then filled in with the
        drawing that refers to its own copy of the relationship, as docxtpl writes it.
        """
        key = (name, hashlib.sha256(picture).hexdigest(), width, height)
        if key not in self._pictures:
            doc = Document(io.BytesIO(self._blob))
            parts = {part.partname.lstrip("/"): part for part in doc.part.package.iter_parts()}
            values = {}
            for number, part in enumerate(self._parts, start=PICTURE_IDS):
                drawing = None
                if name in part.source:
                    inline = parts[part.name].new_pic_inline(io.BytesIO(picture), width, height)
                    # python-docx numbers a drawing within its own part: a picture in the text
                    # would get the same id, which Word repairs. These ids are apart.
                    for element in inline.xpath(".//wp:docPr | .//pic:cNvPr"):
                        element.set("id", str(number))
                    inline = inline.xml
                    # As docxtpl's InlineImage: the drawing in a run of its own, between the text runs.
                    drawing = Markup(f'</w:t></w:r><w:r><w:drawing>{inline}</w:drawing></w:r><w:r>'
                                     '<w:t xml:space="preserve">')
                values[part.name] = {name: drawing}
            out = io.BytesIO()
            doc.save(out)
            with zipfile.ZipFile(out) as archive:
                entries = {info.filename: archive.read(info) for info in archive.infolist()}
            variant = copy.copy(self)
            variant.static, variant._values, variant._pictures = self._static(entries), values, {}
            self._pictures[key] = variant
        return self._pictures[key]

    def _compile(self, name: str, body: bool = False, entries: dict[str, bytes] | None = None) -> _Part:
        source = self._root.body if body else parse_xml((entries or {})[name])
        xml = self._steps.patch(etree.tostring(source, encoding="unicode", pretty_print=False))
        # docxtpl's escapes for a literal '{{', '}}', '{%' or '%}' in a template ('{_{' …) become Jinja
        # expressions here, not text replaced after rendering: a trainer's name '{_%' stays as typed.
        for escaped, literal in _ESCAPES.items():
            xml = xml.replace(escaped, f"{{{{ '{literal}' }}}}")
        # As docxtpl's render_xml_part: every paragraph on a line of its own, for Jinja's line numbers.
        xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
        return _Part(name, body, self.env.from_string(xml), xml)

    def render_parts(self, context: dict) -> dict[str, bytes]:
        """The rendered parts (body document, headers, footers) by zip name, as docxtpl makes them."""
        out = {}
        for part in self._parts:
            xml = part.template.render(context | self._values.get(part.name, {}))
            xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
            xml = self._steps.listing(xml)
            if part.body:
                tree = self._steps.body(xml)
                self._root.replace(self._root.body, tree)
                out[part.name] = serialize(self._root)
            else:
                out[part.name] = serialize(parse_xml(xml.encode("utf-8")))
        return out

    def render(self, context: dict) -> bytes:
        """The filled-in .docx."""
        return package(self.static, self.render_parts(context))


def _main_part(entries: dict[str, bytes]) -> str:
    for reltype, target in _relationships(entries, ""):
        if reltype == RT.OFFICE_DOCUMENT:
            return target.lstrip("/")
    raise KeyError("officeDocument")


def _core_name(entries: dict[str, bytes]) -> str:
    for reltype, target in _relationships(entries, ""):
        if reltype == RT.CORE_PROPERTIES:
            return target.lstrip("/")
    return ""


def _relationships(entries: dict[str, bytes], part: str) -> list[tuple[str, str]]:
    """(type, target) of the relationships of `part` ('' for the package)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels") if part else _PACKAGE_RELS
    if rels_name not in entries:
        return []
    root = etree.fromstring(entries[rels_name])
    return [(rel.get("Type", ""), rel.get("Target", "")) for rel in root
            if rel.get("TargetMode") != "External"]
