"""The Excel files re-opened: formulas over durations, print counts, attendance, overview."""

from __future__ import annotations

import io
import itertools
import shutil
import statistics
from datetime import date, time

import pytest
import yaml
from openpyxl import load_workbook

from desi_pack import build, load_training
from desi_pack.pack.workbooks import END_CELL, LENGTH_CELL, START_CELL, TOTAL_CELL
from desi_pack.pack.workbooks import FIRST_AGENDA_ROW as FIRST


def _agenda(root, number):
    return load_workbook(root / f"bijeenkomst-{number}" / f"agenda-bijeenkomst-{number}.xlsx")


def test_sheets(example_pack):
    assert _agenda(example_pack, 1).sheetnames == ["Agenda", "Materialen", "Aanwezigheid"]


def test_durations_are_values_and_times_are_formulas(example_pack, course):
    sheet = _agenda(example_pack, 1)["Agenda"]
    # The inputs and sums beside the table, outside the print area: spreadsheet work stays on screen.
    assert sheet[START_CELL].value == time(13, 30) and sheet[LENGTH_CELL].value == 180
    assert sheet.print_area == f"'Agenda'!$A$1:$H${FIRST + len(course.meeting(1).agenda) - 1}"
    agenda = course.meeting(1).agenda
    for offset, row in enumerate(agenda):
        r = FIRST + offset
        assert sheet.cell(r, 2).value == row.wat
        assert sheet.cell(r, 5).value == row.planned_minutes
        assert sheet.cell(r, 6).value == ("=$K$1" if offset == 0 else f"=G{r - 1}")
        assert sheet.cell(r, 7).value == f"=F{r}+E{r}/1440"
        assert sheet.cell(r, 6).number_format == "hh:mm"
    last = FIRST + len(agenda) - 1
    assert sheet[TOTAL_CELL].value == f"=SUM(E{FIRST}:E{last})"
    assert sheet[END_CELL].value == f"=G{last}"


def test_note_rows_are_skipped_in_the_time_chain(example_pack):
    sheet = _agenda(example_pack, 3)["Agenda"]
    note = FIRST + 3
    # Not an agenda item on paper: its place in brackets, no name, its text (issue 26).
    assert sheet.cell(note, 1).value == "(4)" and sheet.cell(note, 2).value is None
    assert sheet.cell(note, 8).value.startswith("Als deelnemers eigen casuïstiek hebben")
    assert sheet.cell(note, 5).value is None and sheet.cell(note, 6).value is None
    assert sheet.cell(note + 1, 6).value == f"=G{note - 1}"


def test_duration_cells_accept_only_whole_minutes(example_pack):
    sheet = _agenda(example_pack, 2)["Agenda"]
    rules = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert len(rules) == 1 and str(rules[0].sqref) == f"E{FIRST}:E{FIRST + 7}"


def test_materials_count_follows_participants(example_pack):
    sheet = _agenda(example_pack, 3)["Materialen"]
    assert (sheet["B1"].value, sheet["B2"].value) == (12, 2)
    assert sheet["B5"].value == "Werkblad 6.6 In de weerstand (bij opdracht 6.6)"  # the agenda's order
    assert sheet["D5"].value == "=$B$1+$B$2"


def test_attendance_numbered_or_named(example_pack, write_config, tmp_path):
    numbered = _agenda(example_pack, 1)["Aanwezigheid"]
    assert [numbered.cell(r, 1).value for r in range(4, 16)] == list(range(1, 13))
    assert numbered.cell(4, 2).value is None
    path = write_config({"deelnemers": ["Fatima Yılmaz", "Joost & Co", "<Zoë>"]})
    root = build(load_training(path), tmp_path / "out", [2]).root
    named = _agenda(root, 2)["Aanwezigheid"]
    assert [named.cell(r, 2).value for r in range(4, 7)] == ["Fatima Yılmaz", "Joost & Co", "<Zoë>"]
    assert named.cell(8, 3).value == '=COUNTIF(C4:C6,"ja")'


