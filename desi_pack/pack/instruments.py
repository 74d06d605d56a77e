"""The workbook's instruments as editable, printable Word forms.

The frame (styles, header, footer) comes from the template `formulier.docx`; the form
itself is built from `sessions/instrumenten.yaml`, one method per kind of block (course/blocks.py).
Every place where a person writes gets a content control (see controls.py) inside a
box or on a line that also works on paper.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from desi_pack.course.blocks import (
    LISTS,
    Block,
    BulletList,
    Checklist,
    ChoiceTable,
    Column,
    ColumnGroup,
    Fields,
    FillTable,
    Grid,
    HeadQuestion,
    InfoCard,
    InfoItem,
    NetworkMap,
    Questions,
    ReportingPoint,
    SentenceStarters,
    StarterGroup,
    WritingQuestion,
)
from desi_pack.course.course import REFERRAL, Course, Exercise, Instrument
from desi_pack.pack.documents import common
from desi_pack.resources import templates_dir
from desi_pack.training.config import Training
from desi_pack.training.referral import CardLabels, Place, contact_lines, place_of
from desi_pack.word import frames, page, properties
from desi_pack.word import wordxml as wx
from desi_pack.word.controls import Controls, dotted_line, title
from desi_pack.word.page import SIDE_MARGIN_CM
from desi_pack.word.rendering import Templates
from desi_pack.writing.output import slugify

PAPER = {"A4-staand": (21.0, 29.7, WD_ORIENT.PORTRAIT), "A3-liggend": (42.0, 29.7, WD_ORIENT.LANDSCAPE)}
TABLE_TEXT = "Tabeltekst"  # style id in formulier.docx
QUESTION = "Vraag"  # style id of a question with writing lines below it
NOTE, HEADING, GRID = "Toelichting", "Heading2", "TableGrid"  # style ids in formulier.docx
WORKSHEET_LINES = 5  # writing lines under a question at least: the workbook's dots are a minimum
LINE_CM = 0.9  # room for one handwritten line
BOX_PADDING_CM = 0.12  # room between a box's border and what is written in it
NAME_LINE_CM = 9.0  # the line for a name on a sheet
STEP_MARK, OPTION_MARK = "\u25b8", "\u2022"  # ▸ a step to take, • an option (as on desi-pack verwijskaart's cards)
ROOM_SAFETY = 0.95  # of the room estimated for a table's rows, this much is used: the estimate is rough
NETWORK_MAP = "netwerkkaart.png"
HEAD_FILL, GROUP_FILL = "DCE9EC", "C9DCE1"  # column heads, and the groups above them


def render(key: str, instrument: Instrument, training: Training | None, course: Course, templates: Templates) -> bytes:
    """One instrument as a form: the template's frame, then the blocks of the data. The verwijskaart
    (course.REFERRAL) of a training with a `verwijskaart:` section is its local card, filled in."""
    place = place_of(training.verwijskaart, training.gemeente) if key == REFERRAL and training else None
    local = place if place is not None and not place.is_empty else None
    title = f"{instrument.titel} {local.naam}" if local is not None else instrument.titel
    doc, width = frame(key, title, instrument.kop, instrument.papier, training, course, templates)
    name = form_name(key, instrument)
    form = _Form(doc, Controls(name), width, training)
    if local is not None and training is not None:
        form.local_card(local, CardLabels.from_instrument(instrument))
        return save(doc, properties.identity(name, training.owner))
    if instrument.naam_en_datum:
        form.name_and_date()
    for text in instrument.inleiding:
        wx.paragraph(form.body, text)
    form.above_cm = _top_cm(instrument, width)
    blocks = list(enumerate(instrument.onderdelen, start=1))
    while blocks:
        lists = _checklists(blocks)
        if lists:  # several short tick lists side by side: a card on one side of A4
            form.checklists(lists)
            blocks = blocks[len(lists) :]
        else:
            form.block(blocks[0][1], blocks[0][0])
            blocks = blocks[1:]
        form.above_cm = None  # below the first block, how much of the page is used is not estimated
    for number, text in enumerate(instrument.bron):  # the source, apart from the table above it
        wx.paragraph(form.body, text, style=NOTE, before_pt=8 if number == 0 else None)
    return save(doc, properties.identity(name, training.owner if training else ""))


def frame(
    key: str, title: str, heading: str, paper: str, training: Training | None, course: Course, templates: Templates
):
    """The template `formulier.docx` filled in and set to the paper; returns it and the usable width."""
    doc = frames.open_document(templates, "formulier.docx", _context(key, title, heading, training, course))
    return doc, _page(doc, paper)


def _checklists(blocks: list[tuple[int, Block]]) -> list[tuple[int, Checklist | BulletList]]:
    """The run of three or more lists of one kind (tick lists, or lists to read) without own items at the
    start of `blocks`, or none."""
    run: list[tuple[int, Checklist | BulletList]] = []
    for number, block in blocks:
        if not isinstance(block, LISTS) or type(block) is not type(blocks[0][1]) or not all(block.items):
            break
        run.append((number, block))
    return run if len(run) >= 3 else []


def form_name(key: str, instrument: Instrument) -> str:
    """The form part of its fields' tags (controls.field_tag): '6.8', or 'werkblad-3.5' for a worksheet."""
    return f"werkblad-{key}" if instrument.titel.startswith("Werkblad") else key


