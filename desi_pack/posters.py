"""Posters for the sticky-note assignments (6.1, 11.2): A3 landscape sheets for the wall.

The text comes from `sessions/posters.yaml`; the frame (header with the organisation,
footer with the attribution) is the one every form has. Letters are big enough to read
from across the room; the space under each question is left empty for the notes.
"""

from __future__ import annotations

from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from desi_pack.config import Training
from desi_pack.course import Course, Poster
from desi_pack.instruments import frame, grid_style, save
from desi_pack.rendering import Templates
from desi_pack.wordxml import keep_row_together, shade

PAPER = "A3-liggend"
BODY_CM = 25.7  # A3 landscape height less the top and bottom margins
TITLE_PT, QUESTION_PT, TEXT_PT = 48, 22, 16


def render(key: str, poster: Poster, sheet: int, training: Training | None, course: Course,
           templates: Templates) -> bytes:
    """One sheet of a poster as an A3 landscape page."""
    item = poster.vellen[sheet]
    title = item.titel or poster.kop
    doc, width = frame(key, title, poster.kop if item.titel else "", PAPER, training, course, templates)
    _enlarge_title(doc)
    used = 2.2 * (1 + len(title) // 40) + 1.0  # title lines of about 40 letters, and the subtitle
    for level in item.niveaus:
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(8)
        paragraph.add_run(f"{level.kop}: ").bold = True
        paragraph.add_run(level.tekst)
        for run in paragraph.runs:
            run.font.size = Pt(TEXT_PT)
        used += 0.6 + 0.75 * (1 + len(level.kop + level.tekst) // 140)  # lines of about 140 letters
    _board(doc, item.vakken, width, BODY_CM - used)
    return save(doc)


def _enlarge_title(doc) -> None:
    for paragraph in doc.paragraphs:
        if paragraph.style.style_id == "Title":
            for run in paragraph.runs:
                run.font.size = Pt(TITLE_PT)
            return


def _board(doc, questions: list[str], width: float, height: float) -> None:
    """Questions side by side, each with an empty column below it for the sticky notes."""
    table = doc.add_table(rows=2, cols=len(questions))
    grid_style(table)
    table.autofit = False
    column = width / len(questions)
    for col in table._tbl.tblGrid.findall(qn("w:gridCol")):
        col.set(qn("w:w"), str(int(column * 567)))
    head, body = table.rows
    lines = max(1 + len(q) // int(column * 2.2) for q in questions)  # about 2.2 letters a cm at 22 pt
    for cell, question in zip(head.cells, questions):
        cell.width = Cm(column)
        shade(cell, "DCE9EC")  # before vAlign: the schema orders tcW, shd, vAlign
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(question)
        run.bold, run.font.size = True, Pt(QUESTION_PT)
    for cell in body.cells:
        cell.width = Cm(column)
    body.height = Cm(max(height - 1.2 * lines, 6.0))
    keep_row_together(body)
