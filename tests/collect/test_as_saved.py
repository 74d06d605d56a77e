"""verzamel on agendas, forms and zips as other programs save them (issue 23): WPS, Excel and Word
in Strict Open XML, Finder's and Explorer's zips, attendance ticked with emoji. How each input is
made is said beside it (tests/as_saved.py holds the builders shared with other tests)."""

from __future__ import annotations

import unicodedata
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desi_pack.collect.results import collect_and_write
from desi_pack.pack.build import BlankForms, build
from desi_pack.training.config import load_training
from tests.as_saved import as_excel_strings, as_strict, as_wps, zip_as
from tests.collect.conftest import NAMES
from tests.collect.forms import fill_as_word
from tests.collect.test_collect import _reflector, _tick_attendance


def _agenda(pack: Path, number: int) -> Path:
    return pack / f"bijeenkomst-{number}" / f"agenda-bijeenkomst-{number}.xlsx"


def test_an_agenda_saved_by_wps_is_read_whole(training, tmp_path):
    """WPS records the size of a sheet as A1 while the attendance goes on to row 8; the contacts
    workbook was already read whole, the agendas now are too."""
    out = tmp_path / "output"
    pack = build(training, out, [2]).root
    _tick_attendance(pack, {2: NAMES[:3]})
    path = _agenda(pack, 2)
    path.write_bytes(as_wps(path.read_bytes(), "Aanwezigheid"))
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    result = collect_and_write(forms, training, pack_dir=out, minimum=1)
    line = next(line for line in result.collection.files if line.name == str(path))
    assert (line.result, line.form) == ("gelezen", "aanwezigheid bijeenkomst 2"), line
    sheet = result.collection.attendance[2]
    assert [(row.name, row.present) for row in sheet.rows[:4]] == [
        (NAMES[0], "ja"),
        (NAMES[1], "ja"),
        (NAMES[2], "ja"),
        (NAMES[3], "nee"),
    ]
    assert sorted(e.person for e in result.earned) == sorted(NAMES[:3])


def test_a_name_pasted_from_windows_into_an_agenda_is_the_participant(training, tmp_path):
    """Names pasted into the agenda from a Windows program keep their CR LF, which Excel stores as
    `_x000D_` followed by the line break (tests/as_saved.py, as_excel_strings)."""
    out = tmp_path / "output"
    pack = build(training, out, [1]).root
    path = _agenda(pack, 1)
    book = load_workbook(path)
    sheet = book["Aanwezigheid"]
    for row in range(4, 4 + len(NAMES)):
        sheet.cell(row=row, column=2).value = f"{NAMES[row - 4]}\r\n"
        sheet.cell(row=row, column=3).value = "ja\r\n"
    book.save(path)
    path.write_bytes(as_excel_strings(path.read_bytes()))
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    result = collect_and_write(forms, training, pack_dir=out)
    sheet = result.collection.attendance[1]
    assert [(row.name, row.present) for row in sheet.rows[: len(NAMES)]] == [(name, "ja") for name in NAMES]
    rows = [row for row in load_workbook(result.workbook)["Aanwezigheid"].iter_rows(values_only=True)]
    assert {row[0] for row in rows if row[0] in NAMES} == set(NAMES)
    assert not any("_x000D_" in str(value) for row in rows for value in row)


def test_a_form_and_an_agenda_saved_as_strict_open_xml_are_read(training, tmp_path):
    """Word's "Strict Open XML-document" and Excel's "Strict Open XML-werkmap" (tests/as_saved.py,
    as_strict): read as the same files saved normally, and no English warning is shown."""
    out = tmp_path / "output"
    pack = build(training, out, [2]).root
    _tick_attendance(pack, {2: NAMES[:2]})
    agenda = _agenda(pack, 2)
    agenda.write_bytes(as_strict(agenda.read_bytes()))
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    blanks = BlankForms(training)
    (forms / "anouk.docx").write_bytes(as_strict(_reflector(blanks, "6.8", "Anouk Smit", ["b"] * 8, "2027-02-16")))
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = collect_and_write(forms, training, pack_dir=out, minimum=1)
    assert [str(warning.message) for warning in shown] == []
    [answer] = result.collection.answers
    assert (answer.form, answer.person, answer.values["6.8/1.1/b"]) == ("6.8", "Anouk Smit", True)
    lines = {line.name: line for line in result.collection.files}
    assert lines["anouk.docx"].result == "gelezen"
    assert lines[str(agenda)].result == "gelezen"
    assert sorted(e.person for e in result.earned) == sorted(NAMES[:2])


# Letters whose bytes differ between code page 850 (Explorer's) and 437 (the zip standard's): ã, ø;
# and letters that are the same in both (ë, é): Finder's UTF-8 garbles all of them.
ZIPPED = ["João Ferreira", "Søren Dijkstra", "Zoë de Wit", "Fatima Yilmaz", "Joost van Dijk"]


