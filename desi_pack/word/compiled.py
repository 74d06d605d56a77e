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
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from jinja2 import Environment, Template
from lxml import etree
from markupsafe import Markup

from desi_pack.word.compat import TemplateSteps
from desi_pack.word.package import append, serialize, write
from desi_pack.word.package import entries as _entries

_JINJA = re.compile(rb"\{[{%#]")
_PACKAGE_RELS = "_rels/.rels"
KEEP_PICTURES = 4  # logos placed in a template kept at once (the page may see a few in its life)
PICTURE_IDS = 9001  # ids of the drawings of a picture placed once (with_picture), one per part


@dataclass
class _Part:
    name: str  # inside the zip: 'word/header1.xml'
    body: bool  # the main document: only its w:body is a template, as in docxtpl
    template: Template  # the compiled Jinja template
    source: str  # what it was compiled from


_ESCAPES = {"{_{": "{{", "}_}": "}}", "{_%": "{%", "%_}": "%}"}


class CompiledTemplate:
    """One .docx template: parsed, cleaned and compiled once; `render` makes a document."""

    def __init__(self, blob: bytes, env: Environment):
        self.env = env
        self._steps = TemplateSteps(blob)  # docxtpl's own steps of rendering
        entries = _entries(blob)
        self.document_name = _main_part(entries)
        rels = _relationships(entries, self.document_name)
        self.supported = not any(reltype == RT.FOOTNOTES for reltype, _ in rels) and not _JINJA.search(
            entries.get(_core_name(entries), b"")
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
        return write({name: data for name, data in entries.items() if name not in self.part_names})

    def with_picture(self, name: str, picture: bytes, width: int, height: int) -> CompiledTemplate:
        """This template with the value `name` a picture (the logo), `width` × `height` in EMU.

        docxtpl places an InlineImage again in every document it renders; here the picture is
        added once, to each part whose template uses `name`, and the parts' relationships and
        the picture go into the zip of unrendered parts. Each part is then filled in with the
        drawing that refers to its own copy of the relationship, as docxtpl writes it.
        """
        key = (name, hashlib.sha256(picture).hexdigest(), width, height)
        placed = self._pictures.get(key)
        if placed is None:
            placed = self._placed(name, picture, width, height)
            # A long-lived process (the page) sees a few logos; the page's threads may get here at once,
            # so each step is one that Python does whole (no lock: a forked worker could inherit it locked).
            while len(self._pictures) >= KEEP_PICTURES:
                self._pictures.pop(next(iter(self._pictures)), None)
            self._pictures[key] = placed
        return placed

    def _placed(self, name: str, picture: bytes, width: int, height: int) -> CompiledTemplate:
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
                drawing = Markup(
                    f'</w:t></w:r><w:r><w:drawing>{inline}</w:drawing></w:r><w:r><w:t xml:space="preserve">'
                )
            values[part.name] = {name: drawing}
        out = io.BytesIO()
        doc.save(out)
        variant = copy.copy(self)
        variant.static, variant._values, variant._pictures = self._static(_entries(out.getvalue())), values, {}
        return variant

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
        return append(self.static, self.render_parts(context))


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
    return [(rel.get("Type", ""), rel.get("Target", "")) for rel in root if rel.get("TargetMode") != "External"]
