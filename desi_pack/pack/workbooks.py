"""The Excel workbooks: a meeting's agenda, materials and attendance, and the course overview.

Clock times in the agenda are formulas over the durations, so a trainer who changes
a duration in Excel sees every later time move.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from desi_pack import dutch
from desi_pack.course.adapt import manual_duration_text, row_marks
from desi_pack.course.course import Course
from desi_pack.course.rules import RuleWarning, end_note
from desi_pack.course.schedule import Schedule
from desi_pack.excel.cells import Formula, seal, write
from desi_pack.excel.compat import set_default_font
from desi_pack.excel.rows import FONT_PT, fit_height, row_height
from desi_pack.pack.documents import bullet, materials
from desi_pack.training.config import Training

# One named family and every font with its size: a font without a name prints in the printer's serif,
# one without a size in LibreOffice's 11 pt, a size the row heights (excel/rows.py) do not expect.
FONT = "Arial"
HEAD_FILL = PatternFill("solid", fgColor="DCE9EC")
PAUSE_FILL = PatternFill("solid", fgColor="EFEFEF")
PLAIN = Font(name=FONT, size=FONT_PT)
BOLD = Font(name=FONT, size=FONT_PT, bold=True)
GRID = Border(*(Side(style="thin", color="A6A6A6"),) * 4)
TITLE = Font(name=FONT, bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
NOTE = Font(name=FONT, size=FONT_PT, italic=True, color="595959")
CENTRED = Alignment(horizontal="center", vertical="top")
CLOCK = "hh:mm"
LONG_DATE = "[$-413]dddd d mmmm yyyy"
YES_NO = '"ja,nee"'
NO_ZERO = "0;-0;;@"  # a number format that shows nothing for 0

# Layout of the agenda sheet: the table, and beside it, outside what is printed, the inputs and sums that
# make the times move when a trainer changes them on screen (spreadsheet work does not belong on paper).
HEADER_ROW = 4
FIRST_AGENDA_ROW = HEADER_ROW + 1
LAST_PRINTED_COLUMN = 8  # H, Bijzonderheden
START_CELL, LENGTH_CELL, TOTAL_CELL, END_CELL = "K1", "K2", "K3", "K4"
SCREEN_HINT = "L1"


HEAD_CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")
NARROW = 12  # a column this narrow or narrower holds numbers, times or ticks: its heading is centred


def header(sheet: Worksheet, row: int, names: list[str], widths: list[int]) -> None:
    """A header row of two lines, or as many as its longest wrapped name needs; `widths` in Excel's units.
    The headings of narrow columns are centred, as their numbers and ticks are: side by side, headings that
    fill their columns would read as one ('Aanwezig 1 Aanwezig 2')."""
    for column, (name, width) in enumerate(zip(names, widths), start=1):
        cell = sheet.cell(row=row, column=column, value=name)
        cell.font, cell.fill = BOLD, HEAD_FILL
        cell.alignment = HEAD_CENTRED if width <= NARROW else WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    fit_height(sheet, row, at_least=row_height(2))


def _yes_no(sheet: Worksheet, cells: str) -> None:
    rule = DataValidation(type="list", formula1=YES_NO, allow_blank=True)
    rule.error, rule.errorTitle = "Kies ja of nee.", "Ongeldige waarde"
    rule.add(cells)
    sheet.add_data_validation(rule)


def new_book() -> Workbook:
    """A workbook whose default font is FONT: every cell without a font of its own prints in it."""
    book = Workbook()
    set_default_font(book, PLAIN)
    return book


def save(book: Workbook) -> bytes:
    seal(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- one meeting -----------------------------------------------------------------


def meeting_workbook(training: Training, course: Course, schedule: Schedule, homework_due: bool = True) -> bytes:
    """Agenda with editable durations, materials with print counts, attendance list (with a
    homework column when the meeting before gave homework)."""
    book = new_book()
    _agenda_sheet(book.worksheets[0], training, schedule)
    _materials_sheet(book.create_sheet("Materialen"), training, course, schedule)
    _attendance_sheet(book.create_sheet("Aanwezigheid"), training, schedule, homework_due)
    return save(book)


def _agenda_sheet(sheet: Worksheet, training: Training, schedule: Schedule) -> None:
    meeting = schedule.meeting
    sheet.title = "Agenda"
    header(
        sheet,
        HEADER_ROW,
        ["Nr", "Wat", "Werkboek §", "Tijd (handleiding)", "Duur (min)", "Van", "Tot", "Bijzonderheden"],
        [6, 38, 14, 14, 10, 8, 8, 56],
    )  # 'Tijd (handleiding)' on two lines
    _title(sheet, 1, f"Agenda bijeenkomst {meeting.nummer}: {meeting.titel}", TITLE, LAST_PRINTED_COLUMN)
    # The meeting's one end time (course/schedule.py), as every document of the pack gives it.
    _title(
        sheet,
        2,
        f"{dutch.long_date(schedule.day)}, {dutch.clock(schedule.start)}{dutch.EN_DASH}"
        f"{dutch.clock(schedule.end)}, {training.place_of(meeting.nummer)}",
        PLAIN,
        LAST_PRINTED_COLUMN,
    )
    last_timed = _agenda_rows(sheet, schedule)
    last_row = FIRST_AGENDA_ROW + len(schedule.rows) - 1
    _screen_inputs(sheet, schedule, last_row, last_timed)
    duration_rule = DataValidation(type="whole", operator="between", formula1="0", formula2="600")
    duration_rule.error = "Vul een aantal minuten in (0 tot 600)."
    duration_rule.errorTitle = "Ongeldige duur"
    duration_rule.add(f"E{FIRST_AGENDA_ROW}:E{last_row}")
    sheet.add_data_validation(duration_rule)
    sheet.freeze_panes = f"A{FIRST_AGENDA_ROW}"
    print_setup(sheet, f"Agenda bijeenkomst {meeting.nummer}", training, header_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    sheet.print_area = f"A1:{get_column_letter(LAST_PRINTED_COLUMN)}{last_row}"


def _screen_inputs(sheet: Worksheet, schedule: Schedule, last_row: int, last_timed: int) -> None:
    """Beside the table, outside the print area: the start time and durations a trainer may change on
    screen, what the parts add up to and when they end."""
    labels = ("Starttijd", "Geplande duur (min)", "Totaal agenda (min)", "Einde onderdelen")
    label_column = sheet[START_CELL].column - 1
    for row, label in enumerate(labels, start=1):
        label_cell = sheet.cell(row=row, column=label_column, value=label)
        label_cell.font, label_cell.alignment = BOLD, TOP  # beside its value, at the same height
    sheet.column_dimensions[get_column_letter(label_column - 1)].width = 3
    sheet.column_dimensions[get_column_letter(label_column)].width = 20
    sheet[START_CELL] = schedule.start.time()
    sheet[START_CELL].number_format = CLOCK
    sheet[LENGTH_CELL] = schedule.length
    write(sheet, sheet[TOTAL_CELL].row, sheet[TOTAL_CELL].column, Formula(f"=SUM(E{FIRST_AGENDA_ROW}:E{last_row})"))
    write(sheet, sheet[END_CELL].row, sheet[END_CELL].column, Formula(f"=G{last_timed}"))
    sheet[END_CELL].number_format = CLOCK
    for cell in (START_CELL, LENGTH_CELL, TOTAL_CELL, END_CELL):
        sheet[cell].alignment = Alignment(horizontal="right", vertical="top")
    sheet[SCREEN_HINT] = "Pas de starttijd of een duur (kolom E) aan: de tijden rekenen mee."
    sheet[SCREEN_HINT].font = NOTE
    sheet[SCREEN_HINT].alignment = Alignment(indent=1, vertical="top")


def print_setup(
    sheet: Worksheet, title: str, training: Training, landscape: bool = True, header_rows: str | None = None
) -> None:
    """A4 (landscape where wide), as wide as the page, as many pages long as needed; the sheet's
    title above every page, the organisation and 'pagina N van M' below it; `header_rows`
    ('9:9') printed again on every page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = False
    sheet.page_margins.top = sheet.page_margins.bottom = 0.8
    # In a header, '&' starts a code ('&P' is the page number): a user's '&' is written '&&'.
    head, foot = sheet.oddHeader, sheet.oddFooter
    assert head is not None and foot is not None  # openpyxl makes both with every sheet
    for part, text in (
        (head.left, title.replace("&", "&&")),
        (foot.left, training.shown_name.replace("&", "&&")),
        (foot.right, "pagina &P van &N"),
    ):
        part.text, part.font, part.size = text, FONT, 9
    if header_rows:
        sheet.print_title_rows = header_rows


