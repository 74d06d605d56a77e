"""The workbook's instruments as editable, printable Word forms.

The frame (styles, header, footer) comes from the template `formulier.docx`; the form
itself is built from `sessions/instrumenten.yaml`, one function per kind of block.
Every place where a person writes gets a content control (see controls.py) inside a
box or on a line that also works on paper.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ALIGN_VERTICAL
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from desi_pack import networkmap
from desi_pack.config import Training
from desi_pack.controls import Controls
from desi_pack.course import Course, Exercise, Instrument
from desi_pack.documents import common
from desi_pack.rendering import Templates
from desi_pack.wordxml import bottom_line, keep_row_together, repeat_header, shade

PAPER = {"A4-staand": (21.0, 29.7, WD_ORIENT.PORTRAIT), "A3-liggend": (42.0, 29.7, WD_ORIENT.LANDSCAPE)}
MARGIN_CM = 1.8
TABLE_TEXT = "Tabeltekst"  # style id in formulier.docx
QUESTION = "Vraag"  # style id of a question with writing lines below it
WORKSHEET_LINES = 5  # writing lines under a question at least: the workbook's dots are a minimum
LINE_CM = 0.9  # room for one handwritten line


def render(key: str, instrument: Instrument, training: Training | None, course: Course,
           templates: Templates) -> bytes:
    """One instrument as a form: the template's frame, then the blocks of the data."""
    doc, width = frame(key, instrument.titel, instrument.kop, instrument.papier, training, course, templates)
    form = _Form(doc, Controls(), width, training)
    for text in instrument.inleiding:
        doc.add_paragraph(text)
    for block in instrument.onderdelen:
        form.block(block)
    for text in instrument.bron:
        doc.add_paragraph(text, style="Toelichting")
    return save(doc)


def frame(key: str, title: str, heading: str, paper: str, training: Training | None, course: Course,
          templates: Templates):
    """The template `formulier.docx` filled in and set to the paper; returns it and the usable width."""
    doc = Document(io.BytesIO(templates.render("formulier.docx", _context(key, title, heading, training, course))))
    return doc, _page(doc, paper)


def save(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def with_fields(blob: bytes) -> bytes:
    """Make a rendered sheet fillable on screen: a text field on the first writing line
    after each question (style Vraag), and on an empty 'Naam' cell."""
    doc = Document(io.BytesIO(blob))
    controls = Controls()
    body = doc.element.body
    for element in body.iterchildren():
        if element.tag == qn("w:tbl"):
            _name_field(doc, element, controls)
        elif element.tag == qn("w:p") and element.style == QUESTION:
            following = element.getnext()
            if following is not None and following.tag == qn("w:tbl"):
                cell = following.find(f"{qn('w:tr')}/{qn('w:tc')}")
                paragraph = Paragraph(cell.find(qn("w:p")), None)
                label = "".join(t.text or "" for t in element.iter(qn("w:t")))[:40] or "Antwoord"
                controls.text(paragraph, label, multiline=True, placeholder=" ")
    return save(doc)


def _name_field(doc, tbl, controls: Controls) -> None:
    for tr in tbl.findall(qn("w:tr")):
        cells = tr.findall(qn("w:tc"))
        texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in cells]
        if len(cells) == 2 and texts == ["Naam", ""]:
            controls.text(Paragraph(cells[1].find(qn("w:p")), None), "Naam", placeholder=" ")


def worksheet(exercise: Exercise) -> Instrument:
    """An assignment's questions as a form of their own, with lines to write on."""
    questions = [{"vraag": q.vraag, "regels": 0 if q.regels == 0 else max(q.regels or 0, WORKSHEET_LINES)}
                 for q in exercise.vragen]
    blocks = [{"soort": "vragen", "vragen": questions}]
    if exercise.afsluiting:
        blocks.append({"soort": "info", "tekst": exercise.afsluiting})
    return Instrument(kop=exercise.titel, titel=f"Werkblad {exercise.name}", papier="A4-staand",
                      inleiding=exercise.instructie, onderdelen=blocks)