def save(doc, identity_: dict[str, str] | None = None) -> bytes:
    return frames.save(doc, identity_)


def fillable(templates: Templates, name: str, context: dict, form: str) -> bytes:
    """The template `name` rendered with context, made fillable on screen (see `with_fields`);
    `form` names its fields ('huiswerk-2', see controls.field_tag)."""
    doc = frames.open_document(templates, name, context)
    _add_fields(doc, form)
    return save(doc, properties.identity(form, f"{context.get('organisatie', '')}, {context.get('gemeente', '')}"))


def with_fields(blob: bytes, form: str) -> bytes:
    """Make a rendered sheet fillable on screen: a text field on the first writing line
    after each question (style Vraag), and on an empty 'Naam' cell."""
    doc = Document(io.BytesIO(blob))
    _add_fields(doc, form)
    return save(doc, properties.identity(form))


def _add_fields(doc, form: str) -> None:
    controls = Controls(form)
    body = doc.element.body
    questions = 0
    for element in body.iterchildren():
        if element.tag == qn("w:tbl"):
            _name_field(doc, element, controls)
        elif element.tag == qn("w:p") and element.style == QUESTION:
            following = element.getnext()
            if following is not None and following.tag == qn("w:tbl"):
                questions += 1
                cell = following.find(f"{qn('w:tr')}/{qn('w:tc')}")
                label = "".join(t.text or "" for t in element.iter(qn("w:t"))) or "Antwoord"
                controls.text(
                    _as_field_line(cell),
                    f"vraag-{questions}",
                    label,
                    width_cm=wx.cell_width_cm(cell) - 2 * wx.CELL_SIDE_CM,
                )


def _as_field_line(tc):
    """The first writing line of a question holds its field, whose dots are the line: the line's own
    dots go (a template of before has a dotted border instead: it goes too, two lines would show), and
    the field's dots sit at the bottom of the row, where those of the other lines are."""
    tcpr = tc.find(qn("w:tcPr"))
    for old in [*tcpr.findall(qn("w:tcBorders")), *tcpr.findall(qn("w:vAlign"))]:
        tcpr.remove(old)
    wx.sub(tcpr, "vAlign", val="bottom")  # last of tcW, borders, shd, vAlign
    paragraph = tc.find(qn("w:p"))
    for run in paragraph.findall(qn("w:r")):
        paragraph.remove(run)
    return paragraph


def _name_field(doc, tbl, controls: Controls) -> None:
    for tr in tbl.findall(qn("w:tr")):
        cells = tr.findall(qn("w:tc"))
        texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in cells]
        if len(cells) == 2 and texts == ["Naam", ""]:
            tcpr = cells[1].find(qn("w:tcPr"))
            for border in tcpr.findall(qn("w:tcBorders")) if tcpr is not None else []:
                tcpr.remove(border)  # a template of before drew a line under the name: the dots are the line
            controls.text(
                cells[1].find(qn("w:p")), "naam", "Naam", width_cm=min(NAME_LINE_CM, wx.cell_width_cm(cells[1]))
            )


