"""Word documents made on a frame: a template opened once, its own parts swapped per document.

A frame is a python-docx Document of a rendered template, opened once per process. What
differs between the documents of one template are their own parts (OWN: the body document,
headers and footers); every other part (the 350 kB styles part, the theme, a logo) is the
template's, byte for byte. Opening the package with python-docx and saving it again costs far
more than the content itself, so each next document swaps its own parts into the frame
(`Frame.swap`) and is saved by appending just those parts to a zip of the unchanged ones
(`Frame.save`, through package.py and its fixed dates). One class, three users:

- forms, homework sheets, date lists, posters and certificates (`open_document`, `save`): a
  frame per template, whose parts compiled.py renders for each document (a draaiboek, which
  adds nothing to its template, is rendered by compiled.py into a package straight away);
- the verwijskaart's cards (verwijskaart/cards.py): one frame, its first parts put back per card;
- the print files (reopen.py): the documents of a build opened again, on a frame per template.

A document that changed anything else (a picture added, a style added) is saved the
ordinary way; the frame forgets the relations it added, or is opened afresh for the next
document when that is not enough.
"""

from __future__ import annotations

import io
import re
import weakref
from typing import Any

from docx import Document
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from desi_pack.word.package import append, saved, serialize
from desi_pack.word.properties import PART, add_to, custom_xml, with_custom_part
from desi_pack.word.rendering import Templates

OWN = re.compile(r"word/(document|header\d*|footer\d*)\.xml")  # a document's own parts

_frames: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Templates -> {name: _TemplateFrame}
_by_document: dict[int, _TemplateFrame] = {}


class Frame:
    """A python-docx Document whose own parts are swapped per document.

    `parts` are its own parts by zip name ('word/header1.xml'), in `names`' order where given (the
    order a saved document appends them in), else every part OWN names; `static` the zip of all its
    other parts (package.py), which `save` appends to.
    """

    def __init__(self, doc, static: bytes | None = None, names: list[str] | None = None):
        self.doc, self.static = doc, static
        by_name = {part.partname.lstrip("/"): part for part in doc.part.package.iter_parts()}
        # A name the document lacks maps to None: _TemplateFrame then saves the whole package instead.
        self.parts: dict[str, Any] = (
            {name: by_name.get(name) for name in names}
            if names is not None
            else {name: part for name, part in by_name.items() if OWN.fullmatch(name)}
        )

    def swap(self, new: dict) -> None:
        """Give each own part the content of its next version in `new` (parsed XML, by zip name)."""
        for name, element in new.items():
            swap_in(self.parts[name], element)

    def save(self, properties: dict[str, str] | None = None) -> bytes:
        """The document as .docx: `static` with the own parts appended, and `properties` as its custom
        document properties (see properties.py)."""
        if self.static is None:
            raise ValueError("a frame without static parts is saved by its own save")
        parts = {name: serialize(part.element) for name, part in self.parts.items()}
        if not properties:
            return append(self.static, parts)
        return append(with_custom_part(self.static), parts | {PART: custom_xml(properties)})


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
        frame = frames[name] = _TemplateFrame(templates, name, context, compiled)
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
    return frame.save(properties)


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


class _TemplateFrame(Frame):
    """One template opened with python-docx; its parts rendered per document are swapped in."""

    def __init__(self, templates: Templates, name: str, context: dict, compiled):
        doc = Document(io.BytesIO(templates.render(name, context)))
        super().__init__(doc, compiled.static, compiled.part_names)
        self.templates, self.name = templates, name
        self.compiled = compiled
        self.busy = self.dirty = False
        root = self.doc.element
        self.fast = (
            self.compiled.supported
            and None not in self.parts.values()
            and [child.tag for child in root] == [qn("w:body")]
        )
        self.pristine = self.signature()

    def fill(self, context: dict) -> None:
        """Make the document the template filled in with context, as a fresh render would."""
        try:
            rendered = self.compiled.render_parts(context)
        except Exception:
            # The error as rendering.py words it (a template problem), else the original one.
            self.templates.render(self.name, context)
            raise
        self.swap({name: parse_xml(rendered[name]) for name in self.parts})

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
