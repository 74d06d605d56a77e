"""Contacts workbooks read as Excel and LibreOffice show them: the real size of a sheet, error
values and formulas without a result named, one place in either Unicode form, hidden rows said."""

from __future__ import annotations

import re
import unicodedata
import zipfile

import pytest

from desi_pack.errors import WorkbookError
from desi_pack.verwijskaart.contacts import read_contacts
from desi_pack.verwijskaart.verwijskaart import make_cards
from tests.verwijskaart.test_contacts import contact

THREE = [contact("Tiel", "Wijkteam Tiel"), contact("Tiel", "Jan de Vries"), contact("Buren", "Buurtzorg Buren")]


def _rewrite_sheet(path, sheet_number: int, change) -> None:
    """Rewrite one worksheet part of the .xlsx at path with change(xml text)."""
    part = f"xl/worksheets/sheet{sheet_number}.xml"
    with zipfile.ZipFile(path) as archive:
        entries = {info.filename: archive.read(info) for info in archive.infolist()}
    entries[part] = change(entries[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)


def _contacts_part(path) -> int:
    """The number of the worksheet part that holds 'Contacten' (the template has Uitleg first)."""
    with zipfile.ZipFile(path) as archive:
        workbook_xml = archive.read("xl/workbook.xml").decode()
    titles = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook_xml)
    return titles.index("Contacten") + 1


@pytest.mark.parametrize("recorded", ["A1:J2", "A1"])
def test_a_wrong_recorded_sheet_size_loses_no_contact(workbook, labels, recorded):
    path = workbook(THREE)
    number = _contacts_part(path)
    _rewrite_sheet(
        path, number, lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{recorded}"/>', xml)
    )
    book = read_contacts(path, labels)
    assert {c.naam for p in book.places for c in p.contacten} == {"Wijkteam Tiel", "Jan de Vries", "Buurtzorg Buren"}


@pytest.mark.parametrize("error", ["#N/A", "#REF!", "#DIV/0!"])
def test_an_error_value_is_named_with_sheet_row_and_column(workbook, labels, error):
    path = workbook([*THREE[:2], contact("Buren", error, org=error)])
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path, labels)
    assert caught.value.problems == [
        f"{path}, blad Contacten, rij 4, kolom B (Naam): de cel toont de foutwaarde {error} (een formule die niet "
        "klopt); verbeter de formule of typ de waarde zelf in.",
        f"{path}, blad Contacten, rij 4, kolom C (Organisatie): de cel toont de foutwaarde {error} (een formule "
        "die niet klopt); verbeter de formule of typ de waarde zelf in.",
    ]


def test_a_formula_without_a_calculated_value_is_not_called_empty(workbook, labels):
    # openpyxl, like other programs, writes formulas without their result.
    path = workbook([*THREE[:2], contact("=A2", '=B2&" (kopie)"')])
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path, labels)
    assert len(caught.value.problems) == 2
    for problem, where in zip(caught.value.problems, ["kolom A (Plaats)", "kolom B (Naam)"]):
        assert problem.startswith(
            f"{path}, blad Contacten, rij 4, {where}: hier staat een formule zonder berekende waarde"
        )
        assert "Open het in Excel of LibreOffice, sla het op en probeer het opnieuw" in problem
        assert "leeg" not in problem


def test_a_place_typed_in_either_unicode_form_is_one_place(workbook, tmp_path):
    composed, decomposed = unicodedata.normalize("NFC", "Tiél"), unicodedata.normalize("NFD", "Tiél")
    assert composed != decomposed
    path = workbook(
        [
            contact(composed, "Wijkteam"),
            contact(decomposed, "Jan de Vries"),
            contact(f" {composed.upper()} ", "Buurtzorg"),
        ]
    )
    result = make_cards(path, tmp_path / "uit")
    assert [p.naam for p in result.places] == [composed]
    assert [c.naam for c in result.places[0].contacten] == ["Wijkteam", "Jan de Vries", "Buurtzorg"]
    assert sorted(p.name for p in result.folder.iterdir()) == ["verwijskaart-tiel.docx", "zakkaart-tiel.docx"]


def test_hidden_rows_are_said_in_the_summary(workbook, labels):
    path = workbook(THREE)
    number = _contacts_part(path)
    _rewrite_sheet(path, number, lambda xml: xml.replace('<row r="3"', '<row r="3" hidden="1"', 1))
    book = read_contacts(path, labels)
    assert {c.naam for p in book.places for c in p.contacten} == {"Wijkteam Tiel", "Jan de Vries", "Buurtzorg Buren"}
    assert (
        "Blad Contacten: rij 3 is verborgen in Excel, maar staat wel op de kaarten. Maak hem zichtbaar om hem "
        "na te kijken, of verwijder hem als hij er niet op hoort."
    ) in book.notes


def test_text_that_looks_like_an_error_value_is_text(workbook, labels, tmp_path):
    from openpyxl import load_workbook

    path = workbook(THREE)
    book = load_workbook(path)
    cell = book["Contacten"]["G2"]
    cell.value, cell.data_type = "#BLOCKED!", "s"  # typed as text, not the result of a formula
    book.save(path)
    (tiel, _) = read_contacts(path, labels).places
    assert tiel.contacten[0].social_media == "#BLOCKED!"