def worksheet(exercise: Exercise) -> Instrument:
    """An assignment's questions as a form of their own, with lines to write on."""
    questions = [
        WritingQuestion(vraag=q.vraag, regels=0 if q.regels == 0 else max(q.regels or 0, WORKSHEET_LINES))
        for q in exercise.vragen
    ]
    blocks: list[Block] = [Questions(soort="vragen", vragen=questions)]
    if exercise.afsluiting:
        blocks.append(InfoCard(soort="info", tekst=exercise.afsluiting))
    return Instrument(
        kop=exercise.titel,
        titel=f"Werkblad {exercise.name}",
        papier="A4-staand",
        inleiding=exercise.instructie,
        onderdelen=blocks,
    )


def subtitle(heading: str) -> str:
    """The line under a form's title, which does not repeat it: '6.8 Instrument: Reflector …' ->
    'Instrument 6.8 uit het werkboek Eenzaam ben je niet alleen'."""
    match = re.match(r"(\d+(?:\.\d+)+)\s+([^:]+):", heading)
    return f"{match[2]} {match[1]} uit het werkboek Eenzaam ben je niet alleen" if match else heading


def _context(key: str, title: str, heading: str, training: Training | None, course: Course) -> dict:
    if training is not None:
        values = common(training, course)
    else:  # a blank instrument for any organisation
        values = {
            "organisatie": "",
            "gemeente": "",
            "trainers": "",
            "bronvermelding": course.rules.werkboek.attribution,
            "training": course.rules.naam,
        }
    return values | {"titel": title, "kop": subtitle(heading), "paragraaf": key}


def _page(doc, paper: str) -> float:
    """Set the paper of the workbook; return the width available for tables in cm."""
    width, height, orientation = PAPER[paper]
    section = doc.sections[0]
    section.orientation = orientation
    section.page_width, section.page_height = Cm(width), Cm(height)
    section.left_margin = section.right_margin = Cm(SIDE_MARGIN_CM)
    return width - 2 * SIDE_MARGIN_CM


