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
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from desi_pack import dutch
from desi_pack.collect.collect import AFTER, BEFORE, READ, REFUSED, SKIPPED, Answer, Collection
from desi_pack.collect.layouts import Field, Layout
from desi_pack.collect.people import normal
from desi_pack.collect.reading import TICK_KIND
from desi_pack.course.blocks import ChoiceTable
from desi_pack.excel.cells import write

# The pack's Excel look, so that all of a trainer's workbooks print alike.
from desi_pack.pack.workbooks import (
    BOLD,
    CENTRED,
    GRID,
    HEAD_FILL,
    NOTE,
    TITLE,
    WRAP,
    fit_height,
    header,
    new_book,
    print_setup,
    save,
)

ACTIONS = "4.2"
PAGE_WIDTH = 190  # column widths that fit a landscape A4 readably; a wider sheet prints over more pages
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
    book = new_book()
    book.worksheets[0].title = "Overzicht"
    forms = [name for name in collection.blanks.names() if any(a.form == name for a in collection.answers)]
    columns = {name: columns_of(collection.layouts[name], collection, name) for name in forms}
    names = _sheet_names(collection, forms)
    scales = [name for name in forms if any(c.scale for c in columns[name])]
    if scales:  # the summaries first: what a trainer looks at
        _reflectors_sheet(book.create_sheet("Reflectoren"), collection, scales, columns)
        _before_after_sheet(book.create_sheet("Voor en na"), collection, scales, columns)
    lists = [name for name in forms if any(not c.scale and c.fields[0].kind == TICK_KIND for c in columns[name])]
    if lists:
        _ticked_sheet(book.create_sheet("Aangevinkt"), collection, lists, columns)
    if ACTIONS in forms:
        _actions_sheet(book.create_sheet("Acties 4.2"), collection)
    _attendance_sheet(book.create_sheet("Aanwezigheid"), collection)
    for name in forms:
        _form_sheet(book.create_sheet(names[name]), collection, name, columns[name])
    _files_sheet(book.create_sheet("Bestanden"), collection)
    _overview_sheet(book["Overzicht"], collection, forms)
    return save(book)


def columns_of(layout: Layout, collection: Collection | None = None, form: str = "") -> list[Column]:
    """The columns of a form: its fields in order, a statement's answer boxes as one, each with a
    title a person reads (the statement in full where the course data has it); not the name and date."""
    columns: list[Column] = []
    for field in layout.fields:
        last = field.tag.rsplit("/", 1)[-1]
        if last in ("naam", "datum"):
            continue
        if field.kind == TICK_KIND and _OPTION.match(last) and columns and _same_statement(columns[-1], field):
            columns[-1] = Column(columns[-1].title, (*columns[-1].fields, field))
        else:
            columns.append(Column(_readable(field.label or field.tag), (field,)))
    columns = [Column(_statement(c, collection, form), c.fields) if c.scale else c for c in columns]
    return _distinct(columns)


def _readable(label: str) -> str:
    """A field's label as a column title: no doubled number ('1. 1. …'), no table coordinates ('(rij 2)')."""
    label = re.sub(r"^(\d+)\.\s+\1\.\s+", r"\1. ", label)
    label = re.sub(r"^(Notitie bij )(\d+)\.\s+\2\.\s+", r"\1\2. ", label)
    label = re.sub(r"\s*\(rij (\d+), kolom (\d+)\)", r" \1.\2", label)
    label = re.sub(r"\s*\((?:[^()]*, )?(?:rij|regel) (\d+)\)", r" \1", label)
    return label.replace("WENS", "Wens")


def _distinct(columns: list[Column]) -> list[Column]:
    """Titles told apart: where a text field shares its title with a statement or box (the line after
    'namelijk'), the text is its 'toelichting'; other repeats are numbered."""
    boxed = {column.title for column in columns if _short(column)}
    result: list[Column] = []
    seen: dict[str, int] = {}
    for column in columns:
        title = column.title
        if title in boxed and not _short(column):
            title = f"{title} (toelichting)"
        seen[title] = seen.get(title, 0) + 1
        result.append(Column(title if seen[title] == 1 else f"{title} ({seen[title]})", column.fields))
    return result


