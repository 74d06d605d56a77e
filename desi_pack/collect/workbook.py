"""The workbook of a collection: a sheet per form, the reflectors counted, before and after, the
actions of 4.2, the attendance, and every file read or skipped.

Sheets, in order: Overzicht; one per form filled in (a row per form, a column per question);
Reflectoren (per statement the count of each answer, per competence the mean); Voor en na
(the group's means at the first and the last time, with a chart); Acties 4.2; Aanwezigheid;
Bestanden. Answers are written as text: nothing a participant typed becomes a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from statistics import mean

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from desi_pack import dutch
from desi_pack.collect.collect import AFTER, BEFORE, READ, Answer, Collection
from desi_pack.collect.layouts import Field, Layout
from desi_pack.collect.people import normal
from desi_pack.collect.reading import TICK_KIND
from desi_pack.excel.cells import write

# The pack's Excel look, so that the trainer's workbooks print alike.
from desi_pack.pack.workbooks import (
    BOLD,
    CENTRED,
    GRID,
    NOTE,
    TITLE,
    WRAP,
    _fit_height,
    _header,
    _new_book,
    _print_setup,
    _save,
)

ACTIONS = "4.2"
WIDE = 14  # columns from which a form's sheet prints over several pages rather than tiny on one
_OPTION = re.compile(r"^(?:[a-z]|\d)$")  # a tick box that is one of a statement's answers: a, b, c or 1 … 5


@dataclass(frozen=True)
class Column:
    """A column of a form's sheet: one field, or a statement's answer boxes together ('A', '4')."""

    title: str
    fields: tuple[Field, ...]

    @property
    def scale(self) -> bool:
        return len(self.fields) > 1

    def value(self, answer: Answer) -> str:
        if self.scale:
            return ", ".join(_option(f) for f in self.fields if answer.values.get(f.tag) is True)
        got = answer.values.get(self.fields[0].tag)
        return "x" if got is True else "" if got is False else got or ""


def workbook(collection: Collection) -> bytes:
    """The .xlsx of a collection."""
    book = _new_book()
    book.active.title = "Overzicht"
    forms = [name for name in collection.blanks.names() if any(a.form == name for a in collection.answers)]
    columns = {name: columns_of(collection.layouts[name]) for name in forms}
    names = _sheet_names(collection, forms)
    for name in forms:
        _form_sheet(book.create_sheet(names[name]), collection, name, columns[name])
    scales = [name for name in forms if any(c.scale for c in columns[name])]
    if scales:
        _reflectors_sheet(book.create_sheet("Reflectoren"), collection, scales, columns)
        _before_after_sheet(book.create_sheet("Voor en na"), collection, scales, columns)
    if ACTIONS in forms:
        _actions_sheet(book.create_sheet("Acties 4.2"), collection)
    _attendance_sheet(book.create_sheet("Aanwezigheid"), collection)
    _files_sheet(book.create_sheet("Bestanden"), collection)
    _overview_sheet(book["Overzicht"], collection, forms, names)
    return _save(book)


def columns_of(layout: Layout) -> list[Column]:
    """The columns of a form: its fields in order, a statement's answer boxes as one; not the name and date."""
    columns: list[Column] = []
    for field in layout.fields:
        last = field.tag.rsplit("/", 1)[-1]
        if last in ("naam", "datum"):
            continue
        if field.kind == TICK_KIND and _OPTION.match(last) and columns and _same_statement(columns[-1], field):
            columns[-1] = Column(columns[-1].title, (*columns[-1].fields, field))
        else:
            columns.append(Column(field.label or field.tag, (field,)))
    return [Column(_statement(c), c.fields) if c.scale else c for c in columns]


def _same_statement(column: Column, field: Field) -> bool:
    """Whether `field` is another answer box of the statement whose boxes `column` holds."""
    previous = column.fields[-1]
    return (previous.kind == TICK_KIND and _OPTION.match(previous.tag.rsplit("/", 1)[-1]) is not None
            and previous.tag.rsplit("/", 1)[0] == field.tag.rsplit("/", 1)[0])


def title_of(collection: Collection, form: str) -> str:
    """'6.8 Reflector vooroordelen over eenzaamheid', 'Werkblad 3.5 …', 'Huiswerk voor bijeenkomst 3'."""
    course = collection.blanks.course
    if form in course.instruments:
        return f"{form} {course.instruments[form].titel}"
    if form.startswith("werkblad-"):
        key = form.removeprefix("werkblad-")
        return f"Werkblad {key} {course.exercises[key].name}"
    return f"Huiswerk voor bijeenkomst {form.removeprefix('huiswerk-')}"


