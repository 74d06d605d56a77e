"""The printed list of dates: one A4 page for participants who do not use a calendar.

Every meeting (an own sixth one too) with its date, time and place, and what to bring and have
done; the same appointments as the calendar files (calendars.py), in the frame every form has.
It is handed out at the first meeting: it is in that meeting's uitdelen/ and print file, and at the
top of the pack beside the calendar file.
"""

from __future__ import annotations

from docx.oxml.ns import qn

from desi_pack import dutch
from desi_pack.course.course import Course
from desi_pack.pack.calendars import TRAINING_FILE, Appointment, trainers_label
from desi_pack.pack.documents import DATES_FILENAME
from desi_pack.pack.instruments import HEAD_FILL, NOTE, TABLE_TEXT, frame, save
from desi_pack.training.config import Training
from desi_pack.word import wordxml as wx
from desi_pack.word.rendering import Templates

FILENAME = DATES_FILENAME
TITLE = "Data van de training"
PAPER = "A4-staand"
COLUMNS_CM = (1.0, 4.6, 3.8)  # meeting, date and time, place; the rest: what to bring
PADDING_CM = 0.08
WORKBOOK_MARK = " (werkboek \u00a7)"


def render(training: Training, course: Course, appointments: list[Appointment], templates: Templates) -> bytes:
    """The list of dates as a Word document of one A4 page."""
    doc, width = frame("", TITLE, f"{course.rules.naam} \u2013 {training.organisatie}, {training.gemeente}",
                       PAPER, training, course, templates)
    _footer_without_paragraph(doc)
    body = doc.element.body
    wx.paragraph(body, f"{len(appointments)} bijeenkomsten. Neem bij elke bijeenkomst mee wat erbij staat.",
                 after_pt=8)
    widths = [*COLUMNS_CM, width - sum(COLUMNS_CM)]
    table = wx.table(body, widths, padding_cm=PADDING_CM)
    head = wx.row(table, header=True)
    for text, cm in zip(("Nr.", "Datum en tijd", "Plaats", "Meenemen en klaar hebben"), widths):
        wx.run(wx.cell(head, cm, fill=HEAD_FILL, style=TABLE_TEXT), text, bold=True)
    for appointment in appointments:
        _row(table, widths, appointment)
    wx.paragraph(body, f"{trainers_label(training)}: {dutch.names(list(training.trainers))}.", before_pt=10)
    wx.paragraph(body, "Wilt u de data in de agenda van uw telefoon of computer? Vraag de trainer om het "
                       f"agendabestand {TRAINING_FILE}: het zet alle bijeenkomsten in één keer in uw agenda.",
                 style=NOTE, before_pt=4)
    return save(doc)


def _row(table, widths: list[float], appointment: Appointment) -> None:
    tr = wx.row(table, together=True)
    number = wx.cell(tr, widths[0], style=TABLE_TEXT)
    wx.run(number, str(appointment.number), bold=True)
    when = wx.cell(tr, widths[1], style=TABLE_TEXT)
    wx.run(when, dutch.long_date(appointment.start.date()), bold=True)
    wx.run(when, f"\n{dutch.clock(appointment.start)}{dutch.EN_DASH}{dutch.clock(appointment.end)} uur")
    wx.run(wx.cell(tr, widths[2], style=TABLE_TEXT), appointment.place)
    what = wx.cell(tr, widths[3], style=TABLE_TEXT)
    parts = []  # (label in bold, text)
    if appointment.gets:
        parts.append(("", f"U krijgt {appointment.gets}."))
    if appointment.bring:
        parts.append(("Meenemen: ", f"{dutch.names(appointment.bring)}."))
    if appointment.ready:
        parts.append(("Klaar vóór deze bijeenkomst:", "".join(f"\n\u2022 {line}" for line in appointment.ready)))
    for index, (label, text) in enumerate(parts):
        if label:
            wx.run(what, ("\n" if index else "") + label, bold=True)
        wx.run(what, text if label else ("\n" if index else "") + text)


def _footer_without_paragraph(doc) -> None:
    """The frame's footer names a form's workbook § ('(werkboek §6.8)'); this page has none."""
    for text in doc.sections[0].footer._element.iter(qn("w:t")):
        if text.text and WORKBOOK_MARK in text.text:
            text.text = text.text.replace(WORKBOOK_MARK, "")