def _same_statement(column: Column, field: Field) -> bool:
    """Whether `field` is another answer box of the statement whose boxes `column` holds."""
    previous = column.fields[-1]
    return (
        previous.kind == TICK_KIND
        and _OPTION.match(previous.tag.rsplit("/", 1)[-1]) is not None
        and previous.tag.rsplit("/", 1)[0] == field.tag.rsplit("/", 1)[0]
    )


def title_of(collection: Collection, form: str) -> str:
    """'6.8 Reflector vooroordelen over eenzaamheid', 'Werkblad 3.5 …', 'Huiswerk voor bijeenkomst 3'."""
    course = collection.blanks.course
    if form in course.instruments:
        return f"{form} {course.instruments[form].titel}"
    if form.startswith("werkblad-"):
        key = form.removeprefix("werkblad-")
        return f"Werkblad {key} {course.exercises[key].name}"
    return f"Huiswerk voor bijeenkomst {form.removeprefix('huiswerk-')}"


def _statement(column: Column, collection: Collection | None, form: str) -> str:
    """A statement's text in full, from the course data ('6.8/1.3' is statement 3 of block 1);
    else what the labels of its answer boxes share."""
    place = re.fullmatch(r"[^/]+/(\d+)\.(\d+)", column.fields[0].tag.rsplit("/", 1)[0])
    course = collection.blanks.course if collection else None
    if place and course and form in course.instruments:
        blocks = course.instruments[form].onderdelen
        block, number = int(place.group(1)), int(place.group(2))
        table = blocks[block - 1] if block <= len(blocks) else None
        statements = table.stellingen if isinstance(table, ChoiceTable) else None
        if statements and number <= len(statements):
            text = " ".join(statements[number - 1].split())
            return text if re.match(rf"{number}\.\s", text) else f"{number}. {text}"
    labels = [f.label for f in column.fields]
    shared = labels[0]
    for label in labels[1:]:
        while not label.startswith(shared):
            shared = shared[:-1]
    return _readable(shared.rstrip(" :")) or column.fields[0].tag.rsplit("/", 1)[0]


def legend(collection: Collection, form: str) -> str:
    """What the answers of a form's scale mean, as the workbook says ('A = helemaal niet mee eens; …')."""
    course = collection.blanks.course
    if form not in course.instruments:
        return ""
    tables = [block for block in course.instruments[form].onderdelen if isinstance(block, ChoiceTable)]
    return " ".join(tables[0].legenda.split()) if tables else ""


def _option(field: Field) -> str:
    return field.tag.rsplit("/", 1)[-1].upper()


def _sheet_names(collection: Collection, forms: list[str]) -> dict[str, str]:
    """Tab names that fit: Excel allows 31 characters and no []:*?/\\; no quotes either, which a cut
    title would leave dangling."""
    names = {}
    for form in forms:
        text = " ".join(re.sub(r"[\[\]:*?/\\'\"‘’“”]", " ", title_of(collection, form)).split())
        names[form] = text[:31].rsplit(" ", 1)[0] if len(text) > 31 else text
    return names


