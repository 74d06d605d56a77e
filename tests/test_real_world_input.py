"""Input from the real world: too big, too strange, or written as people write it. Each gets
a correct result, or one Dutch message naming the file and the place, with nothing written."""

from __future__ import annotations

import errno
import io
from datetime import time

import pytest
from openpyxl import load_workbook

from desi_pack.errors import reason
from desi_pack.training.referral import CardLabels
from desi_pack.verwijskaart.contacts import read_contacts, template_bytes
from tests.verwijskaart.test_contacts import contact

HEAD = """organisatie: Welzijn Rivierenland
gemeente: Tiel
trainers: [Anna de Vries]
locatie: Buurthuis De Schakel
"""
MEETINGS = """bijeenkomsten:
  - {datum: 2027-01-12, start: "13:30"}
  - {datum: 2027-02-16, start: "13:30"}
  - {datum: 2027-03-16, start: "13:30"}
  - {datum: 2027-04-20, start: "13:30"}
  - {datum: 2027-06-01, start: "13:30"}
"""


def _fails(run, *args) -> str:
    code, out, err = run(*args)
    assert code == 1 and out == "", (code, out, err)
    assert err.startswith("Fout: ") and "Traceback" not in err
    return err


def _no_english(err: str) -> None:
    for word in ("Error", "error", "File name", "Permission", "denied", "No such", "Exception", "Overflow"):
        assert word not in err, err


# --- too big ------------------------------------------------------------------------


def test_nested_aliases_are_refused_at_once(run, write_config):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi")
    )
    path = write_config(laughs + "organisatie: *i\n")
    err = _fails(run, "check", str(path))
    assert err == (
        f"Fout: {path}: de verwijzingen (*) in dit bestand worden samen meer dan 100.000 waarden; zo "
        "groot is geen trainingsbestand. Schrijf de waarden uit zonder & en *.\n"
    )


def test_a_file_of_many_megabytes_is_refused_with_the_limit(run, write_config):
    path = write_config(HEAD + "deelnemers: 12\n" + MEETINGS + "# " + "x" * (2 * 1024 * 1024) + "\n")
    err = _fails(run, "check", str(path))
    assert err == (
        f"Fout: {path}: dit bestand is 2 MB; een trainingsbestand is hoogstens 1 MB. Is er per ongeluk "
        "iets anders in geplakt?\n"
    )


@pytest.mark.parametrize("value, count", [("250000", 250000), ("[" + ", ".join(["Anna"] * 201) + "]", 201)])
def test_absurd_numbers_of_participants_are_refused_with_the_limit(run, write_config, value, count):
    path = write_config(HEAD + f"deelnemers: {value}\n" + MEETINGS)
    err = _fails(run, "check", str(path))
    assert err == (
        f"Fout: {path}, regel 5: deelnemers: {count} deelnemers is te veel voor één training; verwacht "
        "hoogstens 200 (de handleiding gaat uit van 10 tot 15).\n"
    )


def test_a_list_pasted_far_too_long_is_refused(run, write_config):
    path = write_config({"partners": [f"Partner {i}" for i in range(500)]})
    assert "partners: er staan er 500 in de lijst; verwacht er hoogstens 100." in _fails(run, "check", str(path))


# --- written as people write it -------------------------------------------------------


def test_a_value_starting_with_ampersand_is_not_silently_shortened(run, write_config):
    path = write_config(HEAD.replace("Welzijn Rivierenland", "&Zorg Welzijn") + "deelnemers: 12\n" + MEETINGS)
    err = _fails(run, "check", str(path))
    assert err == (
        f"Fout: {path}, regel 1: deze waarde begint met '&Zorg', en een '&' vooraan heeft een eigen "
        "betekenis: '&Zorg' zou wegvallen. Zet de tekst tussen aanhalingstekens: "
        'organisatie: "&Zorg Welzijn"\n'
    )
    quoted = write_config(HEAD.replace("Welzijn Rivierenland", '"&Zorg Welzijn"') + "deelnemers: 12\n" + MEETINGS)
    code, _out, _ = run("check", str(quoted))
    assert code == 0


def test_an_anchor_with_its_alias_is_plain_yaml(run, write_config):
    """What YAML-savvy people (and PyYAML's own dump) write for a repeated value."""
    text = (
        HEAD.replace("locatie: Buurthuis De Schakel", "locatie: &plek Buurthuis De Schakel")
        + "deelnemers: 12\n"
        + MEETINGS.replace('2027-02-16, start: "13:30"}', '2027-02-16, start: "13:30", locatie: *plek}')
    )
    code, _out, err = run("check", str(write_config(text)))
    assert code == 0, err


def test_quotes_inside_quotes_are_diagnosed(run, write_config):
    path = write_config(HEAD.replace("Welzijn Rivierenland", '"Stichting "De Linde""') + "deelnemers: 12\n" + MEETINGS)
    err = _fails(run, "check", str(path))
    assert err == (
        f"Fout: {path}, regel 1: hier staan aanhalingstekens binnen aanhalingstekens. Zet enkele "
        'aanhalingstekens om een tekst met " erin: organisatie: \'Stichting "De Linde"\'.\n'
    )


