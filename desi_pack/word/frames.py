"""Word documents built on a rendered template, without re-reading the package each time.

A form is the template `formulier.docx` filled in (title, header, footer) with content
appended through python-docx. Opening the rendered template with python-docx and
saving it again costs far more than the content itself: the package holds a 350 kB
styles part that is parsed and compressed for every form. Here each template is
opened once per build as a python-docx `Document`; every next document swaps in its
own freshly rendered body, header and footer, and is saved by appending just those
parts to the template's unchanged, already compressed parts (compiled.py).

A document that changed anything else (a picture added, a style added) is saved the
ordinary way; the frame forgets the relations it added, or is opened afresh for the next
document when that is not enough.
"""

from __future__ import annotations

import io
import weakref

from docx import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from desi_pack.word.compiled import package, saved, serialize
from desi_pack.word.properties import PART, add_to, custom_xml, with_custom_part
from desi_pack.word.rendering import Templates

_frames: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Templates -> {name: _Frame}
_by_document: dict[int, _Frame] = {}


def open_document(templates: Templates, name: str, context: dict):
    """The template `name` filled in with context, as a python-docx Document to add to; save with `save`."""
    try:
        compiled = templates.compiled_for(name, context)
    except Exception:
        templates.render(name, context)  # the error as rendering.py words it (a damaged template)
        raise
    if compiled is None:  # docxtpl fills it in: no frame to reuse
        return Document(io.BytesIO(templates.render(name, context)))
    frames = _frames.setdefault(templates, {})
    frame = frames.get(name)
    if frame is None or frame.busy or frame.dirty or frame.compiled is not compiled:
        frame = frames[name] = _Frame(templates, name, context, compiled)
    else:
        frame.fill(context)
    frame.busy = True
    _by_document[id(frame.doc)] = frame
    return frame.doc


def save(doc, properties: dict[str, str] | None = None) -> bytes:
    """The .docx bytes of a document from `open_document` (or any python-docx Document), with
    `properties` as its custom document properties (see properties.py)."""
    frame = _by_document.pop(id(doc), None)
    if frame is None or frame.doc is not doc:
        return _save_whole(doc, properties)
    frame.busy = False
    if not frame.fast or frame.signature() != frame.pristine:
        blob = _save_whole(doc, properties)
        frame.forget_new_relations()
        frame.dirty = frame.signature() != frame.pristine
        return blob
    parts = {name: serialize(part.element) for name, part in frame.parts.items() if part is not None}  # fast: all
    if not properties:
        return package(frame.compiled.static, parts)
    return package(with_custom_part(frame.compiled.static), parts | {PART: custom_xml(properties)})


def swap_in(part, new) -> None:
    """Give a part of an opened document the content of `new`, its next version parsed.

    python-docx holds on to a document's w:body element, so there the body's children change.
    """
    old = part.element
    if new.tag == qn("w:document"):
        new, old = new.find(qn("w:body")), old.find(qn("w:body"))
    for child in list(old):
        old.remove(child)
    old.extend(list(new))


def _save_whole(doc, properties: dict[str, str] | None = None) -> bytes:
    undo = add_to(doc, properties) if properties else None
    try:
        return saved(doc)
    finally:
        if undo:
            undo()


class _Frame:
    """One template opened with python-docx; its rendered parts are swapped per document."""

    def __init__(self, templates: Templates, name: str, context: dict, compiled):
        self.templates, self.name = templates, name
        self.doc = Document(io.BytesIO(templates.render(name, context)))
        self.compiled = compiled
        self.busy = self.dirty = False
        by_name = {part.partname.lstrip("/"): part for part in self.doc.part.package.iter_parts()}
        self.parts = {name: by_name.get(name) for name in self.compiled.part_names}
        root = self.doc.element
        self.fast = (self.compiled.supported and None not in self.parts.values()
                     and [child.tag for child in root] == [qn("w:body")])
        self.pristine = self.signature()

    def fill(self, context: dict) -> None:
        """Make the document the template filled in with context, as a fresh render would."""
        try:
            rendered = self.compiled.render_parts(context)
        except Exception:
            # The error as rendering.py words it (a template problem), else the original one.
            self.templates.render(self.name, context)
            raise
        for name, part in self.parts.items():
            swap_in(part, parse_xml(rendered[name]))

    def forget_new_relations(self) -> None:
        """Drop what a document added to the frame (the picture of the network map): the next
        document starts from the template again."""
        known = {rel[0] for part, rels in self.pristine[0] if part == self.doc.part.partname for rel in rels}
        for rel_id in [rel_id for rel_id in self.doc.part.rels if rel_id not in known]:
            del self.doc.part.rels[rel_id]

    def signature(self) -> tuple:
        """What a form may not change for the quick save: the parts, their relationships, styles and lists."""
        package_ = self.doc.part.package
        parts = tuple(
            (part.partname, tuple(sorted((rel.rId, rel.reltype, rel.target_ref) for rel in part.rels.values())))
            for part in package_.iter_parts()
        )
        styles = len(self.doc.styles.element)
        return parts, styles