def _form_sheet(sheet, collection: Collection, form: str, columns: list[Column]) -> None:
    title = title_of(collection, form)
    sheet["A1"], sheet["A1"].font = title, TITLE
    answers = sorted(
        (a for a in collection.answers if a.form == form), key=lambda a: (a.meeting or 99, normal(a.person), a.source)
    )
    moments = any(a.moment for a in answers)
    heads = [
        "Naam",
        "Datum",
        "Bijeenkomst",
        *(["Voor/na"] if moments else []),
        *(c.title for c in columns),
        "Opmerkingen",
        "Bestand",
    ]
    widths = [24, 12, 14, *([10] if moments else []), *(_width(c) for c in columns), 30, 28]
    header(sheet, 3, heads, widths)
    first_field = 4 + moments
    for r, answer in enumerate(answers, start=4):
        values = [
            answer.person,
            answer.day or answer.date,
            answer.meeting or "",
            *([answer.moment] if moments else []),
            *(_cell_value(c, answer) for c in columns),
            "; ".join(answer.notes),
            answer.source,
        ]
        for column, value in enumerate(values, start=1):
            cell = write(sheet, r, column, value)
            cell.border = GRID
            short = column in (2, 3, first_field - 1) or (
                first_field <= column < first_field + len(columns) and _short(columns[column - first_field])
            )
            cell.alignment = CENTRED if short and column > 1 else WRAP
            if column == 2 and isinstance(value, date):
                cell.number_format = "d-m-yyyy"
        fit_height(sheet, r)
    sheet.freeze_panes = "B4"
    print_setup(sheet, title, collection.training, header_rows="3:3")
    if sum(widths) > PAGE_WIDTH:  # one page wide it would print too small to read: more pages, names on each
        sheet.page_setup.fitToWidth = -(-sum(widths) // PAGE_WIDTH)
        sheet.print_title_cols = "A:A"


def _short(column: Column) -> bool:
    return column.scale or column.fields[0].kind == TICK_KIND


def _width(column: Column) -> int:
    """A tick's or a scale's column as wide as the longest word of its title (so no word breaks), else 30."""
    if not _short(column):
        return 30
    return min(max(12, max(len(word) for word in column.title.split()) + 3), 22)


def _cell_value(column: Column, answer: Answer):
    value = column.value(answer)
    return int(value) if column.scale and value.isdigit() else value


def _scale_value(field_tag: str) -> int:
    """A box's place on its scale: '4' is 4, 'a' is 1, 'b' 2, 'c' 3."""
    last = field_tag.rsplit("/", 1)[-1]
    return int(last) if last.isdigit() else ord(last) - ord("a") + 1


def _score(column: Column, answer: Answer) -> int | None:
    """The one box ticked on a statement's scale; None when none or more than one is ticked."""
    ticked = [f for f in column.fields if answer.values.get(f.tag) is True]
    return _scale_value(ticked[0].tag) if len(ticked) == 1 else None


def _head_row(sheet, row: int, heads: list[str]) -> None:
    for c, head in enumerate(heads, start=1):
        cell = sheet.cell(row=row, column=c, value=head)
        cell.font, cell.fill, cell.border = BOLD, HEAD_FILL, GRID
        cell.alignment = CENTRED if c > 1 else WRAP


def _note(sheet, row: int, text: str, width: int | None = None) -> None:
    """A line of explanation across the table below it (`width`: the columns' total width)."""
    width = width or int(sheet.column_dimensions["A"].width or 10)
    cell = write(sheet, row, 1, text)
    cell.font, cell.alignment = NOTE, Alignment(wrap_text=True, vertical="top")
    columns = 1
    while sum(sheet.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, columns + 1)) < width:
        columns += 1
    if columns > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    fit_height(sheet, row)


def _reflectors_sheet(sheet, collection: Collection, forms: list[str], columns: dict[str, list[Column]]) -> None:
    sheet["A1"], sheet["A1"].font = "Reflectoren: hoe vaak elk antwoord gekozen is", TITLE
    width = max(len(c.fields) for form in forms for c in columns[form] if c.scale)
    for column_index, size in enumerate([62, *[7] * width, 10, 12], start=1):
        sheet.column_dimensions[get_column_letter(column_index)].width = size
    row = 3
    for form in forms:
        answers = [a for a in collection.answers if a.form == form]
        scales = [c for c in columns[form] if c.scale]
        sheet.cell(row=row, column=1, value=f"{title_of(collection, form)} ({len(answers)} ingevuld)").font = BOLD
        if legend(collection, form):
            row += 1
            _note(sheet, row, legend(collection, form), 62 + 7 * width + 22)
        row += 1
        options = [_option(f) for f in scales[0].fields]
        numeric = all(o.isdigit() for o in options)
        _head_row(
            sheet,
            row,
            ["Vaardigheid" if numeric else "Stelling", *options, "Ingevuld", *(["Gemiddelde"] if numeric else [])],
        )
        for scale in scales:
            row += 1
            scores = [s for a in answers if (s := _score(scale, a)) is not None]
            counts = [sum(1 for a in answers if a.values.get(f.tag) is True) for f in scale.fields]
            values = [scale.title, *counts, len(scores), *([mean(scores) if scores else ""] if numeric else [])]
            for c, value in enumerate(values, start=1):
                cell = write(sheet, row, c, value)
                cell.border, cell.alignment = GRID, WRAP if c == 1 else CENTRED
                if numeric and c == len(values):
                    cell.number_format = "0.0"
            fit_height(sheet, row)
        row += 3
    sheet.freeze_panes = "A3"
    print_setup(sheet, "Reflectoren", collection.training, landscape=False)


