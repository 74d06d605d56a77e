"""desi-pack verzamel: filled-in forms back into one workbook, attendance, certificates (issue 17)."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import unicodedata
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desi_pack.collect.results import collect_and_write
from desi_pack.pack.build import BlankForms, build
from desi_pack.training.config import load_training
from desi_pack.word.controls import FORMS_VERSION
from tests.collect.conftest import NAMES
from tests.collect.forms import emptied_in_word, fill_as_word, replace_part, without_tags

FIXTURES = Path(__file__).parent / "lo74"


@pytest.fixture(scope="module")
def blanks(training):
    return BlankForms(training)


def _reflector(blanks, form: str, name: str, picks: list[str], day: str, note: str = "") -> bytes:
    answers = {
        f"{form}/naam": name,
        f"{form}/datum": day,
        **{f"{form}/1.{i}/{p}": True for i, p in enumerate(picks, start=1)},
    }
    if note:
        answers[f"{form}/1.1/notitie"] = note
    return fill_as_word(blanks(form), answers)


def _sheet(path: Path, name: str) -> list[list]:
    book = load_workbook(path)
    return [[cell for cell in row] for row in book[name].iter_rows(values_only=True)]


def _find(rows: list[list], first: str) -> list:
    return next(row for row in rows if row and row[0] == first)


def test_answers_stored_as_word_stores_them_come_back_per_question(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "fatima-6.8.docx").write_bytes(
        _reflector(
            blanks,
            "6.8",
            "Fatima Yilmaz",
            ["a", "b", "c", "a", "b", "c", "a", "b"],
            "2027-02-16",
            note="Eerste regel\ntweede regel",
        )
    )
    (forms / "joost-6.8.docx").write_bytes(
        _reflector(blanks, "6.8", "joost  VAN dijk", ["a", "a", "c", "a", "b", "c", "a", "b"], "2027-02-16")
    )
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    rows = _sheet(result.workbook, "6.8 Reflector vooroordelen")
    heads = rows[2]
    fatima = next(r for r in rows if r[0] == "Fatima Yilmaz")
    assert fatima[:3] == ["Fatima Yilmaz", datetime(2027, 2, 16), 2] and fatima[-1] == "fatima-6.8.docx"
    statement_1 = heads.index("1. Eenzaamheid hoort bij het leven.")  # the statement in full, numbered once
    assert fatima[statement_1] == "A"
    assert "Eerste regel\ntweede regel" in fatima
    joost = next(r for r in rows if r[0] == "Joost van Dijk")  # capitals and spaces: the listed name
    assert joost[statement_1] == "A"
    counts = _sheet(result.workbook, "Reflectoren")
    first = next(r for r in counts if r[0] and str(r[0]).startswith("1. "))
    assert list(first[1:5]) == [2, 0, 0, 2]  # A twice, no B, no C; 2 answers
    second = next(r for r in counts if r[0] and str(r[0]).startswith("2. "))
    assert list(second[1:4]) == [1, 1, 0]


@pytest.mark.parametrize("tags", [True, False], ids=["met tags", "zonder tags"])
def test_every_field_of_every_form_comes_back(training, blanks, tags):
    """Each text field a distinct answer (some on two lines), every other box ticked, each date set;
    read back with the tags, and without them as LibreOffice 7.4 saves a form."""
    from desi_pack.collect.layouts import Layout
    from desi_pack.collect.reading import DATE_KIND, TICK_KIND, read

    for form in blanks.names():
        layout = Layout(read(blanks(form), ".docx"))
        answers = {}
        for number, field in enumerate(layout.fields):
            if field.kind == TICK_KIND:
                answers[field.tag] = number % 2 == 0
            elif field.kind == DATE_KIND:
                answers[field.tag] = f"2027-03-{number % 27 + 1:02d}"
            else:
                answers[field.tag] = f"Antwoord {number}" + ("\nmet een tweede regel" if number % 3 == 0 else "")
        filled = fill_as_word(blanks(form), answers)
        got, notes = layout.answers(read(filled if tags else without_tags(filled), ".docx"))
        expected = {
            tag: (f"{int(v[8:])}-3-2027" if isinstance(v, str) and v.startswith("2027-") else v)
            for tag, v in answers.items()
        }
        assert got == expected, form
        assert notes == [], form


@pytest.mark.parametrize("tags", [True, False], ids=["met tags", "zonder tags"])
def test_a_field_that_still_shows_its_placeholder_is_empty(training, blanks, tags):
    """A text field whose answer was typed and deleted again shows Word's own prompt, marked as the
    placeholder (w:showingPlcHdr): no answer, whether read from its tag or by aligning the form."""
    from desi_pack.collect.layouts import Layout
    from desi_pack.collect.reading import read

    layout = Layout(read(blanks("6.8"), ".docx"))
    filled = emptied_in_word(
        fill_as_word(blanks("6.8"), {"6.8/naam": "Anouk Smit", "6.8/1.1/notitie": "Weg"}), {"6.8/1.1/notitie"}
    )
    values, notes = layout.answers(read(filled if tags else without_tags(filled), ".docx"))
    assert values["6.8/naam"] == "Anouk Smit" and values["6.8/1.1/notitie"] == ""
    assert notes == []


def test_a_form_whose_fields_all_still_show_a_placeholder_is_empty(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "leeg.docx").write_bytes(emptied_in_word(blanks("6.8")))
    (forms / "leeg-zonder-tags.docx").write_bytes(without_tags(emptied_in_word(blanks("4.2"))))
    from desi_pack.errors import InputError

    with pytest.raises(
        InputError, match="geen ingevuld formulier van desi-pack \\(2 bestanden bekeken, waarvan 2 lege formulieren\\)"
    ):
        collect_and_write(forms, training, pack_dir=tmp_path / "output")


def test_ten_point_three_means_and_before_and_after(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    for moment, score in (("voor", "2"), ("na", "4")):
        (forms / moment).mkdir(parents=True)
        for number, name in enumerate(NAMES[:3]):
            answers = {"10.3/naam": name, "10.3/datum": "2027-01-12" if moment == "voor" else "2027-06-01"}
            answers |= {f"10.3/1.{i}/{score if number < 2 else '3'}": True for i in range(1, 18)}
            (forms / moment / f"{number}.docx").write_bytes(fill_as_word(blanks("10.3"), answers))
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    counts = _sheet(result.workbook, "Reflectoren")
    at = next(i for i, r in enumerate(counts) if r[0] == "Vaardigheid")
    heads, first = counts[at], counts[at + 1]
    row = dict(zip(heads, first))
    assert (row["2"], row["3"], row["4"], row["Ingevuld"]) == (2, 2, 2, 6)
    assert row["Gemiddelde"] == 3.0
    compare = _sheet(result.workbook, "Voor en na")
    at = next(i for i, r in enumerate(compare) if r[1] == "Stelling")
    line = compare[at + 1]
    assert line[0] == 1 and line[1].startswith("U nodigt de persoon uit")
    before, after, difference, pairs = line[2:6]
    assert (before, after, pairs) == (pytest.approx((2 + 2 + 3) / 3), pytest.approx((4 + 4 + 3) / 3), 3)
    assert difference == pytest.approx(after - before)
    book = load_workbook(result.workbook)
    assert book["Voor en na"]._charts, "the group's means are shown as a chart"


def test_ticked_boxes_are_counted(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    for number, ticks in enumerate((["8.6/1.1.1", "8.6/1.1.2"], ["8.6/1.1.1"], [])):
        answers = dict.fromkeys(ticks, True) | {"8.6/1.4.2": True, "8.6/1.4.2/tekst": f"interesse {number}"}
        (forms / f"{number}.docx").write_bytes(fill_as_word(blanks("8.6"), answers))
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    rows = _sheet(result.workbook, "Aangevinkt")
    counts = {row[0]: (row[1], row[2]) for row in rows if row[0] and isinstance(row[1], int)}
    assert counts["Tuinieren"] == (2, 3) and counts["Gamen"] == (1, 3)
    assert counts["Pilates"] == (0, 3)


def test_actions_of_four_point_two_in_one_list(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    answers = {
        "4.2/naam": "Anouk Smit",
        "4.2/datum": "2027-01-12",
        "4.2/1.1/actie-s": "Buurtlunch opzetten",
        "4.2/1.1/actie-eigenaar-uit-lokaal-netwerk": "Wijkteam",
        "4.2/1.1/tijdsplanning": "voor de zomer",
        "4.2/1.3/actie-s": '=HYPERLINK("x")',
        "4.2/1.3/tijdsplanning": "maart",
    }
    (forms / "4.2.docx").write_bytes(fill_as_word(blanks("4.2"), answers))
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    rows = _sheet(result.workbook, "Acties 4.2")
    assert rows[2][:7] == ["Actie", "Actie-eigenaar", "Tijdsplanning", "Bijeenkomst", "Naam", "Status", "Bestand"]
    assert list(rows[3][:7]) == ["Buurtlunch opzetten", "Wijkteam", "voor de zomer", 1, "Anouk Smit", None, "4.2.docx"]
    assert rows[4][0] == '=HYPERLINK("x")' and rows[4][2] == "maart"  # text, never a formula
    book = load_workbook(result.workbook)
    assert book["Acties 4.2"]["A5"].data_type == "s"


LO74 = {  # what was typed into each fixture (see lo74/LEESMIJ.md), by field tag
    "6.8": {
        "6.8/naam": "Fatima Yilmaz",
        "6.8/datum": "16-3-2027",
        "6.8/1.1/a": True,
        "6.8/1.2/b": True,
        "6.8/1.3/c": True,
        "6.8/1.1/notitie": "Eerste regel\ntweede regel",
        "6.8/1.3/notitie": "notitie drie",
    },
    "4.2": {
        "4.2/naam": "Anouk Smit",
        "4.2/datum": "12-1-2027",
        "4.2/1.1/actie-s": "Buurtlunch opzetten\nelke maand",
        "4.2/1.1/actie-eigenaar-uit-lokaal-netwerk": "Sociaal wijkteam Tiel",
        "4.2/1.1/tijdsplanning": "voor de zomer",
    },
    "10.3": {
        "10.3/naam": "José García",
        "10.3/datum": "1-6-2027",
        "10.3/1.1/1": True,
        "10.3/1.2/2": True,
        "10.3/1.3/3": True,
        "10.3/1.4/4": True,
    },
    "huiswerk-3": {
        "huiswerk-3/naam": "Joost van Dijk",
        "huiswerk-3/vraag-1": "Mijn buurman\nwoont alleen",
        "huiswerk-3/vraag-3": "Een gesprek bij de bakker",
    },
}


@pytest.mark.parametrize(
    "name", [f"{form}{suffix}" for form in LO74 for suffix in (".docx", ".odt")] + ["6.8-tekst-naast-het-veld.docx"]
)
def test_a_form_saved_by_libreoffice_7_4_without_tags_is_read_by_position(training, tmp_path, name):
    """Saved by LibreOffice 7.4.7: no tags, new ids, tick boxes wrapped in an extra control; in
    one, the text typed beside its field instead of in it."""
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    shutil.copy(FIXTURES / name, forms)
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    [answer] = result.collection.answers
    expected = LO74[answer.form]
    assert {tag: value for tag, value in answer.values.items() if value} == expected
    assert answer.person == next(v for t, v in expected.items() if t.endswith("/naam"))
    if answer.form == "6.8":
        assert answer.values["6.8/1.2/notitie"] == ""  # the placeholder still shows: no answer


def test_without_tags_or_properties_a_form_is_recognised_by_its_text(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    filled = _reflector(blanks, "6.10", "José García", ["c"] * 11, "2027-02-16", note="")
    (forms / "zonder.docx").write_bytes(without_tags(filled, properties=False))
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    [answer] = result.collection.answers
    assert answer.form == "6.10" and answer.person == "José García"
    assert [tag for tag, v in answer.values.items() if v is True] == [f"6.10/1.{i}/c" for i in range(1, 12)]


def test_bad_input_gets_a_line_not_a_crash(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    (forms / "sub").mkdir(parents=True)
    good = _reflector(blanks, "6.8", "Fatima", ["a"] * 8, "2027-02-16")
    (forms / "sub" / "fatima.docx").write_bytes(good)
    (forms / "nog een keer.docx").write_bytes(_reflector(blanks, "6.8", "Fatima Yilmaz", ["b"] * 8, "2027-02-16"))
    (forms / "leeg.docx").write_bytes(blanks("6.8"))
    (forms / "oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (forms / "wachtwoord.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    (forms / "kapot.docx").write_bytes(b"PK\x03\x04 niet echt")
    (forms / "scan.pdf").write_bytes(b"%PDF-1.4")
    (forms / "agenda-bijeenkomst-2.ods").write_bytes(b"PK")
    (forms / "~$fatima.docx").write_bytes(b"lock")
    (forms / "brief.docx").write_bytes(_other_document())
    now = f'name="desi-pack versie"><vt:lpwstr>{FORMS_VERSION}<'.encode()
    older = replace_part(
        good, "docProps/custom.xml", lambda xml: xml.replace(now, b'name="desi-pack versie"><vt:lpwstr>1<')
    )
    assert older != good
    (forms / "oude-versie.docx").write_bytes(older)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("Bijlagen/joost.docx", _reflector(blanks, "6.8", "Joost van Dijk", ["c"] * 8, "2027-02-16"))
        z.writestr("Bijlagen/notitie.txt", "hallo")
    (forms / "mail.zip").write_bytes(archive.getvalue())
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in forms.rglob("*") if p.is_file()}
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    lines = {line.name: line for line in result.collection.files}
    assert (
        lines["sub/fatima.docx"].result == "gelezen" and "gelezen als Fatima Yilmaz" in lines["sub/fatima.docx"].reason
    )
    assert "dubbel" in lines["sub/fatima.docx"].reason and "dubbel" in lines["nog een keer.docx"].reason
    assert lines["leeg.docx"].result == "overgeslagen" and "leeg" in lines["leeg.docx"].reason
    assert "sla het op als .docx" in lines["oud.doc"].reason
    assert lines["wachtwoord.docx"].result == "geweigerd" and "wachtwoord" in lines["wachtwoord.docx"].reason
    assert lines["kapot.docx"].result == "geweigerd" and "beschadigd" in lines["kapot.docx"].reason
    assert "PDF" in lines["scan.pdf"].reason
    assert "sla het op als Excel-werkmap (.xlsx)" in lines["agenda-bijeenkomst-2.ods"].reason
    assert lines["~$fatima.docx"].result == "overgeslagen"
    assert lines["brief.docx"].result == "geweigerd" and "geen ingevuld formulier" in lines["brief.docx"].reason
    assert lines["oude-versie.docx"].result == "geweigerd" and "andere versie" in lines["oude-versie.docx"].reason
    assert lines["mail.zip \u203a Bijlagen/joost.docx"].result == "gelezen"
    assert lines["mail.zip \u203a Bijlagen/notitie.txt"].result == "overgeslagen"
    assert {a.person for a in result.collection.answers} == {"Fatima Yilmaz", "Joost van Dijk"}
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in forms.rglob("*") if p.is_file()}
    assert after == before  # input files are never changed
    files_sheet = _sheet(result.workbook, "Bestanden")
    assert any(row[0] == "kapot.docx" and row[1] == "geweigerd" for row in files_sheet)


def test_a_worksheet_without_a_name_field_takes_the_name_from_the_file(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "Werkblad 3.5 - Anouk Smit.docx").write_bytes(
        fill_as_word(blanks("werkblad-3.5"), {"werkblad-3.5/1.1": "Alleen zijn is niet altijd eenzaam"})
    )
    (forms / "werkblad zonder naam.docx").write_bytes(
        fill_as_word(blanks("werkblad-3.5"), {"werkblad-3.5/1.2": "Iets anders"})
    )
    result = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    by_file = {a.source: a for a in result.collection.answers}
    named = by_file["Werkblad 3.5 - Anouk Smit.docx"]
    assert named.person == "Anouk Smit" and named.meeting == 1
    assert named.values["werkblad-3.5/1.1"] == "Alleen zijn is niet altijd eenzaam"
    assert by_file["werkblad zonder naam.docx"].person == ""
    assert by_file["werkblad zonder naam.docx"].notes == []  # the sheet asks for no name: nothing to remark


def test_names_alike_but_not_on_the_list_stay_apart():
    from desi_pack.collect.people import People

    people = People(["Fatima Yilmaz", "Anna Jansen", "Jan Jansen", "Jan Janssen"])
    assert people.resolve("Deelnemer 1")[0] == "Deelnemer 1"
    assert people.resolve("Deelnemer 2") == ("Deelnemer 2", "'Deelnemer 2' staat niet in de lijst met deelnemers")
    assert People([]).resolve("Deelnemer 2") == ("Deelnemer 2", None)  # no list: nothing to check against
    name, note = people.resolve("Jan")
    assert name == "Jan" and "past bij meer deelnemers (Jan Jansen en Jan Janssen)" in note
    assert people.resolve("anna  JANSEN") == ("Anna Jansen", None)
    assert people.resolve("Fatma Yilmaz")[0] == "Fatima Yilmaz"  # a typing error, flagged
    assert "controleer" in people.resolve("Fatma Yilmaz")[1]
    assert People(["Anna Jansen"]).resolve("Anne Jansen")[0] == "Anna Jansen"


def _other_document() -> bytes:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Beste trainer, hierbij mijn formulier.")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _tick_attendance(pack: Path, present: dict[int, list[str]]) -> None:
    for number, names in present.items():
        path = pack / f"bijeenkomst-{number}" / f"agenda-bijeenkomst-{number}.xlsx"
        book = load_workbook(path)
        sheet = book["Aanwezigheid"]
        for row in range(4, 4 + len(NAMES)):
            name = sheet.cell(row=row, column=2).value
            sheet.cell(row=row, column=3).value = "ja" if name in names else "nee"
            if sheet.cell(row=3, column=4).value == "Huiswerk gedaan":
                sheet.cell(row=row, column=4).value = "ja" if name in names else ""
        book.save(path)


def test_attendance_from_the_agendas_and_certificates(training, tmp_path):
    out = tmp_path / "output"
    pack = build(training, out).root
    _tick_attendance(pack, {1: NAMES, 2: NAMES, 3: NAMES[:3], 4: NAMES[:2], 5: NAMES[:1]})
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    result = collect_and_write(forms, training, pack_dir=out, minimum=4)
    rows = _sheet(result.workbook, "Aanwezigheid")
    heads = rows[3]
    table = {row[0]: dict(zip(heads, row)) for row in rows[4:] if row[0]}
    assert table["Fatima Yilmaz"]["Keer aanwezig"] == 5 and table["José García"]["Keer aanwezig"] == 2
    assert table["Anouk Smit"]["Aanwezig 3"] == "ja" and table["Anouk Smit"]["Aanwezig 4"] == "nee"
    assert table["Joost van Dijk"]["Huiswerk 2"] == "ja"
    assert "Huiswerk 1" not in heads  # nothing was due at the first meeting
    assert sorted(e.person for e in result.earned) == ["Fatima Yilmaz", "Joost van Dijk"]
    folder = pack / "bewijzen-van-deelname"
    assert sorted(p.name for p in folder.iterdir()) == [
        "alle-bewijzen-van-deelname.docx",
        "bewijs-van-deelname-fatima-yilmaz.docx",
        "bewijs-van-deelname-joost-van-dijk.docx",
    ]
    from docx import Document

    certificate = Document(folder / "bewijs-van-deelname-joost-van-dijk.docx")
    text = "\n".join(
        [p.text for p in certificate.paragraphs]
        + [cell.text for table in certificate.tables for row in table.rows for cell in row.cells]
    )
    assert "Joost van Dijk" in text and "Welzijn Rivierenland" in text and "Aanwezig bij 4 van de 5" in text
    assert "Anna de Vries" in text


def test_a_workbook_the_trainer_changed_is_kept(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(_reflector(blanks, "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    first = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    book = load_workbook(first.workbook)
    book["Overzicht"]["A20"] = "mijn aantekening"
    book.save(first.workbook)
    again = collect_and_write(forms, training, pack_dir=tmp_path / "output")
    assert again.kept == first.workbook and again.workbook.name == "antwoorden.nieuw.xlsx"
    assert load_workbook(first.workbook)["Overzicht"]["A20"].value == "mijn aantekening"


def test_the_command_line(training, blanks, tmp_path, run, monkeypatch):
    monkeypatch.chdir(Path(training.source).parent)
    code, out, err = run("verzamel", str(tmp_path / "bestaat-niet"))
    assert code == 1 and "bestaat-niet" in err and "Traceback" not in err and "deze map bestaat niet" in err
    code, out, err = run("verzamel", str(tmp_path), "--bewijzen", "--minimaal", "9")
    assert code == 2 and "--minimaal" in err
    for wrong in ("0", "-1"):
        code, out, err = run("verzamel", str(tmp_path), "--minimaal", wrong)
        assert code == 2 and "kies een getal van 1 tot en met 5" in err
    code, out, err = run("verzamel", str(tmp_path), "--minimaal", "abc")
    assert code == 2 and "is geen geheel getal" in err and "range" not in err
    for wrong in ("training.yaml", str(tmp_path / "a.docx"), "", str(tmp_path)):
        code, out, err = run("verzamel", str(tmp_path), "--out", wrong)
        assert code == 1 and ".xlsx" in err and "Traceback" not in err, wrong
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(_reflector(blanks, "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    (forms / "b.pdf").write_bytes(b"%PDF")
    code, out, err = run("verzamel", str(forms))
    assert code == 1 and "hier staan geen pakketten" in err  # run where no pack was built: no output folder made
    assert not (Path(training.source).parent / "output").exists()
    code, out, err = run("verzamel", str(forms), "--uitvoer", str(tmp_path / "output"))
    assert code == 2 and "--uitvoer" in err and "is geen map" in err  # a folder named but not there
    (tmp_path / "output" / "welzijn-rivierenland").mkdir(parents=True)  # as desi-pack build makes it
    code, out, err = run("verzamel", str(forms), "--uitvoer", str(tmp_path / "output"))
    assert code == 0, err
    assert "1 formulier gelezen van 1 persoon, 1 overgeslagen" in out
    assert "b.pdf: overgeslagen" in out


@pytest.mark.libreoffice
def test_a_form_filled_in_libreoffice_here_is_read(training, blanks, tmp_path):
    """Through LibreOffice's bridge with whatever LibreOffice is installed (7.4 on a fresh Debian 12,
    which drops the tags), saved as .docx and as .odt."""
    uno = "/usr/bin/python3"  # Debian's python3-uno belongs to the system's Python
    if subprocess.run([uno, "-c", "import uno"], check=False, capture_output=True).returncode != 0:
        pytest.skip("LibreOffice's Python bridge (python3-uno) is missing")
    blank = tmp_path / "6.8.docx"
    blank.write_bytes(blanks("6.8"))
    answers = tmp_path / "antwoorden.json"
    answers.write_text(
        json.dumps({"tick": [0, 4, 8], "text": {"0": "Fatima Yilmaz", "1": "Een\ntwee"}, "date": {"0": "2027-02-16"}}),
        encoding="utf-8",
    )
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    helper = Path(__file__).resolve().parent.parent / "lo_forms.py"
    done = subprocess.run(
        [
            uno,
            str(helper),
            "fill",
            str(blank),
            str(forms / "lo.docx"),
            str(forms / "lo.odt"),
            str(tmp_path / "lo.pdf"),
            str(answers),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (forms / "lo-zonder-tags.docx").write_bytes(without_tags((forms / "lo.docx").read_bytes()))
    for path in sorted(forms.iterdir()):  # each on its own: the same answers three times count once
        alone = tmp_path / f"alleen-{path.name}"
        alone.mkdir()
        shutil.copy(path, alone)
        [answer] = collect_and_write(
            alone, training, tmp_path / f"{path.name}.xlsx", pack_dir=tmp_path / "output"
        ).collection.answers
        ticked = sorted(tag for tag, value in answer.values.items() if value is True)
        assert ticked == ["6.8/1.1/a", "6.8/1.2/b", "6.8/1.3/c"], answer.source
        assert answer.person == "Fatima Yilmaz" and answer.date == "16-2-2027"
        assert answer.values["6.8/1.1/notitie"] == "Een\ntwee", answer.source
    together = collect_and_write(forms, training, pack_dir=tmp_path / "output").collection
    assert len(together.answers) == 1
    assert sum("hetzelfde ingevulde formulier" in line.reason for line in together.files) == 2


def test_two_forms_of_one_moment_are_no_before_and_after(training, blanks, tmp_path):
    forms = tmp_path / "ontvangen" / "bijeenkomst-2"
    forms.mkdir(parents=True)
    for number, pick in enumerate("ca"):
        (forms / f"{number}.docx").write_bytes(_reflector(blanks, "6.8", "Anouk Smit", [pick] * 8, "2027-02-16"))
    result = collect_and_write(forms.parent, training, pack_dir=tmp_path / "output")
    from desi_pack.collect.workbook import pairs

    assert pairs(result.collection, "6.8") == {}
    assert all("dubbel" in a.notes[0] for a in result.collection.answers)


def test_what_cannot_be_used_is_said_and_nothing_stops(training, blanks, tmp_path):
    out = tmp_path / "output"
    pack = build(training, out).root
    (pack / "bijeenkomst-3" / "agenda-bijeenkomst-3.xlsx").write_bytes(b"PK\x03\x04 kapot")
    other = load_training(Path(training.source)).model_copy(update={"organisatie": "Stichting Anders"})
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "ander.docx").write_bytes(_reflector(BlankForms(other), "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    control = fill_as_word(blanks("6.8"), {"6.8/naam": "Fatima Yilmaz", "6.8/1.1/notitie": "een teken"})
    (forms / "teken.docx").write_bytes(
        replace_part(control, "word/document.xml", lambda xml: xml.replace(b"een", b'een<w:sym w:char="0001"/>', 1))
    )
    result = collect_and_write(forms, training, pack_dir=out)
    lines = {line.name: line for line in result.collection.files}
    broken = next(line for name, line in lines.items() if name.endswith("agenda-bijeenkomst-3.xlsx"))
    assert broken.result == "geweigerd" and "niet gelezen" in broken.reason
    assert lines["ander.docx"].result == "overgeslagen" and "Stichting Anders" in lines["ander.docx"].reason
    assert lines["teken.docx"].result == "gelezen"
    assert "\x01" not in result.collection.answers[0].values["6.8/1.1/notitie"]


def test_an_empty_folder_or_a_target_among_the_forms_writes_nothing(training, tmp_path):
    from desi_pack.errors import InputError

    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "brief.txt").write_text("hallo", encoding="utf-8")
    with pytest.raises(InputError, match="geen ingevuld formulier"):
        collect_and_write(forms, training, pack_dir=tmp_path / "output")
    with pytest.raises(InputError, match="in de map met ingevulde formulieren"):
        collect_and_write(forms, training, forms / "antwoorden.xlsx", pack_dir=tmp_path / "output")
    assert not (tmp_path / "output").exists() and sorted(p.name for p in forms.iterdir()) == ["brief.txt"]


def test_the_trainers_spelling_and_certificates_no_longer_earned(tmp_path, blanks):
    folder = tmp_path / "training"
    folder.mkdir()
    (folder / "training.yaml").write_text(Path("templates/training.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    training = load_training(folder / "training.yaml")  # 12 participants, no names: the agendas have them
    out = tmp_path / "output"
    pack = build(training, out).root
    for number in range(1, 6):
        path = pack / f"bijeenkomst-{number}" / f"agenda-bijeenkomst-{number}.xlsx"
        book = load_workbook(path)
        sheet = book["Aanwezigheid"]
        for row, name in ((4, "Ali Öztürk"), (5, "Bea Smit")):
            sheet.cell(row=row, column=2).value = name
            sheet.cell(row=row, column=3).value = "ja" if name == "Ali Öztürk" or number < 5 else "nee"
        book.save(path)
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "ali.docx").write_bytes(_reflector(blanks, "6.8", "ali ozturk", ["a"] * 8, "2027-02-16"))
    first = collect_and_write(forms, training, pack_dir=out, minimum=4)
    assert [a.person for a in first.collection.answers] == ["Ali Öztürk"]
    assert sorted(e.person for e in first.earned) == ["Ali Öztürk", "Bea Smit"]
    again = collect_and_write(forms, training, pack_dir=out, minimum=5)
    assert [e.person for e in again.earned] == ["Ali Öztürk"]
    assert [p.name for p in again.withdrawn] == ["bewijs-van-deelname-bea-smit.docx"]
    assert not (pack / "bewijzen-van-deelname" / "bewijs-van-deelname-bea-smit.docx").exists()


def test_nothing_is_decided_on_attendance_that_could_not_be_read(training, blanks, tmp_path):
    out = tmp_path / "output"
    pack = build(training, out).root
    _tick_attendance(pack, {n: NAMES for n in range(1, 6)})
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(_reflector(blanks, "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    first = collect_and_write(forms, training, pack_dir=out, minimum=4)
    assert len(first.earned) == 4
    (pack / "bijeenkomst-3" / "agenda-bijeenkomst-3.xlsx").write_bytes(b"kapot")
    (pack / "bijeenkomst-4" / "agenda-bijeenkomst-4.xlsx").write_bytes(b"kapot")
    again = collect_and_write(forms, training, pack_dir=out, minimum=4)
    assert again.earned is None and again.withdrawn == []  # no one loses a certificate over a broken file
    assert len(list((pack / "bewijzen-van-deelname").iterdir())) == 5


def test_another_trainings_pack_and_files_that_are_not_ours_are_left_alone(training, blanks, tmp_path):
    from desi_pack.errors import InputError

    out = tmp_path / "output"
    pack = build(training, out).root
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(_reflector(blanks, "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    overview = (pack / "overzicht-training.xlsx").read_bytes()
    with pytest.raises(InputError, match="geen werkmap met antwoorden"):
        collect_and_write(forms, training, pack / "overzicht-training.xlsx", pack_dir=out)
    assert (pack / "overzicht-training.xlsx").read_bytes() == overview
    with pytest.raises(InputError, match="bestaat niet"):
        collect_and_write(forms, training, tmp_path / "nergens" / "a.xlsx", pack_dir=out)
    other = training.model_copy(update={"gemeente": "Culemborg"})
    with pytest.raises(InputError, match="hoort bij de training 'Welzijn Rivierenland, Tiel'"):
        collect_and_write(forms, other, tmp_path / "b.xlsx", pack_dir=out, force=True, minimum=4)
    first = collect_and_write(forms, training, pack_dir=out)
    empty = tmp_path / "leeg"
    empty.mkdir()
    _tick_attendance(pack, {1: NAMES})
    before = first.workbook.read_bytes()
    with pytest.raises(InputError, match="blijft zoals het was"):
        collect_and_write(empty, training, pack_dir=out)
    assert first.workbook.read_bytes() == before


def test_dates_typed_by_hand_and_odd_attendance(training, blanks, tmp_path):
    from desi_pack.collect.layouts import typed_date
    from desi_pack.collect.people import normal

    assert [typed_date(t, 2027) for t in ("16-3-2027", "2027-03-16", "16 maart", "di 16 mrt 2027", "16/03/27")] == [
        typed_date("16-3-2027")
    ] * 5
    assert typed_date("31-02-2027") is None and typed_date("gisteren") is None
    assert normal("Fatıma  YILMAZ") == normal("fatima yilmaz")
    assert normal(unicodedata.normalize("NFD", "José García")) == normal(unicodedata.normalize("NFC", "Jose garcia"))
    out = tmp_path / "output"
    pack = build(training, out).root
    path = pack / "bijeenkomst-2" / "agenda-bijeenkomst-2.xlsx"
    book = load_workbook(path)
    for row, value in zip(range(4, 8), ("ja (laat)", "deels", "yes", "nee")):
        book["Aanwezigheid"].cell(row=row, column=3).value = value
    book.save(path)
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(fill_as_word(blanks("6.8"), {"6.8/naam": "Anouk Smit", "6.8/1.1/a": True}))
    result = collect_and_write(forms, training, pack_dir=out)
    agenda = next(line for line in result.collection.files if line.form == "aanwezigheid bijeenkomst 2")
    assert "blad Aanwezigheid, rij 5, kolom C: 'deels'" in agenda.reason and "ja (laat)" not in agenda.reason
    sheet = result.collection.attendance[2]
    assert [row.present for row in sheet.rows[:4]] == ["ja", "deels", "ja", "nee"]


# A training, by organisation and municipality, against a pack folder and a form of 'Welzijn Rivierenland, Tiel'.
OWNERS = {
    "gelijk": (("Welzijn Rivierenland", "Tiel"), True),
    "hoofdletters": (("WELZIJN rivierenland", "tiel"), True),
    "spaties": (("Welzijn  Rivierenland ", " Tiel"), True),
    "accenten": (("Wélzijn Rivierenland", "Tiël"), True),  # one coordinator's two keyboards
    "NFD": (tuple(unicodedata.normalize("NFD", n) for n in ("Wélzijn Rivierenland", "Tiël")), True),  # é as e + ´
    "leestekens": (("Welzijn-Rivierenland", "Tiel."), True),
    "andere plaats": (("Welzijn Rivierenland", "Culemborg"), False),  # another training in the same folder
    "andere wijk": (("Welzijn Rivierenland", "Tiel-West"), False),
}


@pytest.mark.parametrize("names, same", OWNERS.values(), ids=OWNERS.keys())
def test_build_and_verzamel_agree_whose_pack_a_folder_is(training, blanks, tmp_path, names, same):
    """build (writing a pack folder), verzamel (finding the pack folder, reading a form) take a training
    for the same one by one rule: the same folder (slug) and the same name but for capitals, accents,
    spacing, punctuation and Unicode form."""
    from desi_pack.collect.collect import collect
    from desi_pack.collect.results import pack_folder
    from desi_pack.errors import InputError, OutputError
    from desi_pack.writing.output import claim, slugify, write_tree

    now = training.model_copy(update={"organisatie": names[0], "gemeente": names[1]})
    out = tmp_path / "output"
    pack = out / "welzijn-rivierenland"
    write_tree(pack, {"overzicht.txt": b"x"}, owner=training.owner)
    assert slugify(now.organisatie) == pack.name
    verdicts = {}
    for command, attempt, refusal in (
        ("build", lambda: claim(pack, now.owner, False), OutputError),
        ("verzamel: map", lambda: pack_folder(now, out), InputError),
    ):
        try:
            attempt()
            verdicts[command] = True
        except refusal:
            verdicts[command] = False
    forms = tmp_path / "ontvangen"
    forms.mkdir()
    (forms / "a.docx").write_bytes(_reflector(blanks, "6.8", "Anouk Smit", ["a"] * 8, "2027-02-16"))
    verdicts["verzamel: formulier"] = collect(forms, now).files[0].result == "gelezen"
    assert verdicts == dict.fromkeys(("build", "verzamel: map", "verzamel: formulier"), same)