class _Form:
    """Appends the blocks of one instrument to a document (through wordxml's quick builders)."""

    def __init__(self, doc, controls: Controls, width_cm: float, training: Training | None):
        self.doc, self.controls, self.width, self.training = doc, controls, width_cm, training
        self.body = doc.element.body
        self.partners = training.partners if training else []
        self.logo = training is not None and training.logo_image is not None
        self.above_cm: float | None = None  # the page used above the next block (cm), where estimated

    def block(self, block: Block, number: int) -> None:
        """Append one block; `number` (from 1) names its fields (controls.field_tag)."""
        match block:
            case Checklist():
                self._aankruislijst(block, number)
            case BulletList():
                self._opsomming(block, number)
            case ChoiceTable():
                self._keuzetabel(block, number)
            case SentenceStarters():
                self._zinsaanvullingen(block, number)
            case FillTable():
                self._tabel(block, number)
            case Grid():
                self._raster(block, number)
            case InfoCard():
                self._info(block)
            case Fields():
                self._velden(block.velden, number)
            case NetworkMap():
                self._kaart(block)
            case ReportingPoint():
                self._meldpunt()
            case Questions():
                self._vragen(block, number)
            case _:  # a kind added to blocks.Block without its case here: a mistake in desi-pack, not in the data
                raise TypeError(f"no case in _Form.block for {type(block).__name__}")

    def _heading(self, text: str | None) -> None:
        if text:
            wx.paragraph(self.body, text, style=HEADING)

    # --- kinds of blocks ---------------------------------------------------------

    def name_and_date(self) -> None:
        """'Naam …… Datum ……' on one line: who filled the form in, and when."""
        paragraph = wx.paragraph(self.body, "Naam ", bold=True, after_pt=8)
        # The labels and the date's dots take about 8 cm of the line.
        self.controls.text(paragraph, "naam", "Naam", width_cm=self.width - 8.0, size_pt=10.5)
        wx.run(paragraph, "   Datum ", bold=True)
        self.controls.date(paragraph, "datum", "Datum")

    def checklists(self, blocks: list[tuple[int, Checklist | BulletList]]) -> None:
        """Lists in two columns, split where half the items are, each list whole in its column."""
        total = sum(len(block.items) + 2 for _, block in blocks)  # a heading takes about two lines
        left: list[tuple[int, Checklist | BulletList]] = []
        count = 0
        for number, block in blocks:
            if count < total / 2 or not left:
                left.append((number, block))
                count += len(block.items) + 2
        right = blocks[len(left) :]
        width = self.width / 2
        table = wx.table(self.body, [width, width], style=None)
        tr = wx.row(table)
        for column in (left, right):
            first = wx.cell(tr, width, style=TABLE_TEXT)
            cell = first.getparent()
            for number, block in column:
                if isinstance(block, Checklist):
                    self._aankruislijst(block, number, container=cell, width=width - 0.4)
                else:
                    self._opsomming(block, number, container=cell, width=width - 0.4)
            cell.remove(first)  # a cell's paragraphs are its lists'
        wx.paragraph(self.body, after_pt=2)

    def _aankruislijst(self, block: Checklist, b: int, container=None, width: float | None = None) -> None:
        """Tick boxes; an empty item of the workbook is a box with a line to write on, as wide as the column."""
        container = self.body if container is None else container
        if block.kop:
            wx.paragraph(container, block.kop, style=HEADING)
        line_cm = (width or self.width) - 0.8  # the box and a space take 0.8 cm
        for i, item in enumerate(block.items, start=1):
            paragraph = wx.paragraph(container, style=TABLE_TEXT, after_pt=2 if item else 6)
            own = f"Ander signaal ({block.kop or 'eigen'}, regel {i})"
            self._tick(paragraph, f"{b}.{i}", item, own, line_cm=line_cm)

    def local_card(self, place: Place, labels: CardLabels) -> None:
        """The workbook's verwijskaart (11.5) as the training fills it in: its steps and options in the
        boxes under the workbook's prompts, then its contacts with the workbook's labels (the wording of
        desi-pack verwijskaart's cards, training/referral.py); what the training leaves out stays to fill in."""
        for number, (prompt, items, mark) in enumerate(
            ((labels.steps, place.stappen, STEP_MARK), (labels.options, place.opties, OPTION_MARK)), start=1
        ):
            if not items:
                self._prompt_box(f"1.{number}", prompt, height_cm=1.8)
                continue
            table = self._table([self.width], boxes=True)
            paragraph = wx.cell(wx.row(table, together=True), self.width, style=TABLE_TEXT, keep_next=True)
            wx.run(paragraph, prompt, bold=True)
            for item in items:
                wx.paragraph(paragraph.getparent(), f"{mark} {item}", indent_cm=0.45, hanging_cm=0.45)
            wx.paragraph(self.body, after_pt=2)
        if not place.contacten:
            self._velden([labels.contact, labels.phone, labels.email, labels.social, labels.hours, labels.days], 2)
            return
        wx.paragraph(self.body, labels.contact, bold=True, before_pt=6, keep_next=True)
        for contact in place.contacten:
            who = wx.paragraph(self.body, contact.naam, bold=True, before_pt=6, keep_next=True)
            if contact.organisatie:
                wx.run(who, f" \u2013 {contact.organisatie}")
            if contact.waarvoor:
                wx.paragraph(self.body, contact.waarvoor, style=NOTE, keep_next=True)
            lines = [(label, value) for label, value in contact_lines(contact, labels) if value]
            for index, (label, value) in enumerate(lines):
                line = wx.paragraph(self.body, after_pt=1, keep_next=index < len(lines) - 1)
                if label:
                    wx.run(line, f"{label} ", bold=True)
                wx.run(line, value)

    def _opsomming(self, block: BulletList, b: int, container=None, width: float | None = None) -> None:
        """A list to read, bulleted as in the workbook (5.3's signals are 'niet om af te vinken'); an empty
        item of the workbook is a line to write on, as wide as the column."""
        container = self.body if container is None else container
        if block.kop:
            wx.paragraph(container, block.kop, style=HEADING)
        line_cm = (width or self.width) - 0.5  # the bullet and a space take 0.5 cm
        for i, item in enumerate(block.items, start=1):
            paragraph = wx.paragraph(container, style=TABLE_TEXT, after_pt=2 if item else 6)
            wx.run(paragraph, "\u2022 ")
            if item:
                wx.run(paragraph, item)
            else:
                self.controls.text(paragraph, f"{b}.{i}/tekst", f"{block.kop or 'Eigen'}, regel {i}", width_cm=line_cm)

    def _tick(self, paragraph, field: str, item: str | None, own_label: str, line_cm: float) -> None:
        """A tick box and its text; where the workbook leaves it empty, a field to name your own."""
        self.controls.checkbox(paragraph, field, item or own_label)
        wx.run(paragraph, " ")
        if item:
            wx.run(paragraph, item)
        else:
            self.controls.text(paragraph, f"{field}/tekst", own_label, width_cm=line_cm)

    def _keuzetabel(self, block: ChoiceTable, b: int) -> None:
        """Statements with one tick box per point of the scale, and a notes column."""
        wx.paragraph(self.body, block.legenda, style=NOTE)
        scale = block.schaal
        notes = block.notitiekolom
        headers = block.kolommen or ["Stelling", *scale, *(["Eigen notities"] if notes else [])]
        # The statements get what the boxes and notes leave: three lines of a competence of 10.3 at most.
        scale_cm = 1.0
        notes_cm = 5.0 if notes else 0
        widths = [self.width - scale_cm * len(scale) - notes_cm, *[scale_cm] * len(scale)]
        widths += [notes_cm] if notes else []
        table = self._table(widths, headers)
        for i, statement in enumerate(block.stellingen, start=1):
            # A notes column needs room for a handwritten line; 10.3's seventeen rows fit one page with a logo.
            tr = wx.row(table, height_cm=1.0 if notes else 0.7, together=True)
            first = wx.cell(tr, widths[0], style=TABLE_TEXT)
            wx.run(first, statement)
            # The workbook numbers some lists itself ('1. Eenzaamheid …'): the alias numbers them once.
            named = title(statement, 60) if re.match(rf"{i}\.\s", statement) else f"{i}. {title(statement, 60)}"
            if statement.rstrip(".: ").endswith("namelijk"):  # room to say what
                own = wx.paragraph(first.getparent(), style=TABLE_TEXT)
                self.controls.text(own, f"{b}.{i}/namelijk", named, width_cm=widths[0] - 2 * wx.CELL_SIDE_CM)
            for point, width in zip(scale, widths[1:]):
                paragraph = wx.cell(tr, width, middle=True, style=TABLE_TEXT, align="center")
                self.controls.checkbox(paragraph, f"{b}.{i}/{_field(point)}", f"{named}: {point}", size_pt=13)
            if notes:
                self.controls.text(
                    wx.cell(tr, widths[-1], style=TABLE_TEXT),
                    f"{b}.{i}/notitie",
                    f"Notitie bij {named}",
                    width_cm=_inside(widths[-1]),
                )

    def _zinsaanvullingen(self, block: SentenceStarters, b: int) -> None:
        """Sentence starters, each with a box to write in."""
        self._heading(block.kop)
        if block.opschrift and _plain(block.opschrift) != _plain(block.kop or ""):
            wx.paragraph(self.body, block.opschrift, keep_next=True, align="center", bold=True)
        if block.groepen:
            self._groups(block.groepen, b)
            return
        if not (block.kop or block.opschrift):
            wx.paragraph(self.body, after_pt=0)  # the first box apart from the text above it
        for i, item in enumerate(block.items, start=1):  # `ruimte`: cm to write in, where the page has room
            self._prompt_box(f"{b}.{i}", item, height_cm=float(block.ruimte or 1.8))

    def _groups(self, groups: list[StarterGroup], b: int) -> None:
        widths = [self.width / len(groups)] * len(groups)
        table = self._table(widths, [g.kop for g in groups], boxes=True)
        for index in range(max(len(g.items) for g in groups)):
            tr = wx.row(table, height_cm=2.4, together=True)
            for g, (width, group) in enumerate(zip(widths, groups), start=1):
                paragraph = wx.cell(tr, width, style=TABLE_TEXT)
                if index < len(group.items):
                    self._write_box(
                        paragraph,
                        f"{b}.{g}.{index + 1}",
                        group.items[index],
                        width,
                        f"{group.kop}: {group.items[index]}",
                    )

    def _prompt_box(self, field: str, prompt: str, height_cm: float) -> None:
        table = self._table([self.width], boxes=True)
        tr = wx.row(table, height_cm=height_cm, together=True)
        self._write_box(wx.cell(tr, self.width, style=TABLE_TEXT), field, prompt, self.width)
        wx.paragraph(self.body, after_pt=2)

    def _write_box(self, paragraph, field: str, prompt: str, width_cm: float, label: str | None = None) -> None:
        """A prompt in bold with a field to write in below it, in a box `width_cm` wide."""
        wx.run(paragraph, prompt, bold=True)
        answer = wx.paragraph(paragraph.getparent(), style=TABLE_TEXT)
        self.controls.text(answer, field, label or prompt, width_cm=_inside(width_cm))

    def _tabel(self, block: FillTable, b: int) -> None:
        """A table to fill in; the owner column of Concreet vervolg offers the partners."""
        self._heading(block.kop)
        columns = block.kolommen
        labels = block.rijkoppen
        widths = _column_widths(self.width, len(columns), first=6.5 if labels else None)
        table = self._table(widths, boxes=True)
        if block.kopgroepen:
            _group_header(table, block.kopgroepen, widths)
        _column_header(table, columns, widths)
        height = _row_height_for(block.rijen, self._room_cm(block, widths))
        for index in range(block.rijen):
            tr = wx.row(table, height_cm=height, together=True)
            for number, (width, column) in enumerate(zip(widths, columns)):
                paragraph = wx.cell(tr, width, style=TABLE_TEXT)
                if labels and number == 0:
                    wx.run(paragraph, labels[index], bold=True)
                    continue
                line_cm = _inside(width)
                if block.genummerd and number == 0:
                    wx.run(paragraph, f"{index + 1}. ")
                    line_cm -= 0.5
                row_name = labels[index] if labels else f"rij {index + 1}"
                label = f"{column.kop} ({row_name})"
                field = f"{b}.{index + 1}/{_field(column.kop)}"
                if "eigenaar" in column.kop.lower() and self.partners:
                    self.controls.combo(paragraph, field, label, self.partners)
                else:
                    self.controls.text(paragraph, field, label, width_cm=line_cm)

    def _room_cm(self, block: FillTable, widths: list[float]) -> float:
        """The height (cm) a table's rows may fill: the rest of the page where the table comes first in
        its form, below its heading and column heads; else about 16 cm of an A4 form, 14 of an A3 one."""
        if self.above_cm is None:
            return 14.0 if self.width > 30 else 16.0
        heads = max(
            page.cell_height_cm([column.kop, *(question.vraag for question in column.vragen)], width)
            for width, column in zip(widths, block.kolommen)
        )
        heading = page.paragraph_cm(block.kop, 12, before_pt=10, bold=True) if block.kop else 0.0
        groups = page.line_cm(page.TABLE_TEXT_PT, 1.0) if block.kopgroepen else 0.0
        room = page.body_height_cm(self.logo) - self.above_cm - heading - groups - heads - 2 * BOX_PADDING_CM
        return room * ROOM_SAFETY

    def _raster(self, block: Grid, b: int) -> None:
        """A grid of interests; an empty cell of the workbook is a box to name your own."""
        rows = block.rijen
        columns = max(len(r) for r in rows)
        width = self.width / columns
        table = self._table([width] * columns)
        for r, cells in enumerate(rows, start=1):
            tr = wx.row(table, height_cm=0.9, together=True)
            for c, item in enumerate(cells, start=1):
                self._tick(
                    wx.cell(tr, width, middle=True, style=TABLE_TEXT),
                    f"{b}.{r}.{c}",
                    item,
                    f"Eigen interesse (rij {r}, kolom {c})",
                    line_cm=width - 0.8 - 2 * wx.CELL_SIDE_CM,
                )
        wx.paragraph(self.body)

    def _info(self, block: InfoCard) -> None:
        """A card to read: heading, paragraphs and a (nested) list."""
        self._heading(block.kop)
        for text in block.tekst:
            wx.paragraph(self.body, text)
        self._items(block.items, level=0)

    def _items(self, items: list[InfoItem], level: int) -> None:
        for item in items:
            numbered = re.match(r"(\d+\.|[a-z]) ", item.tekst)  # '1. Hoe gaat het', 'a Wat betekenen'
            wx.paragraph(
                self.body,
                item.tekst if numbered else f"\u2022 {item.tekst}",
                indent_cm=0.6 + 0.6 * level,
                hanging_cm=0.4,
            )
            self._items(item.items, level + 1)

    def _velden(self, labels: list[str], b: int) -> None:
        """Name, date and similar fields on one line each."""
        for label in labels:
            paragraph = wx.paragraph(self.body, f"{label} ", before_pt=6, bold=True)
            field = f"{b}/{_field(label)}"
            if label.lower().startswith("datum"):
                self.controls.date(paragraph, field, label.rstrip(":"))
            else:
                # The line ends where the others end: the label (bold, about 0.2 cm a letter) comes first.
                self.controls.text(
                    paragraph, field, label.rstrip(":"), width_cm=self.width - 0.2 * len(label), size_pt=10.5
                )

    def _vragen(self, block: Questions, b: int) -> None:
        """Questions, each with dotted lines; the first line holds a text field for the screen."""
        for i, question in enumerate(block.vragen, start=1):
            wx.paragraph(self.body, question.vraag, style=QUESTION)
            if question.regels:
                self._lines(question.regels, f"{b}.{i}", question.vraag)

    def _lines(self, count: int, field: str, label: str) -> None:
        table = wx.table(self.body, [self.width], style=None)
        for index in range(count):
            tr = wx.row(table, height_cm=LINE_CM, together=True)
            # The question and all its lines stay on one page. Every line is a dotted line at the bottom of
            # its row; the first is the field's placeholder (see controls.py), the others alike.
            paragraph = wx.cell(tr, self.width, style=TABLE_TEXT, keep_next=index < count - 1, valign="bottom")
            if index == 0:
                self.controls.text(paragraph, field, label, width_cm=_inside(self.width))
            else:
                wx.run(paragraph, dotted_line(_inside(self.width)))
        wx.paragraph(self.body, after_pt=2)  # air before what follows

    def _meldpunt(self) -> None:
        """Where signals can be reported locally: from the training's `meldpunt`, if it has one."""
        if not (self.training and self.training.meldpunt):
            return
        wx.paragraph(self.body)
        table = self._table([self.width], boxes=True)
        paragraph = wx.cell(wx.row(table), self.width, fill="FFF4D6", style=TABLE_TEXT)
        wx.run(paragraph, f"Signalen melden in {self.training.gemeente}", bold=True)
        for line in self.training.meldpunt.splitlines():
            wx.paragraph(paragraph.getparent(), line, style=TABLE_TEXT)

    def _kaart(self, block: NetworkMap) -> None:
        """The blank network map is drawn; the filled-in example exists only in the workbook (and its
        heading 'Voorbeeld' would misdescribe the blank map below it)."""
        if block.voorbeeld:
            wx.paragraph(self.body, "Een ingevuld voorbeeld staat in het werkboek (\u00a78.7).", style=NOTE)
            return
        self._heading(block.kop)
        size = min(self.width, 16.5)
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture = templates_dir() / NETWORK_MAP  # drawn by scripts/maak_netwerkkaart.py
        paragraph.add_run().add_picture(io.BytesIO(picture.read_bytes()), width=Cm(size))

    # --- tables ------------------------------------------------------------------

    def _table(self, widths: list[float], headers: list[str] | None = None, boxes: bool = False):
        """A table; with `boxes` (cells to write in under a label) the text keeps further off the borders."""
        table = wx.table(self.body, widths, margins_cm=(BOX_PADDING_CM if boxes else wx.CELL_PAD_CM, wx.CELL_SIDE_CM))
        if headers:
            tr = wx.row(table, header=True)
            for width, text in zip(widths, headers):
                wx.run(wx.cell(tr, width, fill=HEAD_FILL, style=TABLE_TEXT), text, bold=True)
        return table