def _title(sheet: Worksheet, row: int, text: str, font: Font, columns: int) -> None:
    """A title over the table's `columns`, wrapping inside them: a title running past the table would
    widen what is printed, and fitting the page's width would then print the whole sheet smaller."""
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    cell = write(sheet, row, 1, text)  # the user's text stays text (excel/cells.py)
    cell.font, cell.alignment = font, Alignment(wrap_text=True, vertical="top")
    fit_height(sheet, row)


def _agenda_rows(sheet: Worksheet, schedule: Schedule) -> int:
    """Write the agenda rows; return the sheet row of the last timed row."""
    previous_end = f"${START_CELL[0]}${START_CELL[1:]}"
    last_timed = FIRST_AGENDA_ROW
    number = 0
    for index, planned in enumerate(schedule.rows):
        r = FIRST_AGENDA_ROW + index
        row = planned.row
        notes = "\n".join([*row_marks(row), *(bullet(b) for b in row.bijzonderheden)])
        if row.duur is None:
            # A note of the manual, not an agenda item: its place in brackets (the training file refers to
            # rows by it) and its text, in grey italics, as the draaiboek shows it; no name in 'Wat' ('(4)
            # Toelichting' read as an item of its own).
            for column, value in ((1, f"({row.positie})"), (8, notes)):
                sheet.cell(row=r, column=column, value=value).font = NOTE
        else:
            number += 1
            # The row's number in the manual, as `check` shows it and the training file refers to it.
            label = row.positie or ("+" if row.eigen else number)
            values = [
                label,
                row.wat,
                ", ".join(row.werkboek),
                manual_duration_text(row),
                row.planned_minutes,
                Formula(f"={previous_end}"),
                Formula(f"=F{r}+E{r}/1440"),
                notes,
            ]
            for column, item in enumerate(values, start=1):
                write(sheet, r, column, item)
            sheet.cell(row=r, column=6).number_format = CLOCK
            sheet.cell(row=r, column=7).number_format = CLOCK
            previous_end, last_timed = f"G{r}", r
        for column in range(1, 9):
            cell = sheet.cell(row=r, column=column)
            # Numbers and clock times in the middle of their column: none runs into its neighbour.
            cell.alignment = WRAP if column in (2, 3, 8) else CENTRED
            if row.soort == "pauze":
                cell.fill = PAUSE_FILL
        fit_height(sheet, r)
    return last_timed