def _ticked_sheet(sheet, collection: Collection, forms: list[str], columns: dict[str, list[Column]]) -> None:
    """Per tick box of a list (8.6's interests): how many ticked it."""
    sheet["A1"], sheet["A1"].font = "Aangevinkt: hoe vaak elk vakje is aangevinkt", TITLE
    for column_index, size in enumerate([62, 12, 12], start=1):
        sheet.column_dimensions[get_column_letter(column_index)].width = size
    row = 3
    for form in forms:
        answers = [a for a in collection.answers if a.form == form]
        sheet.cell(row=row, column=1, value=f"{title_of(collection, form)} ({len(answers)} ingevuld)").font = BOLD
        row += 1
        _head_row(sheet, row, ["Vakje", "Aangevinkt", "Van de"])
        for column in (c for c in columns[form] if not c.scale and c.fields[0].kind == TICK_KIND):
            row += 1
            ticked = sum(1 for a in answers if a.values.get(column.fields[0].tag) is True)
            for c, value in enumerate([column.title, ticked, len(answers)], start=1):
                cell = write(sheet, row, c, value)
                cell.border, cell.alignment = GRID, WRAP if c == 1 else CENTRED
        row += 3
    sheet.freeze_panes = "A3"
    print_setup(sheet, "Aangevinkt", collection.training, landscape=False)


def pairs(collection: Collection, form: str) -> dict[str, tuple[Answer, Answer]]:
    """Per person who filled `form` in at two moments or more: the first and the last time (by the
    folders 'voor' and 'na', else by meeting, else by date); two forms of one moment are no pair."""
    order = {BEFORE: 0, "": 1, AFTER: 2}
    by_person: dict[str, list[Answer]] = {}
    for answer in collection.answers:
        if answer.form == form and answer.person:
            by_person.setdefault(normal(answer.person), []).append(answer)
    result = {}
    for answers in by_person.values():
        answers.sort(key=lambda a: (order[a.moment], a.meeting or 0, a.day or date.min))
        first, last = answers[0], answers[-1]
        # Two forms of one moment (a corrected copy) show no change over time.
        if len(answers) > 1 and (first.moment, first.meeting, first.date) != (last.moment, last.meeting, last.date):
            result[first.person] = (first, last)
    return result


def _before_after_sheet(sheet, collection: Collection, forms: list[str], columns: dict[str, list[Column]]) -> None:
    sheet["A1"], sheet["A1"].font = "Voor en na: wat veranderde er in de groep", TITLE
    widths = [5, 58, 9, 9, 10, 10]
    for column_index, size in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column_index)].width = size
    _note(
        sheet,
        2,
        "Per stelling het gemiddelde van wie het formulier twee keer invulde: de eerste keer (map "
        "'voor', of de eerste bijeenkomst) en de laatste keer. Bij A, B en C telt A als 1, B als 2 en "
        "C als 3.",
        sum(widths),
    )
    row = 4
    for form in forms:
        paired = pairs(collection, form)
        sheet.cell(row=row, column=1, value=title_of(collection, form)).font = BOLD
        if not paired:
            _note(sheet, row + 1, "Nog niemand vulde dit formulier twee keer in.", sum(widths))
            row += 3
            continue
        if legend(collection, form):
            row += 1
            _note(sheet, row, legend(collection, form), sum(widths))
        head = row + 1
        _head_row(sheet, head, ["Nr", "Stelling", "Voor", "Na", "Verschil", "Personen"])
        row = head
        scales = [c for c in columns[form] if c.scale]
        for number, scale in enumerate(scales, start=1):
            both = [
                (b, a)
                for first, last in paired.values()
                if (b := _score(scale, first)) is not None and (a := _score(scale, last)) is not None
            ]
            row += 1
            text = re.sub(r"^\d+\.\s+", "", scale.title)
            values: list = [number, text, "", "", "", len(both)]
            if both:
                before, after = mean(b for b, _ in both), mean(a for _, a in both)
                values[2:5] = [before, after, after - before]
            for c, value in enumerate(values, start=1):
                cell = write(sheet, row, c, value)
                cell.border, cell.alignment = GRID, WRAP if c == 2 else CENTRED
                cell.number_format = {3: "0.0", 4: "0.0", 5: "+0.0;-0.0;0.0"}.get(c, "General")
            fit_height(sheet, row)
        top = len(scales[0].fields)
        row = _chart(sheet, title_of(collection, form), head, row, top) + 2
    print_setup(sheet, "Voor en na", collection.training, landscape=False)