def test_an_unquoted_time_with_a_dot_and_a_paragraph_like_6_10_are_read_as_typed(run, write_config):
    path = write_config(
        HEAD
        + "deelnemers: 12\n"
        + MEETINGS.replace('start: "13:30"}', "start: 13.30}", 1).replace(
            '2027-03-16, start: "13:30"}', '2027-03-16, start: "13:30", duren: {7.10: 5}}'
        )
    )
    err = _fails(run, "check", str(path))
    assert "bijeenkomst 3 heeft geen rij '7.10'" in err  # not '7.1', which exists
    path.write_text(path.read_text(encoding="utf-8").replace(", duren: {7.10: 5}", ""), encoding="utf-8")
    code, out, err = run("check", str(path))
    assert code == 0 and "Bijeenkomst 1: dinsdag 12 januari 2027, 13:30" in out


def test_a_wrong_name_in_a_list_of_participants_reports_only_the_list(run, write_config):
    path = write_config(HEAD + 'deelnemers: [Anna, "", Bram]\n' + MEETINGS)
    assert _fails(run, "check", str(path)) == f"Fout: {path}, regel 5: deelnemers[2]: mag niet leeg zijn.\n"


def test_a_utf16_training_file_is_read(run, write_config):
    path = write_config(HEAD + "deelnemers: 12\n" + MEETINGS)
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    code, _out, err = run("check", str(path))
    assert code == 0, err
    path.write_bytes(path.read_text(encoding="utf-16").encode("utf-16-le"))  # without its mark
    err = _fails(run, "check", str(path))
    assert err == (
        f"Fout: {path}: dit bestand is opgeslagen als UTF-16 (Unicode) zonder kenmerk; sla het op als "
        "UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8).\n"
    )


def test_a_helpline_open_day_and_night(write_config, tmp_path):
    from desi_pack import load_training
    from desi_pack.verwijskaart.verwijskaart import place_from_training

    path = write_config(
        {
            "verwijskaart": {
                "contacten": [
                    {
                        "naam": "De Luisterlijn",
                        "telefoon": "088-0767000",
                        "bereikbaar_van": "00:00",
                        "bereikbaar_tot": "24:00",
                    }
                ]
            }
        }
    )
    (contact,) = place_from_training(load_training(path)).contacten
    assert contact.hours == "00:00\u201324:00"


def test_a_helpline_open_day_and_night_in_a_workbook(tmp_path, course):
    labels = CardLabels.from_instrument(course.instruments["11.5"])
    for tot in ("24:00", 1.0):  # typed as text, or as Excel stores 24:00
        book = load_workbook(io.BytesIO(template_bytes(labels)))
        book["Contacten"].delete_rows(2)
        book["Plaatsen"].delete_rows(2)
        book["Contacten"].append(contact("Tiel", "De Luisterlijn", "088-0767000", van=time(0), tot=tot))
        book.save(tmp_path / "c.xlsx")
        (place,) = read_contacts(tmp_path / "c.xlsx", labels).places
        assert labels.hours_line(place.contacten[0]) == "Bereikbaar van 00:00 tot 24:00"


def test_a_password_protected_workbook_says_what_to_do(run, tmp_path):
    path = tmp_path / "contacten.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    err = _fails(run, "verwijskaart", str(path), "--out", str(tmp_path / "uit"))
    assert "deze werkmap is beveiligd met een wachtwoord" in err and "Versleutelen met wachtwoord" in err
    assert not (tmp_path / "uit").exists()


# --- templates and the system's own words ---------------------------------------------


def test_a_template_that_loops_too_often_says_so(run, tmp_path):
    from docx import Document

    own = tmp_path / "eigen"
    own.mkdir()
    document = Document()
    document.add_paragraph("{% for i in range(999999999) %}x{% endfor %}")
    document.save(own / "huiswerk.docx")
    err = _fails(
        run, "build", "--voorbeeld", "--out", str(tmp_path / "uit"), "--templates", str(own), "--bijeenkomst", "1"
    )
    assert err.startswith(f"Fout: {own / 'huiswerk.docx'}: het sjabloon vraagt een herhaling van meer dan 100.000 keer")
    _no_english(err)
    assert not (tmp_path / "uit").exists()


def test_a_name_too_long_for_the_system_is_said_in_dutch(run, write_config, tmp_path):
    err = _fails(run, "build", str(write_config()), "--out", str(tmp_path / ("x" * 300)))
    assert "de naam of het pad is te lang" in err
    _no_english(err)


@pytest.mark.parametrize("number", [errno.ENAMETOOLONG, errno.EBUSY, errno.EIO, errno.EMFILE, 9999])
def test_system_errors_are_never_english(number):
    text = reason(OSError(number, "English words from the system"))
    assert "English" not in text and text
