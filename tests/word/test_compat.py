"""The insides of python-docx, docxtpl and docxcompose that word/compat.py uses are still there and
still do what desi-pack relies on. A failure here names the library and the name that changed:
fix word/compat.py (only there), then the tests of the documents say whether the output is the same
(tests/word/test_compiled.py compares the compiled templates with docxtpl's own rendering)."""

from __future__ import annotations

import inspect

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docxcompose.composer import Composer
from docxtpl import DocxTemplate

from desi_pack.resources import templates_dir
from desi_pack.word import compat

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_element_of_gives_the_xml_behind_python_docx_objects():
    doc = Document()
    paragraph = doc.add_paragraph("tekst")
    table = doc.add_table(rows=1, cols=1)
    footer = doc.sections[0].footer
    for thing, tag in ((paragraph, "w:p"), (table.rows[0], "w:tr"), (table.cell(0, 0), "w:tc"), (footer, "w:ftr")):
        element = compat.element_of(thing)
        assert element.tag == qn(tag), f"python-docx: {type(thing).__name__}._element is no longer its {tag}"
    assert compat.element_of(paragraph).getparent() is doc.element.body
    raw = OxmlElement("w:p")
    assert compat.element_of(raw) is raw


def test_a_paragraph_without_a_parent_formats_its_element():
    element = OxmlElement("w:p")
    fmt = compat.paragraph(element).paragraph_format
    fmt.space_before = Pt(0)
    fmt.line_spacing = Pt(1)
    spacing = element.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing is not None and spacing.get(qn("w:before")) == "0" and spacing.get(qn("w:line")) == "20"


def test_docxtpls_steps_of_rendering_are_there():
    for name in ("patch_xml", "resolve_listing", "fix_tables", "fix_docpr_ids"):
        assert callable(getattr(DocxTemplate, name, None)), f"docxtpl: DocxTemplate.{name} is gone"
    assert "docx_ids_index" in inspect.getsource(DocxTemplate.fix_docpr_ids), (
        "docxtpl: fix_docpr_ids no longer numbers from docx_ids_index"
    )
    steps = compat.TemplateSteps((templates_dir() / "formulier.docx").read_bytes())
    split = "<w:p><w:r><w:t>{{ ti</w:t></w:r><w:r><w:t>tel }}</w:t></w:r></w:p>"
    assert "{{ titel }}" in steps.patch(split)
    assert steps.listing("<w:t>a</w:t>") == "<w:t>a</w:t>"
    body = steps.body(f'<w:body xmlns:w="{W}"><w:p/></w:body>')
    assert body.tag == qn("w:body")


def test_docxcomposes_hooks_are_there_and_used():
    source = inspect.getsource(Composer)
    for name in (
        "_create_style_id_mapping",
        "_style_id2name",
        "_style_name2id",
        "renumber_bookmarks",
        "renumber_docpr_ids",
        "renumber_nvpicpr_ids",
    ):
        assert name in source, f"docxcompose: Composer no longer has or uses {name}"
    master, other = Document(), Document()
    other.add_paragraph("Kop", style="Heading 1")
    composer = compat.composer(master)
    composer.append(other)
    composer.renumber()
    assert [p.style.name for p in master.paragraphs if p.text == "Kop"] == ["Heading 1"]