def _context(key: str, title: str, heading: str, training: Training | None, course: Course) -> dict:
    if training is not None:
        values = common(training, course)
    else:  # a blank instrument for any organisation
        values = {"organisatie": "", "gemeente": "", "trainers": "",
                  "bronvermelding": course.rules.werkboek.attribution, "training": course.rules.naam}
    return values | {"titel": title, "kop": heading, "paragraaf": key}


def _page(doc, paper: str) -> float:
    """Set the paper of the workbook; return the width available for tables in cm."""
    width, height, orientation = PAPER[paper]
    section = doc.sections[0]
    section.orientation = orientation
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    return width - 2 * MARGIN_CM


class _Form:
    """Appends the blocks of one instrument to a document."""

    def __init__(self, doc, controls: Controls, width_cm: float, training: Training | None):
        self.doc, self.controls, self.width, self.training = doc, controls, width_cm, training
        self.partners = training.partners if training else []

    def block(self, block: dict) -> None:
        getattr(self, f"_{block['soort']}")(block)

    def _heading(self, text: str | None) -> None:
        if text:
            self.doc.add_paragraph(text, style="Heading 2")

    # --- kinds of blocks ---------------------------------------------------------

    def _aankruislijst(self, block: dict) -> None:
        """Tick boxes; an empty item of the workbook is a box with a line to write on."""
        self._heading(block.get("kop"))
        for item in block["items"]:
            paragraph = self.doc.add_paragraph()
            paragraph._p.style = TABLE_TEXT
            paragraph.paragraph_format.space_after = Pt(3)
            self._tick(paragraph, item, "Ander signaal", dots=60)

    def _tick(self, paragraph, item: str | None, own_label: str, dots: int) -> None:
        """A tick box and its text; where the workbook leaves it empty, a field to name your own."""
        self.controls.checkbox(paragraph, item or own_label)
        paragraph.add_run(" ")
        if item:
            paragraph.add_run(item)
        else:
            self.controls.text(paragraph, own_label, placeholder="\u2026" * dots)

    def _keuzetabel(self, block: dict) -> None:
        """Statements with one tick box per point of the scale, and a notes column."""
        self.doc.add_paragraph(block["legenda"], style="Toelichting")
        scale = block["schaal"]
        notes = block.get("notitiekolom")
        headers = block.get("kolommen") or ["Stelling", *scale, *(["Eigen notities"] if notes else [])]
        scale_cm = 1.1
        notes_cm = 5.5 if notes else 0
        widths = [self.width - scale_cm * len(scale) - notes_cm, *[scale_cm] * len(scale)]
        widths += [notes_cm] if notes else []
        table = self._table(len(headers), widths, headers)
        for statement in block["stellingen"]:
            row = table.add_row()
            _row_height(row, 1.2 if notes else 0.7)  # a notes column needs room for handwriting
            cells = row.cells
            cells[0].paragraphs[0].add_run(statement)
            for cell, point in zip(cells[1:], scale):
                paragraph = cell.paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                self.controls.checkbox(paragraph, f"{statement[:40]}: {point}", size_pt=13)
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
            if notes:
                self.controls.text(cells[-1].paragraphs[0], "Notitie", multiline=True, placeholder=" ")
        _style_cells(table)

    def _zinsaanvullingen(self, block: dict) -> None:
        """Sentence starters, each with a box to write in."""
        self._heading(block.get("kop"))
        if block.get("opschrift"):
            label = self.doc.add_paragraph()
            label.alignment = WD_ALIGN_PARAGRAPH.CENTER
            label.add_run(block["opschrift"]).bold = True
            label.paragraph_format.keep_with_next = True
        if block.get("groepen"):
            self._groups(block["groepen"])
            return
        for item in block["items"]:
            self._prompt_box(item, height_cm=1.8)

    def _groups(self, groups: list[dict]) -> None:
        widths = [self.width / len(groups)] * len(groups)
        table = self._table(len(groups), widths, [g["kop"] for g in groups])
        rows = max(len(g["items"]) for g in groups)
        for index in range(rows):
            row = table.add_row()
            _row_height(row, 2.4)
            for cell, group in zip(row.cells, groups):
                if index < len(group["items"]):
                    _write_box(cell, group["items"][index], self.controls)
        _style_cells(table)

    def _prompt_box(self, prompt: str, height_cm: float) -> None:
        table = self._table(1, [self.width])
        row = table.add_row()
        _row_height(row, height_cm)
        _write_box(row.cells[0], prompt, self.controls)
        _style_cells(table)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)

    def _tabel(self, block: dict) -> None:
        """A table to fill in; the owner column of Concreet vervolg offers the partners."""
        self._heading(block.get("kop"))
        columns = block["kolommen"]
        labels = block.get("rijkoppen")
        widths = _column_widths(self.width, len(columns), first=6.5 if labels else None)
        table = self._table(len(columns), widths)
        if block.get("kopgroepen"):
            _group_header(table, block["kopgroepen"])
        _column_header(table, columns)
        height = _row_height_for(block["rijen"], self.width)
        for index in range(block["rijen"]):
            row = table.add_row()
            _row_height(row, height)
            for number, (cell, column) in enumerate(zip(row.cells, columns)):
                paragraph = cell.paragraphs[0]
                if labels and number == 0:
                    paragraph.add_run(labels[index]).bold = True
                    continue
                if block.get("genummerd") and number == 0:
                    paragraph.add_run(f"{index + 1}. ")
                label = f"{column['kop']} {index + 1}"
                if "eigenaar" in column["kop"].lower() and self.partners:
                    self.controls.combo(paragraph, label, self.partners)
                else:
                    self.controls.text(paragraph, label, multiline=True, placeholder=" ")
        _style_cells(table)

    def _raster(self, block: dict) -> None:
        """A grid of interests; an empty cell of the workbook is a box to name your own."""
        rows = block["rijen"]
        columns = max(len(r) for r in rows)
        table = self._table(columns, [self.width / columns] * columns)
        for cells in rows:
            row = table.add_row()
            _row_height(row, 0.9)
            for cell, item in zip(row.cells, cells):
                cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
                self._tick(cell.paragraphs[0], item, "Eigen interesse", dots=9)
        _style_cells(table)
        self.doc.add_paragraph()

    def _info(self, block: dict) -> None:
        """A card to read: heading, paragraphs and a (nested) list."""
        self._heading(block.get("kop"))
        for text in block.get("tekst", []):
            self.doc.add_paragraph(text)
        self._items(block.get("items", []), level=0)

    def _items(self, items: list, level: int) -> None:
        for item in items:
            text = item["tekst"] if isinstance(item, dict) else item
            numbered = re.match(r"(\d+\.|[a-z]) ", text)  # '1. Hoe gaat het', 'a Wat betekenen'
            paragraph = self.doc.add_paragraph(text if numbered else f"\u2022 {text}")
            paragraph.paragraph_format.left_indent = Cm(0.6 + 0.6 * level)
            paragraph.paragraph_format.first_line_indent = Cm(-0.4)
            if isinstance(item, dict):
                self._items(item.get("items", []), level + 1)

    def _velden(self, block: dict) -> None:
        """Name, date and similar fields on one line each."""
        for label in block["velden"]:
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(6)
            paragraph.add_run(f"{label} ").bold = True
            if label.lower().startswith("datum"):
                self.controls.date(paragraph, label.rstrip(":"))
            else:
                self.controls.text(paragraph, label.rstrip(":"), placeholder="\u2026" * 40)

    def _vragen(self, block: dict) -> None:
        """Questions, each with dotted lines; the first line holds a text field for the screen."""
        for question in block["vragen"]:
            self.doc.add_paragraph(question["vraag"], style=QUESTION)
            if question["regels"]:
                self._lines(question["regels"], question["vraag"][:40])

    def _lines(self, count: int, label: str) -> None:
        table = self.doc.add_table(rows=count, cols=1)
        table.autofit = False
        _grid(table, [self.width])
        for index, row in enumerate(table.rows):
            _row_height(row, LINE_CM)
            bottom_line(row.cells[0])
            # The question and all its lines stay on one page.
            row.cells[0].paragraphs[0].paragraph_format.keep_with_next = index < count - 1
        self.controls.text(table.rows[0].cells[0].paragraphs[0], label, multiline=True, placeholder=" ")
        _style_cells(table)
        self.doc.add_paragraph().paragraph_format.space_after = Pt(2)  # air before what follows

    def _meldpunt(self, block: dict) -> None:
        """Where signals can be reported locally: from the training's `meldpunt`, if it has one."""
        if not (self.training and self.training.meldpunt):
            return
        self.doc.add_paragraph()
        table = self._table(1, [self.width])
        cell = table.add_row().cells[0]
        shade(cell, "FFF4D6")
        cell.paragraphs[0].add_run(f"Signalen melden in {self.training.gemeente}").bold = True
        for line in self.training.meldpunt.splitlines():
            cell.add_paragraph(line)
        _style_cells(table)

    def _kaart(self, block: dict) -> None:
        """The blank network map is drawn; the filled-in example exists only in the workbook."""
        self._heading(block.get("kop"))
        if block.get("voorbeeld"):
            self.doc.add_paragraph("Het ingevulde voorbeeld staat in het werkboek (\u00a78.7).",
                                   style="Toelichting")
            return
        size = min(self.width, 16.5)
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run().add_picture(io.BytesIO(networkmap.png()), width=Cm(size))

    # --- tables ------------------------------------------------------------------

    def _table(self, columns: int, widths: list[float], headers: list[str] | None = None):
        table = self.doc.add_table(rows=0, cols=columns)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        _grid(table, widths)
        if headers:
            row = table.add_row()
            repeat_header(row)
            for cell, text in zip(row.cells, headers):
                cell.paragraphs[0].add_run(text).bold = True
                shade(cell, "DCE9EC")
        return table


