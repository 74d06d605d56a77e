"""User text in a workbook stays text; only desi-pack's own formulas are formulas (CWE-1236)."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from desi_pack import build, load_training
from desi_pack.excel.cells import Formula, seal, write
from desi_pack.pack.workbooks import TOTAL_CELL

# One text per place user text reaches a cell; each starts as a spreadsheet would take it for a formula.
TEXTS = {
    "organisatie": '=HYPERLINK("http://voorbeeld.invalid","Klik hier")',
    "gemeente": "=1+1",
    "locatie": "=Buurthuis",
    "locatie2": "+31 Bibliotheek",
    "deelnemer": '=HYPERLINK("http://x.invalid","Anna")',
    "deelnemer2": "@Bram",
    "deelnemer3": "-Carla",
    "eigen_rij": "=SUM(1;2) rondje",
    "eigen_toelichting": "=A1*2",
    "eigen_materiaal": "=C3",
    "titel6": "=Terugkomen",
    "rij6": "=Welkom",
    "toelichting6": '=IMPORTXML("x")',
}


def _training(write_config):
    t = TEXTS
    return write_config(
        {
            "organisatie": t["organisatie"],
            "gemeente": t["gemeente"],
            "locatie": t["locatie"],
            "deelnemers": [t["deelnemer"], t["deelnemer2"], t["deelnemer3"], *[f"Deelnemer {i}" for i in range(9)]],
            "bijeenkomsten": [
                {
                    "datum": "2027-01-12",
                    "start": "13:30",
                    "toevoegen": [{"wat": t["eigen_rij"], "duur": 10, "bijzonderheden": t["eigen_toelichting"]}],
                    "materialen": [{"tekst": t["eigen_materiaal"], "soort": "meenemen"}],
                },
                {"datum": "2027-02-16", "start": "13:30", "locatie": t["locatie2"]},
                {"datum": "2027-03-16", "start": "13:30"},
                {"datum": "2027-04-20", "start": "13:30"},
                {"datum": "2027-06-01", "start": "13:30"},
                {
                    "datum": "2027-09-07",
                    "start": "13:30",
                    "titel": t["titel6"],
                    "agenda": [{"wat": t["rij6"], "duur": 30, "bijzonderheden": t["toelichting6"]}],
                },
            ],
        }
    )


def test_user_text_in_every_workbook_cell_is_text_as_typed(write_config, tmp_path):
    result = build(load_training(_training(write_config)), tmp_path / "out")
    books = sorted(result.root.rglob("*.xlsx"))
    assert len(books) == 7
    found = set()
    for path in books:
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        # desi-pack's own formulas refer to cells; none carries user text.
                        assert not any(text in cell.value for text in TEXTS.values()), (path.name, cell.coordinate)
                    elif isinstance(cell.value, str):
                        found |= {key for key, text in TEXTS.items() if text in cell.value}
                        if cell.value.startswith("="):
                            assert cell.data_type == "s" and cell.quotePrefix, (path.name, cell.coordinate)
    assert found == set(TEXTS), set(TEXTS) - found


def test_own_formulas_stay_formulas(example_pack):
    sheet = load_workbook(example_pack / "bijeenkomst-1" / "agenda-bijeenkomst-1.xlsx")["Agenda"]
    assert sheet[TOTAL_CELL].data_type == "f" and sheet[TOTAL_CELL].value.startswith("=SUM(")


def test_seal_keeps_only_written_formulas():
    book = Workbook()
    sheet = book.active
    write(sheet, 1, 1, Formula("=1+1"))
    write(sheet, 2, 1, "=1+1")
    sheet["A3"] = '=HYPERLINK("http://x.invalid")'
    seal(book)
    out = io.BytesIO()
    book.save(out)
    again = load_workbook(io.BytesIO(out.getvalue())).active
    assert (again["A1"].data_type, again["A1"].value) == ("f", "=1+1")
    assert (again["A2"].data_type, again["A2"].value, again["A2"].quotePrefix) == ("s", "=1+1", True)
    assert (again["A3"].data_type, again["A3"].value) == ("s", '=HYPERLINK("http://x.invalid")')