def _materials_sheet(sheet: Worksheet, training: Training, course: Course, schedule: Schedule) -> None:
    sheet["A1"], sheet["B1"] = "Deelnemers", training.group_size
    sheet["A2"], sheet["B2"] = "Extra afdrukken", training.extra_afdrukken
    sheet["A1"].font = sheet["A2"].font = BOLD
    header(sheet, 4, ["Klaar", "Wat", "Meenemen / uitdelen", "Aantal"], [16, 64, 22, 14])
    _yes_no(sheet, "A5:A40")
    meeting = schedule.meeting
    for offset, item in enumerate(materials(training, course, meeting)):
        r = 5 + offset
        sheet.cell(row=r, column=2, value=item["tekst"]).alignment = WRAP
        sheet.cell(row=r, column=3, value=item["soort"]).alignment = TOP
        # The count follows the group in the cells above, so a trainer can change it here.
        each = Formula("=$B$1+$B$2" if item["keer"] == 1 else f"={item['keer']}*($B$1+$B$2)")
        write(sheet, r, 4, each if item["per_deelnemer"] else item["aantal"]).alignment = CENTRED
        for column in range(1, 5):  # a checklist to tick on paper
            sheet.cell(row=r, column=column).border = GRID
        fit_height(sheet, r)
    print_setup(sheet, f"Materialen bijeenkomst {meeting.nummer}", training, landscape=False, header_rows="4:4")


