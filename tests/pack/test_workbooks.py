"""The Excel files re-opened: formulas over durations, print counts, attendance, overview."""

from __future__ import annotations

import shutil
from datetime import date, time

import pytest
import yaml
from openpyxl import load_workbook

from desi_pack import build, load_training
from desi_pack.pack.workbooks import FIRST_AGENDA_ROW as FIRST


def _agenda(root, number):
    return load_workbook(root / f"bijeenkomst-{number}" / f"agenda-bijeenkomst-{number}.xlsx")


def test_sheets(example_pack):
    assert _agenda(example_pack, 1).sheetnames == ["Agenda", "Materialen", "Aanwezigheid"]


def test_durations_are_values_and_times_are_formulas(example_pack, course):
    sheet = _agenda(example_pack, 1)["Agenda"]
    assert sheet["C4"].value == time(13, 30) and sheet["C5"].value == 180
    agenda = course.meeting(1).agenda
    for offset, row in enumerate(agenda):
        r = FIRST + offset
        assert sheet.cell(r, 2).value == row.wat
        assert sheet.cell(r, 5).value == row.planned_minutes
        assert sheet.cell(r, 6).value == ("=$C$4" if offset == 0 else f"=G{r - 1}")
        assert sheet.cell(r, 7).value == f"=F{r}+E{r}/1440"
        assert sheet.cell(r, 6).number_format == "hh:mm"
    last = FIRST + len(agenda) - 1
    assert sheet["C6"].value == f"=SUM(E{FIRST}:E{last})"
    assert sheet["C7"].value == "=C6-C5"
    assert sheet["C8"].value == f"=G{last}"


def test_note_rows_are_skipped_in_the_time_chain(example_pack):
    sheet = _agenda(example_pack, 3)["Agenda"]
    note = FIRST + 3
    assert sheet.cell(note, 2).value == "Toelichting"
    assert sheet.cell(note, 5).value is None and sheet.cell(note, 6).value is None
    assert sheet.cell(note + 1, 6).value == f"=G{note - 1}"


def test_duration_cells_accept_only_whole_minutes(example_pack):
    sheet = _agenda(example_pack, 2)["Agenda"]
    rules = [v for v in sheet.data_validations.dataValidation if v.type == "whole"]
    assert len(rules) == 1 and str(rules[0].sqref) == f"E{FIRST}:E{FIRST + 7}"


def test_materials_count_follows_participants(example_pack):
    sheet = _agenda(example_pack, 3)["Materialen"]
    assert (sheet["B1"].value, sheet["B2"].value) == (12, 2)
    assert sheet["B5"].value == "7.4 Feedbackformulier gespreksvaardigheden"
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
    assert book.sheetnames == ["Bijeenkomsten", "Waarschuwingen", "Aanwezigheid"]
    sheet = book["Bijeenkomsten"]
    days = [sheet.cell(r, 3).value.date() for r in range(4, 9)]
    assert days == [date(2027, 1, 12), date(2027, 2, 16), date(2027, 3, 16),
                    date(2027, 4, 20), date(2027, 6, 1)]
    assert sheet.cell(5, 6).value == "Bibliotheek Tiel"
    assert sheet.cell(5, 7).value == "=C5-C4"
    assert "10 min korter" in sheet.cell(5, 9).value
    warnings = book["Waarschuwingen"]
    assert [warnings.cell(r, 1).value for r in (2, 3)] == [2, 3]
    attendance = book["Aanwezigheid"]
    assert [c.value for c in attendance[1]][:3] == ["Nr", "Naam", "Aanwezig 1"]
    assert attendance.cell(2, 12).value == '=COUNTIF(C2:G2,"ja")'


def test_every_sheet_prints_with_a_title_the_organisation_and_page_numbers(example_pack):
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

LONG_TITLE = ("Terugkomen op de acties van de hele groep, de nieuwe afspraken met de partners in de wijk en "
              "wat er verder nog te doen staat voor de komende maanden in het dorp")


def _words(pdf: bytes, tmp_path) -> list[list[tuple[str, float, float, float]]]:
    """Per page of a PDF, its words as (text, x, top, bottom) in pt, as pdftotext -bbox finds them."""
    import re
    import subprocess
    path = tmp_path / "werkmap.pdf"
    path.write_bytes(pdf)
    xml = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for page in xml.split("<page ")[1:]:
        pages.append([(text, float(x), float(top), float(bottom)) for x, top, bottom, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)])
    return pages


@pytest.fixture(scope="module")
def printed_agendas(tmp_path_factory, write_config_module):
    """The agenda workbooks of meeting 3 (a note of several lines) and of an own sixth meeting with a
    long title, as LibreOffice prints them."""
    from desi_pack.writing.pdf import convert, find_libreoffice
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    training = load_training(write_config_module)
    root = build(training, tmp_path_factory.mktemp("agenda"), [3, 6]).root
    books = {f"agenda-{n}.xlsx": (root / f"bijeenkomst-{n}" / f"agenda-bijeenkomst-{n}.xlsx").read_bytes()
             for n in (3, 6)}
    pdfs = convert(find_libreoffice(), books)
    return {n: pdfs[f"agenda-{n}.xlsx"] for n in (3, 6)}


@pytest.fixture(scope="module")
def write_config_module(tmp_path_factory):
    from tests.conftest import BASE_CONFIG
    path = tmp_path_factory.mktemp("training") / "training.yaml"
    meetings = [*BASE_CONFIG["bijeenkomsten"], {"datum": "2027-09-07", "start": "13:30", "titel": LONG_TITLE,
                                                "agenda": [{"wat": "Welkom", "duur": 10, "soort": "opening"},
                                                           {"wat": "Acties", "duur": 60}]}]
    path.write_text(yaml.safe_dump({**BASE_CONFIG, "bijeenkomsten": meetings}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.libreoffice
def test_no_text_of_an_agenda_row_is_cut_off_in_print(printed_agendas, tmp_path):
    """Every line of a row's wrapped text ends above the next row (the manual's note '(4) Toelichting'
    of meeting 3 has seven): a row as high as its text, none clipped."""
    pages = _words(printed_agendas[3], tmp_path)
    checked = 0
    for words in pages:
        head = next((w for w in words if w[0] == "Wat"), None)
        if head is None:
            continue
        # A row starts where its number is, in the first column: '1', '(4)' …
        tops = sorted(top for text, x, top, _ in words if x < head[1] and top > head[3])
        for text, x, top, bottom in words:
            following = [t for t in tops if t > top + 1]
            if x >= head[1] and top > head[3] and following:
                checked += 1
                assert bottom <= following[0] + 0.5, (text, "runs into the next row")
    assert checked > 100


@pytest.mark.libreoffice
def test_a_long_title_wraps_and_does_not_shrink_the_print(printed_agendas, tmp_path):
    """The agenda prints as large with a title of three lines as with a short one, the title whole."""
    def header_height(number: int) -> float:
        first = _words(printed_agendas[number], tmp_path)[0]
        word = next(w for w in first if w[0] == "Bijzonderheden")
        return word[3] - word[2]

    assert abs(header_height(6) - header_height(3)) < 0.05 * header_height(3)
    text = " ".join(w[0] for w in _words(printed_agendas[6], tmp_path)[0])
    assert "komende maanden in het dorp" in text