def _chart(sheet, title: str, head: int, last: int, top: int) -> int:
    """The group's means before and after as bars under the table, statement 1 at the top and named by
    its number; returns the last row the chart covers."""
    chart = BarChart()
    chart.type, chart.title, chart.style = "bar", title, 10
    chart.height, chart.width = 3 + 0.6 * (last - head), 17
    chart.y_axis.title = f"gemiddelde (1 tot {top})"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max, chart.y_axis.majorUnit = 1, top, 1
    chart.x_axis.scaling.orientation = "maxMin"  # statement 1 at the top, as in the table
    chart.x_axis.tickLblSkip = 1
    chart.add_data(Reference(sheet, min_col=3, max_col=4, min_row=head, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=head + 1, max_row=last))
    chart.series[0].graphicalProperties.solidFill = "A6A6A6"
    chart.series[1].graphicalProperties.solidFill = "1F5F6B"
    sheet.row_breaks.append(Break(id=last + 1))  # printed, the chart has a page of its own
    sheet.add_chart(chart, f"B{last + 2}")
    return last + 2 + int(chart.height / 0.5) + 1


def _actions_sheet(sheet, collection: Collection) -> None:
    sheet["A1"], sheet["A1"].font = "Concreet vervolg (4.2): alle acties", TITLE
    header(
        sheet,
        3,
        ["Actie", "Actie-eigenaar", "Tijdsplanning", "Bijeenkomst", "Naam", "Status", "Bestand"],
        [44, 26, 18, 14, 22, 14, 26],
    )
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
            for c, shown in enumerate([*texts[:3], answer.meeting or "", answer.person, "", answer.source], start=1):
                cell = write(sheet, row, c, shown)
                cell.border, cell.alignment = GRID, CENTRED if c in (4, 6) else WRAP
            fit_height(sheet, row)
    status = DataValidation(type="list", formula1='"open,bezig,klaar"', allow_blank=True)
    status.error, status.errorTitle = "Kies open, bezig of klaar.", "Ongeldige status"
    status.add(f"F4:F{max(row, 4) + 50}")
    sheet.add_data_validation(status)
    sheet.auto_filter.ref = f"A3:G{max(row, 4)}"
    sheet.freeze_panes = "A4"
    print_setup(sheet, "Concreet vervolg: acties", collection.training, header_rows="3:3")


def attendance_table(collection: Collection) -> tuple[list[int], list[int], dict[str, dict]]:
    """Per person (the training's participants first): {'aanwezig': {meeting: 'ja'}, 'huiswerk': {…}}."""
    meetings = sorted(collection.attendance)
    homework = [n for n in meetings if collection.attendance[n].homework]
    people: dict[str, dict[str, dict[int, str]]] = {
        name: {"aanwezig": {}, "huiswerk": {}} for name in collection.training.participant_names
    }
    for number, sheet in collection.attendance.items():
        for row in sheet.rows:
            person, _ = collection.people.resolve(row.name)
            entry = people.setdefault(person, {"aanwezig": {}, "huiswerk": {}})
            entry["aanwezig"][number] = row.present
            if sheet.homework:
                entry["huiswerk"][number] = row.homework
    return meetings, homework, people


