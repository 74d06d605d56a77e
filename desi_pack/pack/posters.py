"""Posters for the sticky-note assignments (6.1, 11.2): A3 landscape sheets for the wall.

The text comes from `sessions/posters.yaml`; the frame (header with the organisation,
footer with the attribution) is the one every form has. Letters are big enough to read
from across the room; the space under each question is left empty for the notes.
"""

from __future__ import annotations

from docx.shared import Pt

from desi_pack import dutch
from desi_pack.course.course import Course, Poster
from desi_pack.pack.instruments import frame, save
from desi_pack.training.config import Training
from desi_pack.word import wordxml as wx
from desi_pack.word.page import A4_CM, BOTTOM_MARGIN_CM, LOGO_HEIGHT_CM, TOP_MARGIN_CM
from desi_pack.word.rendering import Templates

PAPER = "A3-liggend"
BODY_CM = A4_CM[1] - TOP_MARGIN_CM - BOTTOM_MARGIN_CM  # A3 landscape is as high as A4 is long
# Read from three metres: the level texts at least 20 pt, the questions larger still.
TITLE_PT, SUBTITLE_PT, QUESTION_PT, TEXT_PT = 48, 16, 26, 20


def render(
    key: str, poster: Poster, sheet: int, training: Training | None, course: Course, templates: Templates
) -> bytes:
    """One sheet of a poster as an A3 landscape page."""
    item = poster.vellen[sheet]
    title = dutch.capital(item.titel or poster.kop)
    doc, width = frame(key, title, poster.kop if item.titel else "", PAPER, training, course, templates)
    _enlarge_title(doc)
    used = 2.2 * (1 + len(title) // 40) + 1.4  # title lines of about 40 letters, and the subtitle
    for level in item.niveaus:
        paragraph = wx.paragraph(doc.element.body, after_pt=10)
        wx.run(paragraph, f"{level.kop}: ", bold=True, size_pt=TEXT_PT)
        wx.run(paragraph, level.tekst, size_pt=TEXT_PT)
        used += 0.8 + 0.9 * (1 + len(level.kop + level.tekst) // 110)  # lines of about 110 letters
    if training is not None and training.logo_image:  # a header with a logo is taller
        used += LOGO_HEIGHT_CM + 0.5
    _board(doc, item.vakken, width, BODY_CM - used)
    return save(doc)


def _enlarge_title(doc) -> None:
    """Title and subtitle in poster sizes (the frame's are a form's)."""
    sizes = {"Title": TITLE_PT, "Subtitle": SUBTITLE_PT}
    for paragraph in doc.paragraphs:
        if paragraph.style.style_id in sizes:
            for run in paragraph.runs:
                run.font.size = Pt(sizes[paragraph.style.style_id])


def _board(doc, questions: list[str], width: float, height: float) -> None:
    """Questions side by side, each with an empty column below it for the sticky notes."""
    column = width / len(questions)
    # The questions keep off the borders by their own spacing (wordxml.spacing); the board fills the rest exactly.
    table = wx.table(doc.element.body, [column] * len(questions), margins_cm=None)
    head = wx.row(table)
    for question in questions:
        paragraph = wx.cell(head, column, fill="DCE9EC", middle=True, align="center")
        wx.run(paragraph, question, bold=True, size_pt=QUESTION_PT)
        wx.spacing(paragraph, 8, 8)  # the question does not touch the cell's borders
    lines = max(1 + len(q) // int(column * 1.9) for q in questions)  # about 1.9 letters a cm at 26 pt
    body = wx.row(table, height_cm=max(height - 1.2 * lines, 6.0), together=True)
    for _ in questions:
        wx.cell(body, column)
