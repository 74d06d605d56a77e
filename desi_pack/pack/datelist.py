"""The printed list of dates: one A4 page for participants who do not use a calendar.

Every meeting (an own sixth one too) with its date, time and place, and what to bring and have
done; the same appointments as the calendar files (calendars.py), in the frame every form has.
It is handed out at the first meeting: it is in that meeting's uitdelen/ and print file, and at the
top of the pack beside the calendar file.

One page whatever the places are called: a place all meetings share is named once above the table
(its column goes), and where the page estimate (word/page.py) says the table would not fit, its
text gets smaller, down to SMALLEST_PT.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from desi_pack import dutch
from desi_pack.course.course import Course
from desi_pack.pack.calendars import Appointment, trainers_label
from desi_pack.pack.documents import DATES_FILENAME, DATES_TITLE
from desi_pack.pack.instruments import HEAD_FILL, NOTE, TABLE_TEXT, frame, save
from desi_pack.training.config import Training
from desi_pack.word import compat, page
from desi_pack.word import wordxml as wx
from desi_pack.word.rendering import Templates

FILENAME = DATES_FILENAME
TITLE = DATES_TITLE
PAPER = "A4-staand"
NUMBER_CM, WHEN_CM, PLACE_CM = 1.0, 4.6, 3.8  # the columns; the rest: what to bring
PADDING_CM = 0.08
SIZES_PT = (page.TABLE_TEXT_PT, 9.0, 8.5, 8.0)  # the table's text, the largest that fits the page
SMALLEST_PT = SIZES_PT[-1]
TEXT_PT = 10.5  # the body's text (formulier.docx)
WORKBOOK_MARK = " (werkboek \u00a7)"
# No file name on paper (issue 26): the participant asks for "het agendabestand", the trainer knows which.
CALENDAR_HINT = (
    "Wilt u de data in de agenda van uw telefoon of computer? Vraag de trainer om het agendabestand: "
    "het zet alle bijeenkomsten in één keer in uw agenda."
)


def render(training: Training, course: Course, appointments: list[Appointment], templates: Templates) -> bytes:
    """The list of dates as a Word document of one A4 page."""
    heading = f"{course.rules.naam} \u2013 {training.shown_name}"
    doc, width = frame("", TITLE, heading, PAPER, training, course, templates)
    _footer_without_paragraph(doc)
    body = doc.element.body
    places = {appointment.place for appointment in appointments}
    shared = places.pop() if len(places) == 1 else None
    intro = (
        f"{len(appointments)} bijeenkomsten"
        + (f" in {shared}" if shared else "")
        + ". Neem bij elke bijeenkomst mee wat erbij staat."
    )
    trainers = f"{trainers_label(training)}: {dutch.names(list(training.trainers))}."
    wx.paragraph(body, intro, after_pt=8)
    widths = [NUMBER_CM, WHEN_CM, *([] if shared else [PLACE_CM])]
    widths.append(width - sum(widths))
    rows = [_cells(appointment, shared is None) for appointment in appointments]
    room = page.body_height_cm(training.logo_image is not None) - sum(
        page.paragraph_cm(text, size, before_pt=before, after_pt=after)
        for text, size, before, after in (
            (TITLE, 20, 0, 2),
            (heading, 12, 0, 10),
            (intro, TEXT_PT, 0, 8),
            (trainers, TEXT_PT, 10, 4),
            (CALENDAR_HINT, page.TABLE_TEXT_PT, 4, 4),
        )
    )
    size = next((size for size in SIZES_PT if _table_cm(rows, widths, size) <= room * 0.95), SMALLEST_PT)
    table = wx.table(body, widths, margins_cm=(PADDING_CM, wx.CELL_SIDE_CM))
    head = wx.row(table, header=True)
    titles = ("Nr.", "Datum en tijd", *([] if shared else ["Plaats"]), "Meenemen en klaar hebben")
    for text, cm in zip(titles, widths):
        wx.run(wx.cell(head, cm, fill=HEAD_FILL, style=TABLE_TEXT), text, bold=True, size_pt=size)
    for cells in rows:
        tr = wx.row(table, together=True)
        for lines, cm in zip(cells, widths):
            paragraph = wx.cell(tr, cm, style=TABLE_TEXT)
            for index, line in enumerate(lines):
                for place, (text, bold) in enumerate(line):
                    wx.run(paragraph, ("\n" if index and not place else "") + text, bold=bold, size_pt=size)
    wx.paragraph(body, trainers, before_pt=10)
    wx.paragraph(body, CALENDAR_HINT, style=NOTE, before_pt=4)
    return save(doc)


Line = list[tuple[str, bool]]  # a line of a cell: its runs, (text, bold)


def _cells(appointment: Appointment, with_place: bool) -> list[list[Line]]:
    """The cells of a meeting's row, each as its lines."""
    when = [
        [(dutch.long_date(appointment.start.date()), True)],
        [(f"{dutch.clock(appointment.start)}{dutch.EN_DASH}{dutch.clock(appointment.end)} uur", False)],
    ]
    what = []
    if appointment.gets:
        what.append([(f"U krijgt {appointment.gets}.", False)])
    if appointment.bring:
        what.append([("Meenemen: ", True), (f"{dutch.names(appointment.bring)}.", False)])
    if appointment.ready:
        what.append([("Klaar vóór deze bijeenkomst:", True)])
        what += [[(f"\u2022 {line}", False)] for line in appointment.ready]
    place = [[[(appointment.place, False)]]] if with_place else []
    return [[[(str(appointment.number), True)]], when, *place, what]


def _table_cm(rows: list[list[list[Line]]], widths: list[float], size: float) -> float:
    """About how high the table prints with its text at `size` pt: the header and each row's tallest cell
    (a line break counts as a paragraph: a little more than it takes)."""
    padding = 2 * PADDING_CM
    height = page.line_cm(size, 1.0) + padding
    for cells in rows:
        height += padding + max(
            page.cell_height_cm(["".join(text for text, _ in line) for line in lines], cm, size)
            for lines, cm in zip(cells, widths)
        )
    return height


def _footer_without_paragraph(doc) -> None:
    """The frame's footer names a form's workbook § ('(werkboek §6.8)'); this page has none."""
    for text in compat.element_of(doc.sections[0].footer).iter(qn("w:t")):
        if text.text and WORKBOOK_MARK in text.text:
            text.text = text.text.replace(WORKBOOK_MARK, "")