def test_course_overview(example_pack):
    book = load_workbook(example_pack / "overzicht-training.xlsx")
    # No warnings (when meetings 2 and 3 end is the trainer's choice, no broken rule): no page saying so.
    assert book.sheetnames == ["Bijeenkomsten", "Aanwezigheid"]
    sheet = book["Bijeenkomsten"]
    days = [sheet.cell(r, 3).value.date() for r in range(4, 9)]
    assert days == [date(2027, 1, 12), date(2027, 2, 16), date(2027, 3, 16), date(2027, 4, 20), date(2027, 6, 1)]
    assert sheet.cell(5, 6).value == "Bibliotheek Tiel"
    assert sheet.cell(5, 7).value == "=C5-C4"
    # Each meeting's one end time, as every document gives it.
    assert [sheet.cell(r, 5).value for r in range(4, 9)] == [
        time(16, 30),
        time(16, 30),
        time(16, 35),
        time(16, 30),
        time(16, 30),
    ]
    # Where the parts do not fill three hours, the end is said once, calmly, in words of paper (issue 26).
    assert sheet.cell(3, 9).value == "Opmerkingen"
    assert [sheet.cell(r, 9).value for r in range(4, 9)] == [
        None,
        "De onderdelen duren samen 2 uur 50 min; de bijeenkomst duurt tot 16:30, u houdt 10 minuten over.",
        "De onderdelen duren samen 3 uur 5 min, 5 min langer dan de geplande 3 uur; de bijeenkomst duurt tot 16:35.",
        None,
        None,
    ]
    # A table on paper: every cell of a meeting's row has its lines (issue 26: page 1 had none).
    assert all(sheet.cell(r, c).border.left.style == "thin" for r in range(4, 9) for c in range(1, 10))
    attendance = book["Aanwezigheid"]
    assert [c.value for c in attendance[1]][:3] == ["Nr", "Naam", "Aanwezig 1"]
    assert attendance.cell(2, 12).value == '=COUNTIF(C2:G2,"ja")'


def test_overview_warnings_only_when_there_are_some_and_without_rule_codes(write_config, tmp_path):
    """A warnings page says what is wrong in words; none is left out, not printed as 'Geen waarschuwingen'."""
    path = write_config({"deelnemers": 9})
    book = load_workbook(build(load_training(path), tmp_path / "out").root / "overzicht-training.xlsx")
    sheet = book["Waarschuwingen"]
    assert [c.value for c in sheet[1]] == ["Bijeenkomst", "Waarschuwing"]
    assert sheet.cell(2, 2).value.startswith("De groep telt 9 deelnemers")


def test_every_sheet_prints_with_a_title_the_organisation_and_page_numbers_in_sized_arial(example_pack):
    books = [*example_pack.glob("bijeenkomst-*/agenda-*.xlsx"), example_pack / "overzicht-training.xlsx"]
    for path in books:
        for sheet in load_workbook(path).worksheets:
            assert sheet.oddHeader.left.text, (path.name, sheet.title)
            assert sheet.oddFooter.left.text == "Welzijn Rivierenland, Tiel"
            assert sheet.oddFooter.right.text == "pagina &P van &N"
            assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
            assert sheet.print_title_rows, (path.name, sheet.title)
            fonts = {cell.font.name for row in sheet.iter_rows() for cell in row if cell.value is not None}
            assert fonts == {"Arial"}, (path.name, sheet.title, fonts)
            # A font without a size prints in LibreOffice's 11 pt, larger than the rows were made for.
            sizes = {cell.font.sz for row in sheet.iter_rows() for cell in row if cell.value is not None}
            assert None not in sizes, (path.name, sheet.title)


def test_counts_of_a_blank_attendance_list_print_as_nothing(example_pack):
    """A blank list is filled in by hand: no '0' printed where the count will come."""
    sheet = load_workbook(example_pack / "bijeenkomst-1" / "agenda-bijeenkomst-1.xlsx")["Aanwezigheid"]
    count = next(row[2] for row in sheet.iter_rows() if row[1].value == "Aantal aanwezig")
    assert str(count.value).startswith("=COUNTIF") and count.number_format == "0;-0;;@"
    overview = load_workbook(example_pack / "overzicht-training.xlsx")["Aanwezigheid"]
    totals = [row[-1] for row in overview.iter_rows(min_row=2) if str(row[-1].value).startswith("=COUNTIF")]
    assert totals and all(cell.number_format == "0;-0;;@" for cell in totals)


def test_homework_is_checked_only_where_homework_was_due(example_pack):
    first = _agenda(example_pack, 1)["Aanwezigheid"]
    assert [c.value for c in first[3]] == ["Nr", "Naam", "Aanwezig", "Opmerkingen"]
    second = _agenda(example_pack, 2)["Aanwezigheid"]
    assert [c.value for c in second[3]] == ["Nr", "Naam", "Aanwezig", "Huiswerk gedaan", "Opmerkingen"]
    assert second.cell(4, 4).border.left.style == "thin"  # a grid to write in by hand


