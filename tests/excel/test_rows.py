"""Row heights: text measured in Arial's widths, wrapped as the narrowest program wraps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from desi_pack.excel.rows import WIDTH_SPARE, fit_height, row_height, text_width, wrapped_lines

LIBERATION = Path("/usr/share/fonts/truetype/liberation2")


@pytest.mark.skipif(not LIBERATION.is_dir(), reason="Liberation Sans (fonts-liberation2) is not installed")
@pytest.mark.parametrize("style, bold", [("Regular", False), ("Bold", True), ("Italic", False)])
def test_widths_are_those_libreoffice_prints_arial_in(style, bold):
    from PIL import ImageFont

    font = ImageFont.truetype(str(LIBERATION / f"LiberationSans-{style}.ttf"), 1000)
    text = "Vraag of er deelnemers zijn (fase 1 en 2) – wat is er gebeurd? • Zoë, café, 7.5 §11; ‘WIJ’ …"
    letters = sum(font.getlength(c) for c in text) / 100
    # The quotes of bold for both; kerning (LibreOffice's) only narrows.
    assert letters <= text_width(text, 10, bold) <= letters * 1.005
    assert text_width(text, 10, bold) >= font.getlength(text) / 100


def test_a_letter_with_an_accent_is_as_wide_as_without_and_an_unknown_one_as_wide_as_the_size():
    assert text_width("é ë ï ç", 10) == text_width("e e i c", 10)
    assert text_width("漢", 10) == 10


def test_lines_wrap_at_spaces_and_at_each_line_break():
    word = "deelnemers"  # 46.7 pt at 10 pt
    room = 3 * text_width(word + " ") / WIDTH_SPARE  # three words a line
    assert wrapped_lines(" ".join([word] * 6), room) == 2
    assert wrapped_lines(" ".join([word] * 7), room) == 3
    assert wrapped_lines(f"{word}\n{word}\n\n{word}", room) == 4  # an empty line is a line
    assert wrapped_lines("", room) == 1


def test_a_word_wider_than_the_cell_takes_the_lines_its_letters_fill():
    assert wrapped_lines("x" * 50, text_width("x" * 20) / WIDTH_SPARE) == 3
    assert wrapped_lines("x" * 40 + " kort", text_width("x" * 20) / WIDTH_SPARE) == 3


def test_a_row_is_as_high_as_its_highest_cell_in_that_cells_font_and_width():
    sheet = Workbook().active
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 10, 40  # B: 198 pt to wrap in
    sheet["A1"], sheet["B1"] = "kort", " ".join(["deelnemers"] * 6)  # 294 pt at 10 pt, 486 pt at 14 pt bold
    sheet["A1"].font = sheet["B1"].font = Font(size=10)
    fit_height(sheet, 1)
    assert sheet.row_dimensions[1].height == row_height(1)  # B1 does not wrap: one line
    sheet["B1"].alignment = Alignment(wrap_text=True)
    fit_height(sheet, 1)
    assert sheet.row_dimensions[1].height == row_height(2)
    sheet["B1"].font = Font(size=14, bold=True)
    fit_height(sheet, 1)
    assert sheet.row_dimensions[1].height == row_height(3, 14)
    sheet.merge_cells("B1:C1")
    sheet.column_dimensions["C"].width = 60
    fit_height(sheet, 1)
    assert sheet.row_dimensions[1].height == row_height(1, 14)
    fit_height(sheet, 1, at_least=24)
    assert sheet.row_dimensions[1].height == 24


def test_a_formula_is_one_line():
    from desi_pack.excel.cells import Formula, write

    sheet = Workbook().active
    sheet.column_dimensions["A"].width = 5
    cell = write(sheet, 1, 1, Formula('=SUM(B1:B100)+COUNTIF(C1:C100,"ja")'))
    cell.alignment, cell.font = Alignment(wrap_text=True), Font(size=10)
    fit_height(sheet, 1)
    assert sheet.row_dimensions[1].height == row_height(1)