def _attendance_sheet(sheet: Worksheet, training: Training, schedule: Schedule, homework_due: bool) -> None:
    title = f"Aanwezigheid bijeenkomst {schedule.meeting.nummer}, {dutch.long_date(schedule.day)}"
    heads = ["Nr", "Naam", "Aanwezig", *(["Huiswerk gedaan"] if homework_due else []), "Opmerkingen"]
    header(sheet, 3, heads, [6, 36, 12, *([17] if homework_due else []), 50])
    _title(sheet, 1, title, TITLE, len(heads))
    names: Sequence[str | None] = training.participant_names or [None] * training.group_size
    for offset, name in enumerate(names):
        sheet.cell(row=4 + offset, column=1, value=offset + 1)
        sheet.cell(row=4 + offset, column=2, value=name)
        for column in range(1, len(heads) + 1):
            sheet.cell(row=4 + offset, column=column).border = GRID
            # Number and ticks in the middle of their box; name and remarks from the left, a little apart,
            # a long name on two lines rather than under the box beside it.
            sheet.cell(row=4 + offset, column=column).alignment = Alignment(
                vertical="center",
                **({"indent": 1, "wrap_text": True} if column in (2, len(heads)) else {"horizontal": "center"}),
            )
        # Printed, it is a sign-in list: boxes and room to write by hand.
        fit_height(sheet, 4 + offset, at_least=24)
    last = 3 + len(names)
    _yes_no(sheet, f"C4:{'D' if homework_due else 'C'}{last}")
    sheet.cell(row=last + 2, column=2, value="Aantal aanwezig").font = BOLD
    # A count of nought prints as nothing: a blank list on paper is filled in by hand.
    write(sheet, last + 2, 3, Formula(f'=COUNTIF(C4:C{last},"ja")')).number_format = NO_ZERO
    sheet.freeze_panes = "A4"
    print_setup(sheet, title, training, landscape=False, header_rows="3:3")


# --- the whole course ------------------------------------------------------------


def overview_workbook(training: Training, course: Course, plans: list[Schedule], warnings: list[RuleWarning]) -> bytes:
    """All meetings with dates and spacing, the warnings (a sheet only where there are any), attendance
    across meetings."""
    book = new_book()
    _meetings_sheet(book.worksheets[0], training, plans, warnings)
    if warnings:  # no page that only says there is nothing to say
        _warnings_sheet(book.create_sheet("Waarschuwingen"), warnings, training)
    _course_attendance_sheet(book.create_sheet("Aanwezigheid"), training, plans)
    return save(book)