# --- printed by LibreOffice ------------------------------------------------------------

LONG_TITLE = (
    "Terugkomen op de acties van de hele groep, de nieuwe afspraken met de partners in de wijk en "
    "wat er verder nog te doen staat voor de komende maanden in het dorp"
)
LONG_NAME = "Maria Magdalena Wilhelmina van den Heuvel-Oudshoorn tot Wijckerslooth"


def _words(pdf: bytes, tmp_path) -> list[list[tuple[str, float, float, float]]]:
    """Per page of a PDF, its words as (text, x, top, bottom) in pt, as pdftotext -bbox finds them."""
    import re
    import subprocess

    path = tmp_path / "werkmap.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append(
            [
                (text, float(x), float(top), float(bottom))
                for x, top, bottom, text in re.findall(
                    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page
                )
            ]
        )
    return pages


@pytest.fixture(scope="module")
def printed_agendas(tmp_path_factory, write_config_module):
    """The workbooks of the five meetings, of an own sixth one with a long title, and the course overview,
    for participants of whom one has a long name, as LibreOffice prints them: {name: (xlsx, pdf)}."""
    from desi_pack.writing.pdf import convert, find_libreoffice

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    training = load_training(write_config_module)
    root = build(training, tmp_path_factory.mktemp("agenda"), [1, 2, 3, 4, 5, 6]).root
    books = {
        f"agenda-{n}.xlsx": (root / f"bijeenkomst-{n}" / f"agenda-bijeenkomst-{n}.xlsx").read_bytes()
        for n in range(1, 7)
    }
    books["overzicht.xlsx"] = (root / "overzicht-training.xlsx").read_bytes()
    pdfs = convert(find_libreoffice(), books)
    return {name: (books[name], pdfs[name]) for name in books}


@pytest.fixture(scope="module")
def write_config_module(tmp_path_factory):
    from tests.conftest import BASE_CONFIG

    path = tmp_path_factory.mktemp("training") / "training.yaml"
    meetings = [
        *BASE_CONFIG["bijeenkomsten"],
        {
            "datum": "2027-09-07",
            "start": "13:30",
            "titel": LONG_TITLE,
            "agenda": [{"wat": "Welkom", "duur": 10, "soort": "opening"}, {"wat": "Acties", "duur": 60}],
        },
    ]
    names = [LONG_NAME, *(f"Deelnemer {n}" for n in range(2, 13))]
    config = {**BASE_CONFIG, "bijeenkomsten": meetings, "deelnemers": names}
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


# The column whose one line of text starts each row of a sheet's table (1: the number); others have column 1.
ANCHOR_COLUMN = {"Materialen": 3}  # 'Meenemen', 'Uitdelen': the first column is left empty to tick
ROOM_PT = 1.0  # at least this much room under a row's last line, in pt of the sheet (before fitting the page)
# At most two empty lines under it, and one more for every four lines of text: the row is as high as Excel
# needs, whose columns are narrower than LibreOffice's (a text of 9 lines here takes 11 or 12 there).
EMPTY_LINES, MORE_EVERY = 2, 4
LINE_PT = 12  # a line of 10 pt, as the room below a row of one line counts it


