"""Contacts workbooks as other programs save them (issue 23): Excel's escaped line ends, times from
Apple Numbers, Strict Open XML. How each input is made is said beside it (tests/as_saved.py)."""

from __future__ import annotations

import warnings
import zipfile
from datetime import datetime, time

from openpyxl import load_workbook

from desi_pack.verwijskaart.contacts import read_contacts
from desi_pack.verwijskaart.verwijskaart import make_cards
from tests.as_saved import as_excel_strings, as_strict
from tests.docx_text import body_lines
from tests.verwijskaart.test_contacts import contact


def test_line_ends_pasted_from_windows_are_line_breaks_not_x000d(workbook, labels, tmp_path):
    """Text pasted into Excel from a Windows program keeps its CR LF; Excel stores the CR as
    `_x000D_`. Steps and options become lines; a name or a 'waarvoor' becomes one line of text."""
    path = workbook(
        [contact("Tiel", "Wijkteam Tiel\r\n", what="Zorgen over\r\neen buurman")],
        [["Tiel", "Ga in gesprek.\r\nBel het wijkteam.\r\n", "Een maatje.\r\nDe huisarts."]],
    )
    path.write_bytes(as_excel_strings(path.read_bytes()))
    assert b"_x000D_" in zipfile.ZipFile(path).read("xl/sharedStrings.xml")
    (tiel,) = read_contacts(path, labels).places
    assert tiel.stappen == ("Ga in gesprek.", "Bel het wijkteam.") and tiel.opties == ("Een maatje.", "De huisarts.")
    assert (tiel.contacten[0].naam, tiel.contacten[0].waarvoor) == ("Wijkteam Tiel", "Zorgen over een buurman")
    folder = make_cards(path, tmp_path / "uit").folder
    for card in ("verwijskaart-tiel.docx", "zakkaart-tiel.docx"):
        assert b"_x000D_" not in zipfile.ZipFile(folder / card).read("word/document.xml"), card
        lines = body_lines(folder / card)
        assert "Wijkteam Tiel" in lines and any("Zorgen over een buurman" in line for line in lines), card


def test_times_as_apple_numbers_stores_them_are_read_as_the_times_shown(workbook, labels):
    """Numbers has no cell type for a time of day: 8:30 typed into a cell is 8:30 on the day it was
    typed (or on Numbers' day zero, 30-12-1899), shown as 8:30. Exported as .xlsx, it is a date
    with a time (an Excel serial such as 46359.354) in a time format; openpyxl gives a datetime.
    Made with openpyxl, which stores a datetime the same way."""
    path = workbook(
        [
            contact("Tiel", "Vandaag getypt", van=datetime(2026, 12, 3, 8, 30), tot=datetime(2026, 12, 3, 17)),
            contact("Tiel", "Dag nul", van=datetime(1899, 12, 30, 8, 30), tot=datetime(1899, 12, 30, 12)),
        ]
    )
    book = load_workbook(path)
    for row in (2, 3):
        for column in ("H", "I"):
            book["Contacten"][f"{column}{row}"].number_format = "h:mm"  # Numbers' format for a time
    book.save(path)
    today, zero = read_contacts(path, labels).places[0].contacten
    assert (today.van, today.tot) == (time(8, 30), time(17)) and (zero.van, zero.tot) == (time(8, 30), time(12))
    assert labels.hours_line(today) == "Bereikbaar van 08:30 tot 17:00"


def test_a_workbook_saved_as_strict_open_xml_is_read_without_english_warnings(workbook, run, tmp_path):
    """Excel's save type "Strict Open XML-werkmap": other namespace names, dates and times as ISO
    text (tests/as_saved.py, as_strict). Read as LibreOffice reads it; openpyxl's English remarks
    on the file's make-up are not shown."""
    path = workbook(
        [contact("Tiel", "Wijkteam Tiel", van=time(9), tot=time(17), days="ma t/m vr")],
        [["Tiel", "Ga in gesprek.\nBel het wijkteam.", ""]],
    )
    path.write_bytes(as_strict(path.read_bytes()))
    assert b"http://purl.oclc.org/ooxml/spreadsheetml/main" in zipfile.ZipFile(path).read("xl/workbook.xml")
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        code, _, err = run("verwijskaart", str(path), "--out", str(tmp_path / "uit"))
    assert (code, err) == (0, ""), err
    assert [str(warning.message) for warning in shown] == []
    lines = body_lines(tmp_path / "uit" / "contacten" / "verwijskaarten" / "verwijskaart-tiel.docx")
    assert "Wijkteam Tiel" in lines and any(line.startswith("Bereikbaar van 09:00 tot 17:00") for line in lines)


def test_a_zero_width_space_after_a_place_makes_no_second_card(workbook, labels, tmp_path):
    """Excel keeps what is pasted into a cell as it comes: 'Tiel' copied from a web page brings a
    zero-width space (U+200B) along, a number copied from Word a non-breaking space (U+00A0)."""
    ZWSP, NBSP = "\u200b", "\u00a0"
    path = workbook(
        [
            contact("Tiel", "Wijkteam Tiel"),
            contact(f"Tiel{ZWSP}", "Huisarts"),
            contact("Tiel", "Bibliotheek", phone=f"0344{NBSP}123456"),
            contact("Tiel", "Buurthuis", phone=f"{ZWSP}0344-123456"),
        ],
        [[f"Tiel{ZWSP}", "Bel het wijkteam.", ""]],
    )
    (tiel,) = read_contacts(path, labels).places
    assert tiel.naam == "Tiel" and tiel.stappen == ("Bel het wijkteam.",)
    assert [(c.naam, c.telefoon) for c in tiel.contacten] == [
        ("Wijkteam Tiel", "0344-123456"),
        ("Huisarts", "0344-123456"),
        ("Bibliotheek", "0344 123456"),
        ("Buurthuis", "0344-123456"),
    ]
    cards = sorted(p.name for p in make_cards(path, tmp_path / "uit").folder.glob("verwijskaart-*.docx"))
    assert cards == ["verwijskaart-tiel.docx"]
