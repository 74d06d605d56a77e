"""Fixtures of the verwijskaart's tests: the card's labels and contacts workbooks written from the template."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from desi_pack.training.referral import CardLabels
from desi_pack.verwijskaart.contacts import template_bytes


@pytest.fixture
def labels(course):
    return CardLabels.from_instrument(course.instruments["11.5"])


@pytest.fixture
def workbook(tmp_path, labels):
    """Write a contacts workbook from the template: its example rows replaced by the rows given."""

    def write(contacts: list[list], places: list[list] | None = None, name: str = "contacten.xlsx"):
        book = load_workbook(io.BytesIO(template_bytes(labels)))
        sheet, place_sheet = book["Contacten"], book["Plaatsen"]
        sheet.delete_rows(2)
        place_sheet.delete_rows(2)
        for row in contacts:
            sheet.append(row)
        for row in places or []:
            place_sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write
