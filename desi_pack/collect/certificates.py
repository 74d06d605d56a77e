"""Bewijs van deelname: a certificate of participation per participant who attended enough meetings.

A certificate is made on the forms' template (formulier.docx: the organisation in the header,
the workbook's attribution in the footer), one .docx per person and one with all of them to print.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from desi_pack import dutch
from desi_pack.collect.collect import Collection
from desi_pack.collect.workbook import attendance_table
from desi_pack.pack import instruments
from desi_pack.word import frames
from desi_pack.word.rendering import Templates
from desi_pack.writing.output import slugify

FOLDER = "bewijzen-van-deelname"
ALL = "alle-bewijzen-van-deelname.docx"
TITLE = "Bewijs van deelname"


@dataclass(frozen=True)
class Earned:
    person: str
    meetings: list[int]  # the meetings attended, in order


def earned(collection: Collection, minimum: int) -> tuple[list[Earned], list[Earned]]:
    """Who attended at least `minimum` meetings (by the agendas' attendance), and who did not."""
    _, _, people = attendance_table(collection)
    got, missed = [], []
    for person, entry in people.items():
        present = sorted(n for n, value in entry["aanwezig"].items() if value == "ja")
        (got if len(present) >= minimum else missed).append(Earned(person, present))
    return got, missed


def documents(collection: Collection, people: list[Earned]) -> dict[str, bytes]:
    """Relative path -> .docx: one certificate per person, and all of them in one file to print."""
    templates = Templates(collection.training.templates_dir)
    files = {f"{FOLDER}/bewijs-van-deelname-{slugify(e.person, 'deelnemer')}.docx": _render(collection, [e], templates)
             for e in people}
    if people:
        files[f"{FOLDER}/{ALL}"] = _render(collection, people, templates)
    return files


def _render(collection: Collection, people: list[Earned], templates: Templates) -> bytes:
    training, course = collection.training, collection.blanks.course
    doc, _ = instruments.frame("", TITLE, course.rules.naam, "A4-staand", training, course, templates)
    _no_paragraph(doc)
    for index, person in enumerate(people):
        if index:
            doc.add_page_break()
        _page(doc, collection, person)
    return frames.save(doc)


def _no_paragraph(doc) -> None:
    """The forms' footer names the workbook's § of a form; a certificate has none."""
    for paragraph in doc.sections[0].footer.paragraphs:
        for run in paragraph.runs:
            if "\u00a7" in run.text:
                run.text = run.text.replace(" (werkboek \u00a7)", "").replace("(werkboek \u00a7)", "")


def _page(doc, collection: Collection, person: Earned) -> None:
    training, course = collection.training, collection.blanks.course
    slots = training.bijeenkomsten
    _line(doc, "", after=36)
    _line(doc, person.person, size=26, bold=True, centre=True, after=18)
    _line(doc, f"heeft deelgenomen aan de training {course.rules.naam} van {training.organisatie} in "
               f"{training.gemeente}.", size=13, centre=True, after=18)
    _line(doc, f"Aanwezig bij {len(person.meetings)} van de {len(slots)} bijeenkomsten:", size=12, after=6)
    for number in person.meetings:
        _line(doc, f"bijeenkomst {number}: {dutch.long_date(slots[number - 1].datum)}", size=12, after=2,
              indent=True)
    _line(doc, "", after=24)
    _line(doc, f"{dutch.names(list(training.trainers))}, {'trainer' if len(training.trainers) == 1 else 'trainers'}",
          size=12, after=36)
    for trainer in training.trainers:
        _line(doc, f"Handtekening {trainer}: \u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026",
              size=12, after=24)
    _line(doc, f"{training.gemeente}, {dutch.long_date(slots[-1].datum)}", size=12, after=0)


def _line(doc, text: str, *, size: float = 11, bold: bool = False, centre: bool = False, after: float = 6,
          indent: bool = False) -> None:
    paragraph = doc.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.font.bold = Pt(size), bold
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.left_indent = Pt(18)
    if centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
