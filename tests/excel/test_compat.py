"""The insides of openpyxl that excel/compat.py uses still do what desi-pack relies on. A failure
here names what changed in openpyxl: fix excel/compat.py, and only there."""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Font

from desi_pack.excel.compat import set_default_font, sheet_xml
from desi_pack.excel.reading import open_book


def _saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_default_font_is_the_first_of_the_styles_part():
    book = Workbook()
    set_default_font(book, Font(name="Arial", size=10))
    book.active["A1"] = "zonder eigen lettertype"
    with zipfile.ZipFile(io.BytesIO(_saved(book))) as archive:
        styles = archive.read("xl/styles.xml").decode("utf-8")
    first = re.search(r"<fonts[^>]*>\s*<font>(.*?)</font>", styles, re.S)
    assert first, "openpyxl: no fonts in styles.xml"
    assert '<name val="Arial"' in first[1] and '<sz val="10"' in first[1], (
        "openpyxl: Workbook._fonts no longer sets the workbook's default font (styles.xml's font 0)"
    )


def test_a_read_only_sheet_gives_its_own_xml():
    book = Workbook()
    sheet = book.active
    sheet.title = "Contacten"
    sheet["A1"], sheet["A2"] = "kop", "verborgen"
    sheet.row_dimensions[2].hidden = True
    read = open_book(_saved(book))
    xml = sheet_xml(read["Contacten"])
    assert isinstance(xml, bytes), "openpyxl: ReadOnlyWorksheet._get_source no longer gives the sheet's part"
    assert re.search(rb'<row [^>]*r="2"[^>]*hidden="1"', xml) and b"<sheetData" in xml
    read.close()