def _meetings_sheet(sheet: Worksheet, training: Training, plans: list[Schedule], warnings: list[RuleWarning]) -> None:
    sheet.title = "Bijeenkomsten"
    header(
        sheet,
        3,
        [
            "Nr",
            "Titel",
            "Datum",
            "Begin",
            "Einde",
            "Locatie",
            "Dagen sinds vorige",
            "Weken sinds vorige",
            "Opmerkingen",
        ],
        [5, 34, 24, 8, 8, 24, 10, 10, 44],
    )
    _title(sheet, 1, f"{training.shown_name}: overzicht van de training", TITLE, 9)
    for offset, plan in enumerate(plans):
        r = 4 + offset
        number = plan.meeting.nummer
        # The rules this meeting breaks, and when it ends where its parts do not fill it: said once, calmly.
        notes = "\n".join(
            [w.text for w in warnings if w.meeting == number] + [note for note in [end_note(plan)] if note]
        )
        values = [
            number,
            plan.meeting.titel,
            plan.day,
            plan.start.time(),
            plan.end.time(),
            training.place_of(number),
            Formula(f"=C{r}-C{r - 1}") if offset else None,
            Formula(f"=ROUND(G{r}/7,1)") if offset else None,
            notes,
        ]
        for column, value in enumerate(values, start=1):
            written = write(sheet, r, column, value)
            written.alignment = CENTRED if column in (1, 4, 5, 7, 8) else WRAP
            written.border = GRID  # a table on paper, as the lists of the meetings are
        sheet.cell(row=r, column=3).number_format = LONG_DATE
        # A date is a number, printed from the right; under its heading it reads from the left as text does.
        sheet.cell(row=r, column=3).alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        sheet.cell(row=r, column=4).number_format = CLOCK
        sheet.cell(row=r, column=5).number_format = CLOCK
        sheet.cell(row=r, column=7).number_format = "0"
        fit_height(sheet, r)
    sheet.freeze_panes = "A4"
    print_setup(sheet, "Overzicht van de training", training, header_rows="3:3")


def _warnings_sheet(sheet: Worksheet, warnings: list[RuleWarning], training: Training) -> None:
    header(sheet, 1, ["Bijeenkomst", "Waarschuwing"], [14, 100])
    for offset, warning in enumerate(warnings):
        for column, value in enumerate((warning.meeting, warning.text), start=1):
            sheet.cell(row=2 + offset, column=column, value=value).alignment = CENTRED if column == 1 else WRAP
        fit_height(sheet, 2 + offset)
    print_setup(sheet, "Waarschuwingen bij de planning", training, header_rows="1:1")


def _course_attendance_sheet(sheet: Worksheet, training: Training, plans: list[Schedule]) -> None:
    numbers = [p.meeting.nummer for p in plans]
    present = [f"Aanwezig {n}" for n in numbers]
    # Homework is checked at the meeting after the one that gave it (none after meeting 5).
    homework = [f"Huiswerk {p.meeting.nummer}" for before, p in itertools.pairwise(plans) if before.meeting.huiswerk]
    header(
        sheet,
        1,
        ["Nr", "Naam", *present, *homework, "Keer aanwezig"],
        [6, 36, *[12] * (len(present) + len(homework)), 12],
    )  # 'Keer aanwezig' on two lines, centred
    names: Sequence[str | None] = training.participant_names or [None] * training.group_size
    last_col = get_column_letter(2 + len(present))
    for offset, name in enumerate(names):
        r = 2 + offset
        sheet.cell(row=r, column=1, value=offset + 1)
        sheet.cell(row=r, column=2, value=name)
        total_col = 3 + len(present) + len(homework)
        write(sheet, r, total_col, Formula(f'=COUNTIF(C{r}:{last_col}{r},"ja")')).number_format = NO_ZERO
        for column in range(1, total_col + 1):
            sheet.cell(row=r, column=column).border = GRID
            # As on the list of a meeting: the name from the left, on two lines if long; the rest in the middle.
            sheet.cell(row=r, column=column).alignment = Alignment(
                vertical="center", **({"indent": 1, "wrap_text": True} if column == 2 else {"horizontal": "center"})
            )
        fit_height(sheet, r, at_least=22)  # printed, a grid to tick by hand
    end_col = get_column_letter(2 + len(present) + len(homework))
    _yes_no(sheet, f"C2:{end_col}{1 + len(names)}")
    sheet.freeze_panes = "C2"
    print_setup(sheet, "Aanwezigheid en huiswerk over de hele training", training, header_rows="1:1")
