"""Bewijs van deelname: a certificate of participation per participant who attended enough meetings.

A certificate is made on the forms' template (formulier.docx: the organisation in the header,
the workbook's attribution in the footer), one .docx per person and one with all of them to print.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from desi_pack import dutch
from desi_pack.collect.collect import Collection
from desi_pack.collect.workbook import attendance_table
from desi_pack.course.schedule import schedules
from desi_pack.pack import instruments
from desi_pack.text import plain
from desi_pack.word import compat, frames
from desi_pack.word import wordxml as wx
from desi_pack.word.rendering import Templates
from desi_pack.writing.output import slugify

FOLDER = "bewijzen-van-deelname"
ALL = "alle-bewijzen-van-deelname.docx"
TITLE = "Bewijs van deelname"


@dataclass(frozen=True)
class Earned:
    person: str
    meetings: list[int]  # the meetings attended, in order


def earned(collection: Collection, minimum: int) -> tuple[list[Earned], list[Earned], list[Earned]]:
    """Who attended at least `minimum` meetings (by the agendas' attendance), who did not, and who
    did not by the marks read but has a mark that could not be read (neither ja nor nee): for them
    nothing is decided, and a certificate made earlier stays."""
    _, _, people = attendance_table(collection)
    got: list[Earned] = []
    missed: list[Earned] = []
    undecided: list[Earned] = []
    for person, entry in people.items():
        present = sorted(n for n, value in entry["aanwezig"].items() if value == "ja")
        unread = any(value not in ("ja", "nee", "") for value in entry["aanwezig"].values())
        (got if len(present) >= minimum else undecided if unread else missed).append(Earned(person, present))
    return got, missed, undecided


def path_of(person: str) -> str:
    """Where a person's certificate is, relative to the pack folder."""
    return f"{FOLDER}/bewijs-van-deelname-{slugify(plain(person), 'deelnemer')}.docx"


def documents(collection: Collection, people: list[Earned]) -> dict[str, bytes]:
    """Relative path -> .docx: one certificate per person, and all of them in one file to print."""
    templates = Templates(collection.training.templates_dir)
    files = {path_of(e.person): _render(collection, [e], templates) for e in people}
    if people:
        files[f"{FOLDER}/{ALL}"] = _render(collection, people, templates)
    return files


def _render(collection: Collection, people: list[Earned], templates: Templates) -> bytes:
    training, course = collection.training, collection.blanks.course
    doc, width = instruments.frame("", TITLE, course.rules.naam, "A4-staand", training, course, templates)
    _certificate_frame(doc)
    body = doc.element.body
    lengths = {plan.meeting.nummer: plan.length for plan in schedules(training, course)}
    for index, person in enumerate(people):
        if index:  # each certificate a page of its own, with its own title
            wx.page_break(body)
            wx.paragraph(body, TITLE, style="Title", align="center")
            wx.paragraph(body, course.rules.naam, style="Subtitle", align="center")
        _page(body, collection, person, lengths, width)
    return frames.save(doc)


def _certificate_frame(doc) -> None:
    """A certificate's page: title and subtitle centred; the footer without page numbers or the
    forms' source line (the workbook is named in the text instead)."""
    for paragraph in doc.paragraphs[:2]:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in doc.sections[0].footer.paragraphs:
        for child in list(compat.element_of(paragraph)):
            if child.tag != qn("w:pPr"):  # runs and the page-number fields
                compat.element_of(paragraph).remove(child)


def _page(body, collection: Collection, person: Earned, lengths: dict[int, int], width_cm: float) -> None:
    training, course = collection.training, collection.blanks.course
    slots = training.bijeenkomsten
    hours = sum(lengths.get(n, 0) for n in person.meetings)
    _line(body, "", after=60)
    _line(body, person.person, size=26, bold=True, after=24)
    _line(body, f"heeft deelgenomen aan de training {course.rules.naam}", size=13, after=4)
    _line(body, f"van {training.organisatie} in {training.gemeente}.", size=13, after=28)
    days = [slots[n - 1].datum for n in person.meetings]
    _line(
        body,
        f"Aanwezig bij {len(person.meetings)} van de {len(slots)} bijeenkomsten ({dutch.minutes(hours)} in totaal):",
        size=12,
        after=6,
    )
    _line(body, _dates(days), size=12, after=60)
    _line(
        body,
        f"De training volgt het werkboek {course.rules.werkboek.titel} ({course.rules.werkboek.uitgever}, "
        f"{course.rules.werkboek.jaar}).",
        size=10,
        after=110,
    )
    _line(body, f"{training.gemeente}, {dutch.short_date(slots[-1].datum)}", size=12, after=50)
    _signatures(body, list(training.trainers), width_cm)


def _dates(days: list) -> str:
    """'12 januari, 16 februari, 16 maart en 1 juni 2027': the year once where all share it."""
    if len({day.year for day in days}) == 1:
        parts = [dutch.short_date(day).rsplit(" ", 1)[0] for day in days]
        return f"{dutch.names(parts)} {days[0].year}"
    return dutch.names([dutch.short_date(day) for day in days])


def _signatures(body, trainers: list[str], width_cm: float) -> None:
    """A line to sign above each trainer's name, side by side."""
    widths = [width_cm / len(trainers)] * len(trainers)
    table = wx.table(body, widths, style=None, align="center", margins_cm=None)
    line, name = wx.row(table), wx.row(table)
    for trainer, width in zip(trainers, widths):
        wx.run(wx.cell(line, width, align="center"), "_" * 28)
        wx.run(wx.cell(name, width, align="center"), f"{trainer}\ntrainer", size_pt=11)


def _line(body, text: str, *, size: float = 11, bold: bool = False, after: float = 6) -> None:
    """A centred paragraph."""
    wx.paragraph(body, text, before_pt=0, after_pt=after, align="center", bold=bold, size_pt=size)