def _lines(words):
    """Words grouped by the top of their line, top to bottom."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (w[2], w[1])):
        if lines and abs(lines[-1][0][2] - word[2]) < 0.5:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _rows_as_printed(sheet, pages) -> list[tuple[int, float, list]]:
    """Each row of `sheet` with text, on the pages that print it, as (row, room, words): `room` is the
    space between its lowest word and where the next row starts, in pt of the sheet.

    A row of the table starts where the line of its anchor column is (a number, one line; in a row whose
    number is in the middle of its height, that height's half above it), the header row where its heading
    is; a page's last row ends its height below its start, and the rows above the header row on the first
    page (the title) are placed above it by their heights."""
    header_row = int(str(sheet.print_title_rows).split(":")[0].lstrip("$"))
    column = ANCHOR_COLUMN.get(sheet.title, 1)
    head, after = (str(sheet.cell(header_row, c).value).split()[0] for c in (column, column + 1))
    table = list(
        itertools.takewhile(lambda r: sheet.cell(r, column).value is not None, itertools.count(header_row + 1))
    )
    if not table:  # an own meeting without materials
        return []
    default = sheet.sheet_format.defaultRowHeight
    height = {r: sheet.row_dimensions[r].height or default for r in range(1, table[-1] + 1)}
    middle = sheet.cell(table[0], column).alignment.vertical == "center"
    rows = iter(table)
    expected = next(rows)
    placed = []  # per page: the header row's top, [(row, where its anchor is)], the page's words
    for words in pages:
        words = [w for line in _lines(words)[1:-1] for w in line]  # without the title and page numbers
        heading = next(line for line in _lines(words) if {head, after} <= {w[0] for w in line})
        left = next(w[1] for w in heading if w[0] == head) - 3
        right = min(w[1] for w in heading if w[0] == after and w[1] > left) - 3
        anchors = []
        for line in _lines(w for w in words if left <= w[1] < right and w[2] > heading[0][2] + 1):
            text = " ".join(w[0] for w in line)
            if expected is not None and text == str(sheet.cell(expected, column).value):
                anchors.append((expected, (line[0][2] + line[0][3]) / 2 if middle else line[0][2]))
                expected = next(rows, None)
            else:  # a heading of two lines; nothing else
                assert not anchors and text in str(sheet.cell(header_row, column).value), (sheet.title, text)
        placed.append((heading[0][2], anchors, words))
    assert expected is None, (sheet.title, f"row {expected} not printed")
    # From one anchor to the next: the upper row's height, or half of each where anchors are in the middle.
    scale = statistics.median(
        (b - a) / ((height[r] + height[q]) / 2 if middle else height[r])
        for _, anchors, _ in placed
        for (r, a), (q, b) in itertools.pairwise(anchors)
    )
    result = []
    for number, (head_top, anchors, words) in enumerate(placed):
        starts = [(header_row, head_top), *((r, a - scale * height[r] / 2 if middle else a) for r, a in anchors)]
        for r in range(header_row - 1, 0, -1) if number == 0 else ():
            starts.insert(0, (r, starts[0][1] - scale * height[r]))
        ends = [top for _, top in starts[1:]] + [starts[-1][1] + scale * height[starts[-1][0]]]
        for (row, top), end in zip(starts, ends):
            inside = [w for w in words if top - 0.5 <= w[2] < end - 0.5]
            # Above the header row, only the rows desi-pack gives a height (the title): the others hold a
            # label at the foot of a row of the height Excel gives one line.
            if inside and (row >= header_row or sheet.row_dimensions[row].customHeight):
                result.append((row, (end - max(w[3] for w in inside)) / scale, inside))
    return result


@pytest.mark.libreoffice
def test_no_text_of_a_row_is_cut_off_in_print_and_no_row_is_much_higher_than_its_text(printed_agendas, tmp_path):
    """In every sheet of every meeting's workbook and of the overview, each row's last line of text ends
    above the next row, with a little room to spare (the notes '(4) Toelichting' of meeting 3 and '(3)' of
    meeting 5 were cut off in LibreOffice 7.4), and no row leaves many empty lines under its text."""
    problems, checked = [], 0
    for name, (xlsx, pdf) in printed_agendas.items():
        book = load_workbook(io.BytesIO(xlsx))
        pages = _words(pdf, tmp_path)
        for sheet in book.worksheets:
            title = sheet.oddHeader.left.text.replace("&&", "&")
            own = [p for p in pages if " ".join(w[0] for w in _lines(p)[0]) == title]
            assert own, (name, sheet.title, "not printed")
            for row, room, words in _rows_as_printed(sheet, own):
                checked += 1
                last = max(words, key=lambda w: w[3])[0]
                lines = len(_lines(words))
                if room < ROOM_PT:
                    problems.append(f"{name} {sheet.title} row {row}: {room:.1f} pt room under '{last}'")
                elif room > (EMPTY_LINES + lines / MORE_EVERY) * LINE_PT + 3:
                    problems.append(f"{name} {sheet.title} row {row}: {room:.0f} pt empty under {lines} lines")
    assert problems == []
    assert checked > 150


@pytest.mark.libreoffice
def test_a_long_title_wraps_and_does_not_shrink_the_print(printed_agendas, tmp_path):
    """The agenda prints as large with a title of three lines as with a short one, the title whole."""

    def header_height(number: int) -> float:
        first = _words(printed_agendas[f"agenda-{number}.xlsx"][1], tmp_path)[0]
        word = next(w for w in first if w[0] == "Bijzonderheden")
        return word[3] - word[2]

    assert abs(header_height(6) - header_height(3)) < 0.05 * header_height(3)
    text = " ".join(w[0] for w in _words(printed_agendas["agenda-6.xlsx"][1], tmp_path)[0])
    assert "komende maanden in het dorp" in text