@pytest.mark.parametrize("program", ["finder", "explorer"])
def test_names_in_zips_from_finder_and_explorer_are_read_as_written(tmp_path, program):
    """Five worksheets without a name field, each named after its participant, zipped by macOS
    Finder (UTF-8 not marked as such, decomposed) or by Windows Explorer (code page 850): every
    participant is found from the file's name, and the Bestanden sheet shows the names as written."""
    folder = tmp_path / "training"
    folder.mkdir()
    text = Path("templates/training.yaml").read_text(encoding="utf-8")
    text = text.replace("deelnemers: 12", "deelnemers:\n" + "".join(f"  - {n}\n" for n in ZIPPED))
    (folder / "training.yaml").write_text(text, encoding="utf-8")
    training = load_training(folder / "training.yaml")
    blanks = BlankForms(training)
    files = {
        f"Werkblad 3.5/werkblad 3.5 - {name}.docx": fill_as_word(
            blanks("werkblad-3.5"), {"werkblad-3.5/1.1": f"Opgeschreven door {name}"}
        )
        for name in ZIPPED
    }
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "Werkbladen.zip").write_bytes(zip_as(program, files))
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    assert sorted(a.person for a in result.collection.answers) == sorted(ZIPPED)
    shown = [
        row[0] for row in load_workbook(result.workbook)["Bestanden"].iter_rows(min_row=4, values_only=True) if row[0]
    ]
    assert sorted(shown) == sorted(f"Werkbladen.zip \u203a {name}" for name in files)
    assert all(unicodedata.is_normalized("NFC", name) for name in shown)


def _mark(pack: Path, marks: dict[int, dict[str, str]]) -> None:
    """Type `marks` (meeting -> name -> mark) in the column Aanwezig of the pack's agendas."""
    for number, by_name in marks.items():
        path = _agenda(pack, number)
        book = load_workbook(path)
        sheet = book["Aanwezigheid"]
        for row in range(4, 4 + len(NAMES)):
            name = sheet.cell(row=row, column=2).value
            if name in by_name:
                sheet.cell(row=row, column=3).value = by_name[name]
        book.save(path)


# As the emoji pickers of macOS (Control+Command+Space), iOS and Windows (Windows+.) insert them: the
# emoji with U+FE0F (emoji look) or U+FE0E (text look), a thumb with a skin tone (U+1F3FD).
TICKS = {
    "Fatima Yilmaz": "\u2714\ufe0f",
    "Joost van Dijk": "\u2705",
    "Anouk Smit": "\u2611\ufe0f",
    "José García": "\u2714\ufe0e",
}


def test_ticks_as_emoji_pickers_insert_them_count_as_present(training, tmp_path):
    out = tmp_path / "output"
    pack = build(training, out).root
    _mark(pack, {n: TICKS for n in range(1, 5)})
    _mark(
        pack,
        {
            5: {
                "Fatima Yilmaz": "\U0001f44d\U0001f3fd",
                "Joost van Dijk": "\u274c",
                "Anouk Smit": "\u2717",
                "José García": "X",
            }
        },
    )
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    result = collect_and_write(forms, training, pack_dir=out, minimum=5)
    assert [e.person for e in result.earned] == ["Fatima Yilmaz", "José García"]
    assert sorted(e.person for e in result.missed) == ["Anouk Smit", "Joost van Dijk"]
    assert all(not line.reason for line in result.collection.files if line.form.startswith("aanwezigheid"))
    assert [row.present for row in result.collection.attendance[5].rows[:4]] == ["ja", "nee", "nee", "ja"]


def test_a_mark_that_cannot_be_read_never_takes_a_certificate_away(training, tmp_path):
    out = tmp_path / "output"
    pack = build(training, out).root
    _mark(pack, {n: dict.fromkeys(NAMES, "ja") for n in range(1, 6)})
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(_reflector(BlankForms(training), "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    first = collect_and_write(forms, training, pack_dir=out, minimum=4)
    assert len(first.earned) == 4
    folder = pack / "bewijzen-van-deelname"
    _mark(
        pack,
        {3: {"Anouk Smit": "deels"}, 4: {"Anouk Smit": "nee", "Joost van Dijk": "nee"}, 5: {"Joost van Dijk": "nee"}},
    )
    again = collect_and_write(forms, training, pack_dir=out, minimum=4)
    assert (folder / "bewijs-van-deelname-anouk-smit.docx").exists()
    assert [p.name for p in again.withdrawn] == ["bewijs-van-deelname-joost-van-dijk.docx"]
    assert [e.person for e in again.missed] == ["Joost van Dijk"]  # read as absent twice: taken away
    assert [e.person for e in again.undecided] == ["Anouk Smit"]
    line = next(line for line in again.collection.files if line.form == "aanwezigheid bijeenkomst 3")
    assert line.name == str(_agenda(pack, 3))
    assert line.reason == (
        "niet te lezen als ja of nee: blad Aanwezigheid, rij 6, kolom C: 'deels'. Schrijf daar ja of "
        "nee en verzamel opnieuw; tot dan telt zo'n teken niet als aanwezig, en blijft een eerder "
        "bewijs van deelname van die deelnemer staan"
    )