def _inside(width_cm: float) -> float:
    """The width (cm) inside a cell of `width_cm`, between its left and right margins."""
    return width_cm - 2 * wx.CELL_SIDE_CM


def _field(text: str) -> str:
    """A part of a field tag: 'Actie-eigenaar uit lokaal netwerk' -> 'actie-eigenaar-uit-lokaal-netwerk'."""
    return slugify(text, "veld")


def _plain(text: str) -> str:
    """A heading as compared: 'Mijn wensen:' and 'MIJN WENSEN' are the same."""
    return re.sub(r"\W+", " ", text).strip().casefold()


def _column_widths(total: float, count: int, first: float | None) -> list[float]:
    if first is None:
        return [total / count] * count
    return [first] + [(total - first) / (count - 1)] * (count - 1)


def _row_height_for(rows: int, room: float) -> float:
    """The rows share the `room` (cm) they may fill, up to 4 cm each and with room for two handwritten
    lines at least (1.3 cm); one row takes all of it."""
    if rows == 1:
        return room
    return max(1.3, min(room / rows, 4.0))


def _top_cm(instrument: Instrument, width: float) -> float:
    """About how much of the page (cm) a form's text takes beside its first block: its title, subtitle,
    the line for name and date and its introduction above it, its source below."""
    height = page.paragraph_cm(instrument.titel, 20, after_pt=2, spacing=1.0, bold=True, width_cm=width)
    height += page.paragraph_cm(subtitle(instrument.kop), 12, after_pt=10, spacing=1.0, width_cm=width)
    if instrument.naam_en_datum:
        height += page.paragraph_cm("Naam", 10.5, after_pt=8)
    height += sum(page.paragraph_cm(text, 10.5, width_cm=width) for text in instrument.inleiding)
    return height + sum(page.paragraph_cm(text, 9.5, before_pt=8, width_cm=width) for text in instrument.bron)