def _write_box(cell, prompt: str, controls: Controls) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run(prompt).bold = True
    answer = cell.add_paragraph()
    controls.text(answer, prompt[:40], multiline=True, placeholder=" ")


def _column_widths(total: float, count: int, first: float | None) -> list[float]:
    if first is None:
        return [total / count] * count
    return [first] + [(total - first) / (count - 1)] * (count - 1)


def _row_height_for(rows: int, width: float) -> float:
    """Few rows get the page; many rows get room for two handwritten lines."""
    if rows == 1:
        return 14.0 if width > 30 else 16.0
    return 1.6 if rows <= 5 else 1.3


def _group_header(table, groups: list[dict]) -> None:
    row = table.add_row()
    repeat_header(row)
    cells = row.cells
    position = 0
    for group in groups:
        span = group["breedte"]
        cell = cells[position]
        if span > 1:
            cell = cell.merge(cells[position + span - 1])
        sign = f"   {group['teken']}" if group.get("teken") else ""
        cell.paragraphs[0].add_run(f"{group['kop']}{sign}").bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        shade(cell, "C9DCE1")
        position += span


def _column_header(table, columns: list[dict]) -> None:
    row = table.add_row()
    repeat_header(row)
    for cell, column in zip(row.cells, columns):
        paragraph = cell.paragraphs[0]
        if column.get("stap"):
            paragraph.add_run(f"{column['stap']}\n")
        paragraph.add_run(column["kop"]).bold = True
        for question in column.get("vragen", []):
            _question(cell, question, level=0)
        shade(cell, "DCE9EC")


def _question(cell, question, level: int) -> None:
    text = question["vraag"] if isinstance(question, dict) else question
    paragraph = cell.add_paragraph(f"\u2022 {text}" if level == 0 else f"\u2013 {text}")
    paragraph.paragraph_format.left_indent = Cm(0.3 * level)
    for run in paragraph.runs:
        run.font.size = Pt(9)
    if isinstance(question, dict):
        for sub in question.get("subvragen", []):
            _question(cell, sub, level + 1)


def _grid(table, widths: list[float]) -> None:
    grid = table._tbl.tblGrid
    for col, cm in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(cm * 567)))
    table._widths = widths


def _style_cells(table) -> None:
    """Widths on every cell (Word reads those) and the small table font."""
    widths = getattr(table, "_widths", None)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if widths and index < len(widths):
                cell.width = Cm(widths[index])
            for paragraph in cell.paragraphs:
                # The style id directly: python-docx's lookup by name costs ~1 ms a paragraph.
                paragraph._p.style = TABLE_TEXT


def _row_height(row, cm: float) -> None:
    row.height = Cm(cm)
    keep_row_together(row)