def _attendance_sheet(sheet, collection: Collection) -> None:
    sheet["A1"], sheet["A1"].font = "Aanwezigheid en huiswerk", TITLE
    meetings, homework, people = attendance_table(collection)
    heads = [
        "Naam",
        *(f"Aanwezig {n}" for n in meetings),
        *(f"Huiswerk {n}" for n in homework),
        "Keer aanwezig",
        "Formulieren ingeleverd",
    ]
    widths = [30, *[11] * (len(meetings) + len(homework)), 11, 14]
    header(sheet, 4, heads, widths)
    if not meetings:
        _note(
            sheet,
            2,
            "Nog geen aanwezigheid ingevuld: vul in de agenda van elke bijeenkomst "
            "(agenda-bijeenkomst-N.xlsx, blad Aanwezigheid) 'ja' of 'nee' in en verzamel opnieuw.",
            sum(widths),
        )
    handed_in: dict[str, int] = {}
    for answer in collection.answers:
        handed_in[normal(answer.person)] = handed_in.get(normal(answer.person), 0) + 1
        if answer.person and normal(answer.person) not in {normal(name) for name in people}:
            people[answer.person] = {"aanwezig": {}, "huiswerk": {}}  # handed in forms, not on a list
    for r, (name, entry) in enumerate(people.items(), start=5):
        values = [
            name,
            *(entry["aanwezig"].get(n, "") for n in meetings),
            *(entry["huiswerk"].get(n, "") for n in homework),
            sum(1 for v in entry["aanwezig"].values() if v == "ja"),
            handed_in.get(normal(name), 0),
        ]
        for c, value in enumerate(values, start=1):
            cell = write(sheet, r, c, value)
            cell.border, cell.alignment = GRID, Alignment(indent=1) if c == 1 else CENTRED
    sheet.freeze_panes = "B5"
    print_setup(sheet, "Aanwezigheid", collection.training, header_rows="4:4")


def _files_sheet(sheet, collection: Collection) -> None:
    sheet["A1"], sheet["A1"].font = "Bestanden: wat is gelezen, wat niet, en waarom", TITLE
    header(sheet, 3, ["Bestand", "Resultaat", "Formulier", "Waarom / opmerkingen"], [40, 13, 34, 60])
    order = {REFUSED: 0, SKIPPED: 1, READ: 2}
    lines = sorted(collection.files, key=lambda line: order.get(line.result, 3))
    known = set(collection.blanks.names())
    for r, line in enumerate(lines, start=4):
        form = title_of(collection, line.form) if line.form in known else line.form
        for c, value in enumerate([line.name, line.result, form, line.reason], start=1):
            cell = write(sheet, r, c, value)
            cell.border, cell.alignment = GRID, WRAP
        fit_height(sheet, r)
    sheet.freeze_panes = "A4"
    sheet.auto_filter.ref = f"A3:D{3 + max(len(lines), 1)}"
    print_setup(sheet, "Bestanden", collection.training, header_rows="3:3")


def _overview_sheet(sheet, collection: Collection, forms: list[str]) -> None:
    sheet["A1"], sheet["A1"].font = f"Antwoorden van de training {collection.training.owner}", TITLE
    read_ = sum(1 for line in collection.files if line.result == READ and not line.form.startswith("aanwezigheid"))
    other = sum(1 for line in collection.files if line.result != READ)
    lines = [
        (
            f"Gemaakt op {dutch.long_date(date.today())} uit {read_} ingevulde formulieren"
            + (
                f"; {other} {'bestand is' if other == 1 else 'bestanden zijn'} overgeslagen of geweigerd (zie het "
                "blad Bestanden)."
                if other
                else "."
            )
        )
    ]
    lines += [
        "",
        *(
            f"{title_of(collection, form)}: {sum(1 for a in collection.answers if a.form == form)} ingevuld"
            for form in forms
        ),
    ]
    lines += [
        "",
        "Reflectoren: per stelling hoe vaak elk antwoord gekozen is; per vaardigheid het gemiddelde.",
        "Aangevinkt: hoe vaak elk vakje van een lijst (zoals de interesses van 8.6) is aangevinkt.",
        "Voor en na: wat veranderde bij wie een formulier twee keer invulde.",
        "Acties 4.2: alle acties uit Concreet vervolg, met een kolom Status om bij te houden.",
        "Aanwezigheid: uit het blad Aanwezigheid van de agenda van elke bijeenkomst.",
        "Daarna een blad per formulier: een rij per ingevuld formulier, een kolom per vraag.",
    ]
    sheet.column_dimensions["A"].width = 110
    for r, text in enumerate(lines, start=3):
        write(sheet, r, 1, text).alignment = WRAP
    print_setup(sheet, "Overzicht", collection.training, landscape=False)
