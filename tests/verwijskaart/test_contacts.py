"""The contacts workbook: one card per place with only its own contacts, every bad row reported, the template."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from openpyxl import Workbook, load_workbook

from desi_pack.errors import InputError, WorkbookError, said
from desi_pack.verwijskaart.contacts import ALL_PLACES, read_contacts
from desi_pack.verwijskaart.verwijskaart import make_cards
from tests.docx_text import body_lines

NAME = "Zorg & Welzijn 'Ré' \u201cDe Brug\u201d"
HEAD = [
    "Plaats",
    "Naam",
    "Organisatie",
    "Waarvoor",
    "Telefoon",
    "E-mail",
    "Social media",
    "Bereikbaar van",
    "Bereikbaar tot",
    "Dagen",
]


def contact(place, name, phone="0344-123456", email="", social="", van=None, tot=None, days="", org="", what=""):
    return [place, name, org, what, phone, email, social, van, tot, days]


GOOD = [
    contact(
        "Tiel",
        NAME,
        "0344-123456",
        "brug@zorg.example",
        van=time(9),
        tot=time(17),
        days="ma t/m vr",
        org="Stichting <Samen>",
        what="Zorgen over een buurman",
    ),
    contact("Culemborg", "Wijkteam Culemborg", "06-12345678", van="8:30", tot="12:00", days="wo"),
    contact("Tiel", "Jan de Vries", "", "jan@tiel.example"),
    contact("Buren", "Buurtzorg Buren", "14 0344", social="Instagram: @buurtzorgburen"),
    contact(ALL_PLACES, "De Luisterlijn", "088 0767 000"),
]
PLACES = [
    ["Tiel", "Ga in gesprek.\nBel het wijkteam.", "Een maatje.\nDe huisarts."],
    ["Culemborg", "1. Bel eerst de buurman.\n2. Dan het wijkteam.", ""],
    [ALL_PLACES, "Noteer wat u ziet.", "Samen iets ondernemen."],
]


# --- good workbooks -------------------------------------------------------------


def test_one_card_per_place_with_only_its_own_contacts(workbook, tmp_path):
    result = make_cards(workbook(GOOD, PLACES), tmp_path / "uit")
    assert [p.naam for p in result.places] == ["Tiel", "Culemborg", "Buren"]
    assert result.folder == tmp_path / "uit" / "contacten" / "verwijskaarten"
    assert sorted(p.name for p in result.folder.iterdir()) == [
        "verwijskaart-buren.docx",
        "verwijskaart-culemborg.docx",
        "verwijskaart-tiel.docx",
        "zakkaart-buren.docx",
        "zakkaart-culemborg.docx",
        "zakkaart-tiel.docx",
    ]
    own = {"tiel": [NAME, "Jan de Vries"], "culemborg": ["Wijkteam Culemborg"], "buren": ["Buurtzorg Buren"]}
    everyone = [name for names in own.values() for name in names]
    for slug, names in own.items():
        for kind in ("verwijskaart", "zakkaart"):
            text = "\n".join(body_lines(result.folder / f"{kind}-{slug}.docx"))
            for name in everyone:
                assert (name in text) == (name in names), (kind, slug, name)
            assert "De Luisterlijn" in text  # a contact of 'Alle plaatsen' is on every card


def test_steps_and_options_per_place_or_shared(workbook, tmp_path):
    result = make_cards(workbook(GOOD, PLACES), tmp_path)
    tiel, culemborg, buren = result.places
    assert tiel.stappen == ("Ga in gesprek.", "Bel het wijkteam.") and tiel.opties == ("Een maatje.", "De huisarts.")
    # Numbers typed before the steps are dropped (the card marks them itself); empty options: the shared ones.
    assert culemborg.stappen == ("Bel eerst de buurman.", "Dan het wijkteam.")
    assert culemborg.opties == ("Samen iets ondernemen.",)
    assert buren.stappen == ("Noteer wat u ziet.",) and buren.opties == ("Samen iets ondernemen.",)
    lines = body_lines(result.folder / "verwijskaart-culemborg.docx")
    assert "\u25b8Bel eerst de buurman." in lines


def test_values_come_out_exactly(workbook, tmp_path):
    result = make_cards(workbook(GOOD, PLACES), tmp_path)
    lines = body_lines(result.folder / "verwijskaart-tiel.docx")
    for line in (
        NAME,
        "Stichting <Samen>",
        "Zorgen over een buurman",
        "Tel: 0344-123456",
        "E-mail: brug@zorg.example",
        "Bereikbaar van 09:00 tot 17:00, maandag t/m vrijdag",
    ):
        assert line in lines
    buren = body_lines(result.folder / "verwijskaart-buren.docx")
    assert "Tel: 14 0344" in buren and "Instagram: @buurtzorgburen" in buren
    culemborg = body_lines(result.folder / "zakkaart-culemborg.docx")
    assert culemborg.count("Bereikbaar van 08:30 tot 12:00, wo") == 4


def test_characters_excel_writes_out_are_read_as_typed(workbook, labels):
    """Excel stores a carriage return (pasted along with text from elsewhere) as _x000D_, and an '_x'
    typed in a cell as _x005F_x: neither shows on the card as such."""
    rows = [contact("Tiel", "Wijkteam_x000D_\nTiel", what="Zie _x005F_x0041_ hierboven")]
    book = read_contacts(workbook(rows, [["Tiel", "Ga in gesprek._x000D_\nBel het wijkteam.", ""]]), labels)
    (place,) = book.places
    assert place.stappen == ("Ga in gesprek.", "Bel het wijkteam.")
    assert place.contacten[0].naam == "Wijkteam Tiel" and place.contacten[0].waarvoor == "Zie _x0041_ hierboven"


def test_places_match_whatever_the_case_and_spaces(workbook, labels):
    book = read_contacts(
        workbook([contact("Tiel", "A"), contact(" tiel ", "B"), contact("TIEL", "C")], [["tiel", "Bel.", ""]]), labels
    )
    (place,) = book.places
    assert place.naam == "tiel" and [c.naam for c in place.contacten] == ["A", "B", "C"]


def test_a_place_without_contacts_gets_room_to_write_and_a_note(workbook, labels):
    book = read_contacts(workbook([contact("Tiel", "A")], [["Tiel", "Bel.", ""], ["Buren", "Bel.", ""]]), labels)
    assert [p.naam for p in book.places] == ["Tiel", "Buren"] and book.places[1].contacten == ()
    assert book.notes == ["1 plaats zonder contacten (Buren): de kaart heeft daar invulruimte."]


def test_excel_values_of_other_types_are_understood(workbook, labels):
    rows = [
        contact("Tiel", "Getal", phone=612345678, van=0.375, tot=datetime(1899, 12, 30, 17, 0)),
        contact("Tiel", "Tekst", phone="0344-123456", van="09:00:00", tot=timedelta(hours=12, minutes=30)),
        contact("Tiel", 112.0, phone="0800-1234"),
    ]
    first, second, third = read_contacts(workbook(rows), labels).places[0].contacten
    assert first.telefoon == "0612345678" and (first.van, first.tot) == (time(9), time(17))
    assert (second.van, second.tot) == (time(9), time(12, 30))
    assert third.naam == "112"


@pytest.mark.parametrize(
    "value, number_format",
    [("25:00", None), (timedelta(hours=25), None), (25 / 24, "h:mm")],
    ids=["text", "duration", "excel-time-format"],
)
def test_25_oclock_however_excel_stores_it(workbook, labels, value, number_format):
    path = workbook([contact("Tiel", "Laat", van=value, tot=time(17))])
    if number_format:  # what Excel stores when 25:00 is typed in a cell formatted as a time
        book = load_workbook(path)
        book["Contacten"]["H2"].number_format = number_format
        book.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path, labels)
    assert caught.value.problems[0].endswith(
        "kolom H (Bereikbaar van): de tijd 25:00 bestaat niet; uren gaan van 0 tot 23, minuten van 0 tot 59."
    )


def test_headings_in_another_order_with_aliases_and_own_columns(tmp_path, labels):
    book = Workbook()
    sheet = book.active
    sheet.title = "contacten"
    sheet.append(["Overzicht van de regio"])  # a title above the heading row
    sheet.append(["Aantekeningen", "Tel.", "Gemeente", "Naam/organisatie/team", "Email", "Op dagen"])
    sheet.append(["eigen notitie", "0344-123456", "Tiel", "Wijkteam", "a@b.example", "werkdagen"])
    places = book.create_sheet("PLAATSEN")
    places.append(["Plaats", labels.steps, labels.options])
    places.append(["Tiel", "Bel.", "Ga."])
    path = tmp_path / "eigen.xlsx"
    book.save(path)
    (place,) = read_contacts(path, labels).places
    assert place.stappen == ("Bel.",) and place.opties == ("Ga.",)
    (found,) = place.contacten
    assert (found.naam, found.telefoon, found.email, found.dagen) == (
        "Wijkteam",
        "0344-123456",
        "a@b.example",
        (0, 1, 2, 3, 4),
    )


# --- bad rows: every problem with sheet, row and column, and nothing written ----------

BAD = [
    (
        contact("", "Geen plaats"),
        "blad Contacten, rij 2, kolom A (Plaats): leeg; vul de gemeente, wijk of het dorp in waar dit contact bij hoort.",
    ),
    (
        contact("Tiel", ""),
        "blad Contacten, rij 3, kolom B (Naam): leeg; vul de naam van de persoon, het team of de organisatie in.",
    ),
    (
        contact("Tiel", "Kort nummer", phone="06-123"),
        (
            "blad Contacten, rij 4, kolom E (Telefoon): '06-123' is geen telefoonnummer; verwacht 10 cijfers die met 0 "
            "beginnen (zoals 0344-123456 of 06-12345678), +31 met 9 cijfers, een 0800- of 0900-nummer (zoals 0800-1234) "
            "of een 14-nummer van de gemeente (zoals 14 0344)."
        ),
    ),
    (
        contact("Tiel", "Fout adres", email="wijkteam.tiel.nl"),
        (
            "blad Contacten, rij 5, kolom F (E-mail): 'wijkteam.tiel.nl' is geen e-mailadres; verwacht iets als "
            "naam@organisatie.nl."
        ),
    ),
    (
        contact("Tiel", "Laat", van="25:00", tot="17:00"),
        (
            "blad Contacten, rij 6, kolom H (Bereikbaar van): de tijd 25:00 bestaat niet; uren gaan van 0 tot 23, "
            "minuten van 0 tot 59."
        ),
    ),
    (
        contact("Tiel", "Onleesbaar", van="negen uur", tot="17:00"),
        (
            "blad Contacten, rij 7, kolom H (Bereikbaar van): 'negen uur' is geen tijd; schrijf uren:minuten, zoals "
            '"13:30".'
        ),
    ),
    (
        contact("Tiel", "Omgedraaid", van=time(17), tot=time(9)),
        (
            "blad Contacten, rij 8, kolommen H en I (Bereikbaar van, Bereikbaar tot): de eindtijd 09:00 ligt niet na de "
            "begintijd 17:00."
        ),
    ),
    (
        contact("Tiel", "Half", van=time(9)),
        (
            "blad Contacten, rij 9, kolom I (Bereikbaar tot): leeg; vul 'Bereikbaar van' en 'Bereikbaar tot' allebei in, "
            "of geen van beide."
        ),
    ),
    (
        contact("Tiel", "Onbereikbaar", phone=""),
        (
            "blad Contacten, rij 10, kolommen E, F en G (Telefoon, E-mail, Social media): geen telefoon, e-mail of social "
            "media; vul er minstens één in."
        ),
    ),
    (
        contact("Tiel", "Verkeerde dag", days="maandagen"),
        (
            "blad Contacten, rij 11, kolom J (Dagen): 'maandagen' is geen dag; schrijf dagen zoals 'maandag t/m vrijdag', "
            "'ma, wo en vr', 'di-do', 'werkdagen', 'weekend' of 'dagelijks'."
        ),
    ),
    (
        contact("Tiel", "Datum", van=datetime(2027, 3, 1), tot=time(17)),  # a date alone, without a time
        (
            "blad Contacten, rij 12, kolom H (Bereikbaar van): 01-03-2027 is een datum, geen tijd; schrijf uren:minuten, "
            "zoals 9:00."
        ),
    ),
]


@pytest.mark.parametrize("row, message", BAD, ids=[m.split(":")[0] for _, m in BAD])
def test_each_bad_row_alone_is_reported_and_nothing_is_written(run, workbook, tmp_path, row, message):
    number = int(message.split("rij ")[1].split(",")[0])
    filler = [contact("Tiel", f"Goed {i}") for i in range(number - 2)]
    path = workbook([*filler, row])
    code, out, err = run("verwijskaart", str(path), "--out", str(tmp_path / "uit"))
    assert code == 1 and out == ""
    assert err == f"Fout: {path}, {message}\n"
    assert not (tmp_path / "uit").exists()


def test_all_bad_rows_are_reported_together_in_sheet_order(run, workbook, tmp_path):
    path = workbook([row for row, _ in BAD], [["", "Bel.", ""], ["Tiel", "Bel.", ""], ["tiel", "Ga.", ""]])
    code, _, err = run("verwijskaart", str(path), "--out", str(tmp_path / "uit"))
    assert code == 1 and "Traceback" not in err
    lines = err.splitlines()
    assert lines[0] == f"Fout: {path} bevat {len(BAD) + 2} fouten:"
    assert lines[1:] == [f"  - {path}, {message}" for _, message in BAD] + [
        (
            f"  - {path}, blad Plaatsen, rij 2, kolom A (Plaats): leeg; vul de gemeente, wijk of het dorp in van deze "
            "stappen en opties."
        ),
        (
            f"  - {path}, blad Plaatsen, rij 4, kolom A (Plaats): 'tiel' staat al in rij 3; zet de stappen en opties "
            "van een plaats in één rij."
        ),
    ]
    assert not (tmp_path / "uit").exists()


def test_many_problems_are_listed_up_to_a_hundred(workbook, labels):
    path = workbook([contact("Tiel", f"Naam {i}", phone="06-123") for i in range(150)])
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path, labels)
    assert len(caught.value.problems) == 150
    lines = caught.value.message.splitlines()
    assert lines[0] == f"{path} bevat 150 fouten; de eerste 100:" and len(lines) == 102
    assert lines[-1] == "  … en nog 50 fouten."


# --- a wrong file -----------------------------------------------------------------


def test_a_file_that_is_not_a_workbook(tmp_path, labels, run):
    path = tmp_path / "contacten.xlsx"
    path.write_text("Plaats;Naam\nTiel;Wijkteam\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"dit is geen Excel-werkmap \(\.xlsx\) of het bestand is beschadigd"):
        read_contacts(path, labels)
    for name in ("contacten.csv", "contacten.xls", "contacten.ods"):
        other = tmp_path / name
        other.write_bytes(b"x")
        code, _, err = run("verwijskaart", str(other))
        assert code == 1 and err.startswith(f"Fout: {other}: desi-pack leest contacten uit een Excel-werkmap (.xlsx)")
    code, _, err = run("verwijskaart", str(tmp_path / "weg.xlsx"))
    assert code == 1 and err == f"Fout: {tmp_path / 'weg.xlsx'}: dit bestand bestaat niet.\n"


def test_missing_sheets_columns_and_misspelt_headings(tmp_path, labels):
    book = Workbook()
    book.active.title = "Blad1"
    path = tmp_path / "leeg.xlsx"
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path, labels)
    assert [said(problem, {"contacts_template": " (…)"}) for problem in caught.value.problems] == [
        f"{path}: het blad '{title}' ontbreekt (de werkmap heeft 'Blad1'). Begin met de lege contactenwerkmap (…): "
        "die heeft de goede bladen en kolommen."
        for title in ("Contacten", "Plaatsen")
    ]

    book = Workbook()
    book.active.title = "Contacten"
    book.active.append(["Plaats", "Telfoon", "E-mail", "E-mail"])
    book.create_sheet("Plaatsen").append(["Stappen"])
    book.save(path)
    with pytest.raises(WorkbookError) as caught:
        read_contacts(path, labels)
    assert caught.value.problems == [
        f"{path}, blad Contacten, rij 1, kolom B: onbekende kolom 'Telfoon'. Bedoelde u 'Telefoon'?",
        f"{path}, blad Contacten, rij 1, kolom D: 'E-mail' staat er al (kolom C); laat er één over.",
        f"{path}, blad Contacten: de kolom 'Naam' ontbreekt (verplicht; kopregel in rij 1).",
        f"{path}, blad Plaatsen: geen kopregel gevonden met de kolom 'Plaats' (gezocht in de eerste 10 rijen).",
    ]


def test_an_empty_workbook(workbook, labels, run, tmp_path):
    path = workbook([])
    with pytest.raises(
        WorkbookError,
        match="de werkmap bevat geen contacten en geen plaatsen; vul het blad "
        r"Contacten in \(één rij per contact\).",
    ):
        read_contacts(path, labels)
    code, _, _ = run("verwijskaart", str(path), "--out", str(tmp_path / "uit"))
    assert code == 1 and not (tmp_path / "uit").exists()


# --- the template -------------------------------------------------------------------


def test_template_has_columns_example_checks_and_frozen_headings(run, tmp_path, labels):
    path = tmp_path / "contacten.xlsx"
    code, out, err = run("verwijskaart", "--sjabloon", str(path))
    assert code == 0 and err == ""
    assert out == (
        f"Geschreven: {path}. Vul de bladen Contacten en Plaatsen in en maak de kaarten met: "
        f"desi-pack verwijskaart {path}\n"
    )
    book = load_workbook(path)
    assert book.sheetnames == ["Uitleg", "Contacten", "Plaatsen"]
    sheet = book["Contacten"]
    assert [c.value for c in sheet[1]] == HEAD
    assert sheet.freeze_panes == "A2" and book["Plaatsen"].freeze_panes == "A2"
    assert sheet["A2"].value == "Voorbeelddorp" and sheet["H2"].value == time(9)
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["H2:H2000"].type == "time" and rules["I2:I2000"].type == "time"
    assert "Vul een tijd in van 0:00 tot 23:59" in rules["H2:H2000"].error
    assert rules["J2:J2000"].type == "list" and "maandag t/m vrijdag" in rules["J2:J2000"].formula1
    assert not rules["J2:J2000"].showErrorMessage  # own text such as 'ma, wo en vr' stays possible
    assert "ma, wo en vr" in rules["J2:J2000"].prompt
    assert sheet.column_dimensions["E"].number_format == "@"  # a telephone number keeps its 0
    assert [c.value for c in book["Plaatsen"][1]] == ["Plaats", "Stappen", "Opties"]
    explanation = "\n".join(str(c.value) for row in book["Uitleg"].iter_rows() for c in row if c.value)
    assert labels.steps in explanation and labels.options in explanation and "'maandag t/m vrijdag'" in explanation
    code, _, err = run("verwijskaart", "--sjabloon", str(path))
    assert code == 1 and err == f"Fout: {path} bestaat al; desi-pack overschrijft het niet. Kies een andere naam.\n"


def test_the_template_as_written_makes_no_card_of_its_example_row(run, tmp_path):
    path = tmp_path / "contacten.xlsx"
    run("verwijskaart", "--sjabloon", str(path))
    code, _out, err = run("verwijskaart", str(path), "--out", str(tmp_path / "uit"))
    assert code == 1 and not (tmp_path / "uit").exists()
    assert err == (
        f"Fout: {path}: de werkmap bevat geen contacten en geen plaatsen; vul het blad Contacten in (één "
        "rij per contact).\n"
    )


def test_template_round_trip_fill_in_and_build(run, tmp_path):
    path = tmp_path / "regio"
    code, out, _ = run("verwijskaart", "--sjabloon", str(path))
    path = path.with_suffix(".xlsx")
    assert code == 0 and path.exists()
    book = load_workbook(path)
    sheet, places = book["Contacten"], book["Plaatsen"]
    sheet.delete_rows(2)
    places.delete_rows(2)
    for row in GOOD:
        sheet.append(row)
    for row in PLACES:
        places.append(row)
    book.save(path)
    code, out, err = run("verwijskaart", str(path), "--out", str(tmp_path / "uit"), "--stil")
    assert code == 0 and err == ""
    assert out.startswith(
        f"Contacten: {tmp_path / 'regio.xlsx'}.\n"
        f"Verwijskaart en zakkaarten voor 3 plaatsen in {tmp_path / 'uit' / 'regio' / 'verwijskaarten'}"
        " (6 bestanden: 6 nieuw).\nZakkaarten: A6, 4 per A4-vel (3 plaatsen)."
    )
    text = "\n".join(body_lines(tmp_path / "uit" / "regio" / "verwijskaarten" / "verwijskaart-tiel.docx"))
    assert NAME in text and "Wijkteam Culemborg" not in text


def test_progress_bar_for_many_places_unless_quiet(run, workbook, tmp_path):
    path = workbook([contact(f"Wijk {i}", "Team") for i in range(12)])
    code, out, err = run("verwijskaart", str(path), "--out", str(tmp_path / "a"))
    assert code == 0 and "Kaarten maken" in err and "voor 12 plaatsen" in out
    code, out, err = run("verwijskaart", str(path), "--out", str(tmp_path / "b"), "--stil")
    assert code == 0 and err == ""


def test_help_and_usage_errors_are_dutch(run, tmp_path):
    code, out, _ = run("verwijskaart", "--help")
    assert code == 0 and "Gebruik: desi-pack verwijskaart [OPTIES] [BRON]" in out
    assert "--sjabloon PAD.xlsx" in out and "--stil" in out and "contactenwerkmap (.xlsx)" in out
    code, _, err = run("verwijskaart", "x.xlsx", "--sjabloon", str(tmp_path / "y.xlsx"))
    assert code == 2 and err.startswith("Fout: --sjabloon schrijft alleen een lege werkmap; laat BRON weg.")
    code, _, err = run("verwijskaart", "--sjabloon", str(tmp_path / "y.csv"))
    assert (
        code == 1 and err == f"Fout: {tmp_path / 'y.csv'}: geef een naam die eindigt op .xlsx, zoals contacten.xlsx.\n"
    )


def test_the_builtin_example_when_asked_for(run, tmp_path):
    code, out, err = run("verwijskaart", "--voorbeeld", "--out", str(tmp_path))
    assert code == 0 and err == ""
    folder = tmp_path / "welzijn-rivierenland" / "verwijskaarten"
    assert out.startswith(
        "Training: de ingebouwde voorbeeldtraining; uw eigen training begint u met: desi-pack init\n"
        f"Verwijskaart en zakkaarten voor 1 plaats in {folder} (2 bestanden: 2 nieuw)."
    )
    assert (folder / "verwijskaart-tiel.docx").exists() and (folder / "zakkaart-tiel.docx").exists()