def _group_header(table, groups: list[ColumnGroup], widths: list[float]) -> None:
    tr = wx.row(table, header=True)
    position = 0
    for group in groups:
        span = group.breedte
        sign = f"   {group.teken}" if group.teken else ""
        paragraph = wx.cell(
            tr, sum(widths[position : position + span]), span=span, fill=GROUP_FILL, style=TABLE_TEXT, align="center"
        )
        wx.run(paragraph, f"{group.kop}{sign}", bold=True)
        position += span


def _column_header(table, columns: list[Column], widths: list[float]) -> None:
    tr = wx.row(table, header=True)
    for width, column in zip(widths, columns):
        paragraph = wx.cell(tr, width, fill=HEAD_FILL, style=TABLE_TEXT)
        if column.stap:
            wx.run(paragraph, f"{column.stap}\n")
        wx.run(paragraph, column.kop, bold=True)
        for question in column.vragen:
            _question(paragraph.getparent(), question)


def _question(tc, question: HeadQuestion) -> None:
    """A question under a column's head, with its own questions a level in (11.6 step 4)."""
    wx.paragraph(tc, f"\u2022 {question.vraag}", style=TABLE_TEXT, indent_cm=0.0, size_pt=9)
    for sub in question.subvragen:
        wx.paragraph(tc, f"\u2013 {sub}", style=TABLE_TEXT, indent_cm=0.3, size_pt=9)