def _statement(column: Column) -> str:
    """A statement's text: what the labels of its answer boxes share ('3. Als je …: A.' → '3. Als je …')."""
    labels = [f.label for f in column.fields]
    shared = labels[0]
    for label in labels[1:]:
        while not label.startswith(shared):
            shared = shared[:-1]
    return shared.rstrip(" :") or column.fields[0].tag.rsplit("/", 1)[0]


def _option(field: Field) -> str:
    return field.tag.rsplit("/", 1)[-1].upper()


def _sheet_names(collection: Collection, forms: list[str]) -> dict[str, str]:
    """Excel allows 31 characters and no []:*?/\\ in a sheet's name."""
    names = {}
    for form in forms:
        text = re.sub(r"[\[\]:*?/\\]", " ", title_of(collection, form))
        names[form] = text[:31].rsplit(" ", 1)[0] if len(text) > 31 else text
    return names


def _base(answer: Answer) -> list:
    return [answer.source, answer.person, answer.date, answer.meeting or "", answer.moment]


def _form_sheet(sheet, collection: Collection, form: str, columns: list[Column]) -> None:
    title = title_of(collection, form)
    sheet["A1"], sheet["A1"].font = title, TITLE
    answers = sorted((a for a in collection.answers if a.form == form),
                     key=lambda a: (a.meeting or 99, normal(a.person), a.source))
    heads = ["Bestand", "Naam", "Datum", "Bijeenkomst", "Voor/na", "Opmerkingen", *(c.title for c in columns)]
    _header(sheet, 3, heads, [28, 22, 11, 12, 8, 30, *(12 if c.scale or c.fields[0].kind == TICK_KIND else 40
                                                         for c in columns)])
    for r, answer in enumerate(answers, start=4):
        for column, value in enumerate([*_base(answer), "; ".join(answer.notes), *(c.value(answer) for c in columns)],
                                       start=1):
            cell = write(sheet, r, column, value)
            cell.alignment, cell.border = WRAP if column in (1, 6) or column > 6 else CENTRED, GRID
            if column > 6 and columns[column - 7].scale:
                cell.alignment = CENTRED
        _fit_height(sheet, r)
    sheet.freeze_panes = "C4"
    _print_setup(sheet, title, collection.training, header_rows="3:3")
    if len(heads) > WIDE:  # one page wide it would print too small to read: a page per WIDE columns
        sheet.page_setup.fitToWidth = -(-len(heads) // WIDE)
        sheet.print_title_cols = "A:B"  # with the names on each


def _scale_value(field_tag: str) -> int:
    """A box's place on its scale: '4' is 4, 'a' is 1, 'b' 2, 'c' 3."""
    last = field_tag.rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else ord(last) - ord("a") + 1


def _score(column: Column, answer: Answer) -> int | None:
    """The one box ticked on a statement's scale; None when none or more than one is ticked."""
    ticked = [f for f in column.fields if answer.values.get(f.tag) is True]
    return _scale_value(ticked[0].tag) if len(ticked) == 1 else None


def _reflectors_sheet(sheet, collection: Collection, forms: list[str], columns: dict[str, list[Column]]) -> None:
    sheet["A1"], sheet["A1"].font = "Reflectoren: hoe vaak elk antwoord gekozen is", TITLE
    row = 3
    width = max(len(c.fields) for form in forms for c in columns[form] if c.scale)
    for column_index, size in enumerate([60, *[8] * width, 10, 12], start=1):
        sheet.column_dimensions[get_column_letter(column_index)].width = size
    for form in forms:
        answers = [a for a in collection.answers if a.form == form]
        scales = [c for c in columns[form] if c.scale]
        sheet.cell(row=row, column=1, value=f"{title_of(collection, form)} ({len(answers)} ingevuld)").font = BOLD
        row += 1
        options = [_option(f) for f in scales[0].fields]
        numeric = all(o.isdigit() for o in options)
        heads = ["Stelling" if not numeric else "Vaardigheid", *options, "Aantal", *(["Gemiddelde"] if numeric else [])]
        for c, head in enumerate(heads, start=1):
            cell = sheet.cell(row=row, column=c, value=head)
            cell.font, cell.border, cell.alignment = BOLD, GRID, CENTRED if c > 1 else WRAP
        for scale in scales:
            row += 1
            scores = [s for a in answers if (s := _score(scale, a)) is not None]
            counts = [sum(1 for a in answers if a.values.get(f.tag) is True) for f in scale.fields]
            values = [scale.title, *counts, len(scores), *([round(mean(scores), 2) if scores else ""]
                                                          if numeric else [])]
            for c, value in enumerate(values, start=1):
                cell = write(sheet, row, c, value)
                cell.border, cell.alignment = GRID, WRAP if c == 1 else CENTRED
            _fit_height(sheet, row)
        row += 3
    _print_setup(sheet, "Reflectoren", collection.training, landscape=False)


def pairs(collection: Collection, form: str) -> dict[str, tuple[Answer, Answer]]:
    """Per person who filled `form` in twice or more: the first and the last time (by the folders
    'voor' and 'na', else by meeting, else by date)."""
    order = {BEFORE: 0, "": 1, AFTER: 2}
    by_person: dict[str, list[Answer]] = {}
    for answer in collection.answers:
        if answer.form == form and answer.person:
            by_person.setdefault(normal(answer.person), []).append(answer)
    result = {}
    for answers in by_person.values():
        if len(answers) > 1:
            answers.sort(key=lambda a: (order[a.moment], a.meeting or 0, _day(a.date)))
            result[answers[0].person] = (answers[0], answers[-1])
    return result


def _day(text: str) -> date:
    found = re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", text)
    try:
        return date(int(found.group(3)), int(found.group(2)), int(found.group(1))) if found else date.min
    except ValueError:
        return date.min


def _before_after_sheet(sheet, collection: Collection, forms: list[str], columns: dict[str, list[Column]]) -> None:
    sheet["A1"], sheet["A1"].font = "Voor en na: wat veranderde er in de groep", TITLE
    sheet["A2"] = ("Per stelling het gemiddelde van wie het formulier twee keer invulde: de eerste en de laatste "
                   "keer. Bij A, B en C telt A als 1, B als 2 en C als 3.")
    sheet["A2"].font = NOTE
    for column_index, size in enumerate([60, 10, 10, 10, 8], start=1):
        sheet.column_dimensions[get_column_letter(column_index)].width = size
    row = 4
    for form in forms:
        paired = pairs(collection, form)
        sheet.cell(row=row, column=1, value=f"{title_of(collection, form)} ({len(paired)} personen twee keer)"
                   ).font = BOLD
        if not paired:
            sheet.cell(row=row + 1, column=1, value="Nog niemand vulde dit formulier twee keer in.").font = NOTE
            row += 4
            continue
        head = row + 1
        for c, text in enumerate(["Stelling", "Voor", "Na", "Verschil", "Aantal"], start=1):
            cell = sheet.cell(row=head, column=c, value=text)
            cell.font, cell.border, cell.alignment = BOLD, GRID, CENTRED if c > 1 else WRAP
        row = head
        for scale in (c for c in columns[form] if c.scale):
            both = [(b, a) for first, last in paired.values()
                    if (b := _score(scale, first)) is not None and (a := _score(scale, last)) is not None]
            row += 1
            before = round(mean(b for b, _ in both), 2) if both else ""
            after = round(mean(a for _, a in both), 2) if both else ""
            values = [scale.title, before, after, round(after - before, 2) if both else "", len(both)]
            for c, value in enumerate(values, start=1):
                cell = write(sheet, row, c, value)
                cell.border, cell.alignment = GRID, WRAP if c == 1 else CENTRED
            _fit_height(sheet, row)
        _chart(sheet, title_of(collection, form), head, row)
        row = max(row + 3, head + 18)
    _print_setup(sheet, "Voor en na", collection.training, landscape=False)


def _chart(sheet, title: str, head: int, last: int) -> None:
    """The group's means before and after as bars, beside the table."""
    chart = BarChart()
    chart.type, chart.title, chart.height, chart.width = "bar", title, 8 + 0.35 * (last - head), 16
    chart.y_axis.title, chart.y_axis.scaling.min = "gemiddelde", 0
    chart.add_data(Reference(sheet, min_col=2, max_col=3, min_row=head, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=last))
    sheet.add_chart(chart, f"G{head}")


def _actions_sheet(sheet, collection: Collection) -> None:
    sheet["A1"], sheet["A1"].font = "Concreet vervolg (4.2): alle acties", TITLE
    _header(sheet, 3, ["Actie(s)", "Actie-eigenaar", "Tijdsplanning", "Bijeenkomst", "Ingevuld door", "Bestand",
                       "Status"], [44, 26, 18, 12, 22, 26, 16])
    row = 3
    for answer in (a for a in collection.answers if a.form == ACTIONS):
        rows: dict[str, dict[str, str]] = {}
        for tag, value in answer.values.items():
            parts = tag.split("/")
            if len(parts) == 3 and isinstance(value, str):
                rows.setdefault(parts[1], {})[parts[2]] = value
        for cells in rows.values():
            texts = list(cells.values())
            if not any(texts):
                continue
            row += 1
            for c, value in enumerate([*texts[:3], answer.meeting or "", answer.person, answer.source, ""], start=1):
                cell = write(sheet, row, c, value)
                cell.border, cell.alignment = GRID, CENTRED if c == 4 else WRAP
            _fit_height(sheet, row)
    sheet.freeze_panes = "A4"
    _print_setup(sheet, "Concreet vervolg: acties", collection.training, header_rows="3:3")


def attendance_table(collection: Collection) -> tuple[list[int], list[int], dict[str, dict]]:
    """Per person (the training's participants first): {'aanwezig': {meeting: 'ja'}, 'huiswerk': {…}}."""
    meetings = sorted(collection.attendance)
    homework = [n for n in meetings if collection.attendance[n].homework]
    people = {name: {"aanwezig": {}, "huiswerk": {}} for name in collection.training.participant_names}
    for number, sheet in collection.attendance.items():
        for row in sheet.rows:
            person, _ = collection.people.resolve(row.name)
            entry = people.setdefault(person, {"aanwezig": {}, "huiswerk": {}})
            entry["aanwezig"][number] = row.present
            if sheet.homework:
                entry["huiswerk"][number] = row.homework
    return meetings, homework, people


def _attendance_sheet(sheet, collection: Collection) -> None:
    sheet["A1"], sheet["A1"].font = "Aanwezigheid en huiswerk, uit de agenda's van de bijeenkomsten", TITLE
    meetings, homework, people = attendance_table(collection)
    if not meetings:
        sheet["A3"] = ("Nog geen aanwezigheid gevonden: vul in de Excel-agenda van elke bijeenkomst het blad "
                       "Aanwezigheid in (ja of nee) en verzamel opnieuw.")
        sheet["A3"].font = NOTE
    heads = ["Naam", *(f"Aanwezig {n}" for n in meetings), *(f"Huiswerk {n}" for n in homework), "Keer aanwezig",
             "Formulieren ingeleverd"]
    _header(sheet, 4, heads, [30, *[11] * (len(meetings) + len(homework)), 11, 14])
    handed_in = {}
    for answer in collection.answers:
        handed_in[normal(answer.person)] = handed_in.get(normal(answer.person), 0) + 1
    for r, (name, entry) in enumerate(people.items(), start=5):
        values = [name, *(entry["aanwezig"].get(n, "") for n in meetings),
                  *(entry["huiswerk"].get(n, "") for n in homework),
                  sum(1 for v in entry["aanwezig"].values() if v == "ja"), handed_in.get(normal(name), 0)]
        for c, value in enumerate(values, start=1):
            cell = write(sheet, r, c, value)
            cell.border, cell.alignment = GRID, Alignment(indent=1) if c == 1 else CENTRED
    sheet.freeze_panes = "B5"
    _print_setup(sheet, "Aanwezigheid", collection.training, header_rows="4:4")


def _files_sheet(sheet, collection: Collection) -> None:
    sheet["A1"], sheet["A1"].font = "Bestanden: wat is gelezen, wat niet, en waarom", TITLE
    _header(sheet, 3, ["Bestand", "Resultaat", "Formulier", "Waarom / opmerkingen"], [44, 13, 24, 70])
    for r, line in enumerate(collection.files, start=4):
        for c, value in enumerate([line.name, line.result, line.form, line.reason], start=1):
            cell = write(sheet, r, c, value)
            cell.border, cell.alignment = GRID, WRAP
        _fit_height(sheet, r)
    sheet.freeze_panes = "A4"
    _print_setup(sheet, "Bestanden", collection.training, header_rows="3:3")


def _overview_sheet(sheet, collection: Collection, forms: list[str], names: dict[str, str]) -> None:
    sheet["A1"], sheet["A1"].font = f"Antwoorden van de training {collection.training.owner}", TITLE
    read_ = sum(1 for line in collection.files if line.result == READ and not line.form.startswith("aanwezigheid"))
    lines = [(f"Verzameld op {dutch.long_date(date.today())}: {read_} formulieren gelezen, "
             f"{len(collection.files) - read_} andere bestanden (zie het blad Bestanden)."), ""]
    lines += [f"{names[form]}: {sum(1 for a in collection.answers if a.form == form)} ingevuld" for form in forms]
    lines += ["", "Reflectoren: per stelling hoe vaak A, B en C gekozen zijn; per vaardigheid het gemiddelde.",
              ("Voor en na: wat veranderde bij wie een formulier twee keer invulde (mappen 'voor' en 'na', of "
              "twee bijeenkomsten)."),
              "Acties 4.2: alle acties uit Concreet vervolg, met een kolom Status om bij te houden.",
              "Aanwezigheid: uit het blad Aanwezigheid van de Excel-agenda van elke bijeenkomst."]
    sheet.column_dimensions["A"].width = 110
    for r, text in enumerate(lines, start=3):
        write(sheet, r, 1, text).alignment = WRAP
    _print_setup(sheet, "Overzicht", collection.training, landscape=False)
