"""The insides of python-docx, docxtpl and docxcompose that desi-pack needs: here, once.

Each library offers no public way to do these things; a minor release may rename or drop
what is used here. tests/word/test_compat.py fails, naming the one that changed, before a
document comes out wrong.

- python-docx: the XML element behind its objects (`_element`), and a Paragraph over a w:p
  that has no parent object.
- docxtpl: the steps of `DocxTemplate.render` that compiled.py runs on parts it compiled once.
- docxcompose: the Composer's hook that maps style ids, and its numbering run once at the end.

What python-docx exports from `docx.oxml` (`OxmlElement`, `parse_xml`, `qn`) and its element
classes' `get_or_add_*` methods are its documented way to reach the XML, and are used as they are.
The libraries are imported where they are first needed: `desi-pack --help` starts without them.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from lxml import etree


def element_of(thing: Any) -> Any:
    """The XML element behind a python-docx Paragraph, _Cell, _Row, header or footer (w:p, w:tc,
    w:tr, w:hdr/w:ftr: python-docx's element classes, typed Any); an lxml element as it is."""
    return thing if isinstance(thing, etree._Element) else thing._element


def paragraph(element: etree._Element):
    """python-docx's Paragraph over `element` (a w:p) that belongs to no python-docx object: for
    its formatting and runs only (its parent, part and document are not there)."""
    from docx.text.paragraph import Paragraph

    return Paragraph(element, None)  # type: ignore[arg-type]


class TemplateSteps:
    """docxtpl's own steps of `DocxTemplate.render`, on one template, so that a part rendered from
    a compiled Jinja template (compiled.py) gets the XML docxtpl itself would make."""

    def __init__(self, blob: bytes):
        from docxtpl import DocxTemplate

        self._tpl = DocxTemplate(io.BytesIO(blob))

    def patch(self, xml: str) -> str:
        """The template's XML with Jinja tags split over runs joined again (`patch_xml`)."""
        return self._tpl.patch_xml(xml)

    def listing(self, xml: str) -> str:
        """Rendered XML with docxtpl's Listing and RichText markers resolved (`resolve_listing`)."""
        return self._tpl.resolve_listing(xml)

    def body(self, xml: str) -> etree._Element:
        """A rendered w:body as an element: tables fixed, drawing ids numbered from 1000, as docxtpl
        numbers them (`fix_tables`, `fix_docpr_ids`)."""
        tree = self._tpl.fix_tables(xml)
        self._tpl.docx_ids_index = 1000
        self._tpl.fix_docpr_ids(tree)
        return tree


def composer(master):
    """docxcompose's Composer for appending documents to `master` (a python-docx Document) that
    numbers bookmarks and pictures once, by `renumber()` after the last document, and reads the
    style names with lxml: the same numbers and names, without reading the whole growing document
    after every document it adds or making an object of every style."""
    return _composer_class()(master)


@functools.cache
def _composer_class():
    from docxcompose.composer import Composer

    class OnceComposer(Composer):
        def renumber_bookmarks(self):
            pass

        def renumber_docpr_ids(self):
            pass

        def renumber_nvpicpr_ids(self):
            pass

        def _create_style_id_mapping(self, doc):
            # As docxcompose's: style id -> UI name of `doc`, and UI name -> style id of the master.
            self._style_id2name = _style_names(doc)
            self._style_name2id = {name: id_ for id_, name in _style_names(self.doc).items()}

        def renumber(self) -> None:
            Composer.renumber_bookmarks(self)
            Composer.renumber_docpr_ids(self)
            Composer.renumber_nvpicpr_ids(self)

    return OnceComposer


def _style_names(doc) -> dict:
    """Style id -> the name Word shows ('heading 1' -> 'Heading 1'), as python-docx's styles say it."""
    from docx.oxml.ns import qn
    from docx.styles import BabelFish

    names = {}
    for style in doc.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        value = None if name is None else name.get(qn("w:val"))
        names[style.get(qn("w:styleId"))] = None if value is None else BabelFish.internal2ui(value)
    return names
