"""The verwijskaart from a training: field checks, the config section, and the cards re-opened."""

from __future__ import annotations

import io
import zipfile
from datetime import time

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm

from desi_pack.errors import ConfigError
from desi_pack.training.referral import (
    CardLabels,
    Contact,
    FieldProblem,
    Place,
    check_email,
    check_phone,
    days_text,
    parse_days,
)
from desi_pack.verwijskaart import cards
from desi_pack.verwijskaart.verwijskaart import file_names, make_cards, place_from_training, prepare, render_all
from tests.docx_text import body_lines, control_kind, header_footer

TWIPS_PER_CM = 1440 / 2.54
NAME = "Zorg & Welzijn 'Ré' \u201cDe Brug\u201d"

SECTION = {
    "plaats": "Tiel-Oost",
    "stappen": ["Ga in gesprek met de persoon zelf.", "Bel bij twijfel het wijkteam."],
    "opties": ["Een maatje via de vrijwilligerscentrale.", "Samen naar de huisarts."],
    "contacten": [
        {
            "naam": NAME,
            "organisatie": "Stichting <Samen>",
            "waarvoor": "Zorgen over een buurman",
            "telefoon": "0344-123456",
            "email": "brug@zorg.example",
            "social_media": "facebook.com/debrug",
            "bereikbaar_van": "9:00",
            "bereikbaar_tot": "17:30",
            "dagen": "ma t/m vr",
        },
        {
            "naam": "Jan de Vries",
            "telefoon": "06-12345678",
            "social_media": "Instagram: @jandevries",
            "dagen": ["ma", "wo", "vr"],
        },
    ],
}


# --- field checks ---------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "0344-123456",
        "0344 12 34 56",
        "06-12345678",
        "06 1234 5678",
        "(0344) 123456",
        "+31 6 12345678",
        "+31 (0)6 12345678",
        "0031 344 123456",
        "0800-1234",
        "0800 123 4567",
        "0900-1234567",
        "14 0344",
        "14 020",
    ],
)
def test_dutch_telephone_numbers_are_accepted_as_typed(number):
    assert check_phone(number) == number


@pytest.mark.parametrize(
    "number", ["06-123", "12345", "0612345678 9", "+32 2 123 45 67", "14 03", "0800-12", "0000000000", "bel ons"]
)
def test_impossible_telephone_numbers_are_refused(number):
    with pytest.raises(FieldProblem, match="is geen telefoonnummer; verwacht 10 cijfers"):
        check_phone(number)


@pytest.mark.parametrize("address", ["a@b.nl", "jan.de.vries@wijkteam-tiel.example", "ré@zorg.nl", "x+y@z.co.uk"])
def test_email_addresses(address):
    assert check_email(address) == address


@pytest.mark.parametrize(
    "address", ["a@b", "a@@b.nl", "a b@c.nl", "jan..x@y.nl", "a@b.n1", "@b.nl", "x@-b.nl", "wijkteam.tiel.nl"]
)
def test_impossible_email_addresses(address):
    with pytest.raises(FieldProblem, match="is geen e-mailadres"):
        check_email(address)


@pytest.mark.parametrize(
    "text, days, full, short",
    [
        ("maandag t/m vrijdag", (0, 1, 2, 3, 4), "maandag t/m vrijdag", "ma t/m vr"),
        ("ma, wo, vr", (0, 2, 4), "maandag, woensdag en vrijdag", "ma, wo en vr"),
        ("di-do", (1, 2, 3), "dinsdag t/m donderdag", "di t/m do"),
        ("Maandag tot en met woensdag en vrijdag", (0, 1, 2, 4), "maandag t/m woensdag en vrijdag", "ma t/m wo en vr"),
        ("werkdagen", (0, 1, 2, 3, 4), "maandag t/m vrijdag", "ma t/m vr"),
        ("in het weekend", (5, 6), "zaterdag en zondag", "za en zo"),
        ("dagelijks", tuple(range(7)), "elke dag", "elke dag"),
        ("ma. / do.", (0, 3), "maandag en donderdag", "ma en do"),
    ],
)
def test_days_in_the_accepted_forms(text, days, full, short):
    assert parse_days(text) == days
    assert days_text(days) == full and days_text(days, short=True) == short


@pytest.mark.parametrize(
    "text, message",
    [
        ("maandagen", "'maandagen' is geen dag; schrijf dagen zoals 'maandag t/m vrijdag'"),
        ("ma, vrijdg", "'vrijdg' in 'ma, vrijdg' is geen dag"),
        ("vr t/m ma", "de reeks vrijdag t/m maandag loopt terug in de week"),
        ("ma tot vr", "schrijf 't/m' (tot en met) in plaats van 'tot'"),
        ("ma t/m di t/m wo", "een reeks heeft één begindag en één einddag"),
    ],
)
def test_days_that_cannot_be_read(text, message):
    with pytest.raises(FieldProblem, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_days(text)


def test_card_labels_are_the_workbooks(course):
    labels = CardLabels.from_instrument(course.instruments["11.5"])
    assert labels.steps == "Op basis van uw vermoedens onderneemt u het volgende:"
    assert labels.options == "Nadat u het bespreekbaar heeft gemaakt zijn er de volgende opties:"
    assert labels.contact == "Voor vragen en advies neemt u contact op met naam/organisatie/team:"
    assert (labels.phone, labels.email, labels.social) == ("Tel:", "E-mail:", "Facebook:")  # corrected
    contact = Contact("X", van=time(9), tot=time(17, 30))
    assert labels.hours_line(contact) == "Bereikbaar van 09:00 tot 17:30"
    assert labels.social_parts(Contact("X", social_media="facebook.com/x")) == ("Facebook:", "facebook.com/x")
    assert labels.social_parts(Contact("X", social_media="Instagram: @x")) == ("", "Instagram: @x")


# --- the config section ---------------------------------------------------------


def test_section_is_read_into_a_place(write_config):
    from desi_pack import load_training

    place = place_from_training(load_training(write_config({"verwijskaart": SECTION})))
    assert place.naam == "Tiel-Oost"
    assert place.stappen == tuple(SECTION["stappen"]) and place.opties == tuple(SECTION["opties"])
    first, second = place.contacten
    assert first.naam == NAME and first.van == time(9) and first.tot == time(17, 30)
    assert first.dagen == (0, 1, 2, 3, 4) and second.dagen == (0, 2, 4)


def test_without_section_the_place_is_the_municipality_and_empty(write_config):
    from desi_pack import load_training

    place = place_from_training(load_training(write_config()))
    assert place == Place("Tiel") and place.is_empty


def test_bad_contacts_in_the_config_name_line_and_field(write_config):
    from desi_pack import load_training

    path = write_config("""\
        organisatie: X
        gemeente: Tiel
        trainers: [A]
        locatie: Y
        deelnemers: 12
        bijeenkomsten:
          - {datum: 2027-01-12, start: "13:30"}
          - {datum: 2027-02-16, start: "13:30"}
          - {datum: 2027-03-16, start: "13:30"}
          - {datum: 2027-04-20, start: "13:30"}
          - {datum: 2027-06-01, start: "13:30"}
        verwijskaart:
          contacten:
            - naam: Wijkteam
              telefoon: 0344123456
              email: x@y
              bereikbaar_van: "25:00"
              bereikbaar_tot: "17:00"
              dagen: maandagen
            - naam: Buurtzorg
              telefoon: "06-12345678"
              bereikbaar_van: "17:00"
              bereikbaar_tot: "09:00"
            - naam: Alleen een naam
            - naam: Spelfout
              telfoon: "0344-123456"
        """)
    with pytest.raises(ConfigError) as caught:
        load_training(path)
    problems = caught.value.problems
    assert problems == [
        (
            f"{path}, regel 15: verwijskaart.contacten[1].telefoon: zet het telefoonnummer tussen aanhalingstekens, "
            'zoals "0344-123456".'
        ),
        (
            f"{path}, regel 16: verwijskaart.contacten[1].email: 'x@y' is geen e-mailadres; verwacht iets als "
            "naam@organisatie.nl."
        ),
        (
            f"{path}, regel 17: verwijskaart.contacten[1].bereikbaar_van: de tijd 25:00 bestaat niet; uren gaan van 0 "
            "tot 23, minuten van 0 tot 59."
        ),
        (
            f"{path}, regel 19: verwijskaart.contacten[1].dagen: 'maandagen' is geen dag; schrijf dagen zoals "
            "'maandag t/m vrijdag', 'ma, wo en vr', 'di-do', 'werkdagen', 'weekend' of 'dagelijks'."
        ),
        f"{path}, regel 20: verwijskaart.contacten[2]: bereikbaar_tot (09:00) ligt niet na bereikbaar_van (17:00).",
        f"{path}, regel 24: verwijskaart.contacten[3]: geen telefoon, email of social_media; vul er minstens één in.",
        f"{path}, regel 26: verwijskaart.contacten[4].telfoon: 'telfoon' kent desi-pack hier niet. Bedoelde u 'telefoon'?",
    ]


def test_builtin_example_has_a_filled_in_card_for_tiel():
    from desi_pack import load_training

    place = place_from_training(load_training(None))
    assert place.naam == "Tiel" and place.stappen and place.opties and len(place.contacten) >= 2


# --- the cards ------------------------------------------------------------------


@pytest.fixture
def tiel_cards(write_config, tmp_path):
    config = write_config({"organisatie": NAME, "verwijskaart": SECTION})
    result = make_cards(config, tmp_path / "uit")
    return result


def test_a4_card_and_pocket_sheet_are_written_under_the_organisation(tiel_cards, tmp_path):
    folder = tmp_path / "uit" / "zorg-welzijn-re-de-brug" / "verwijskaarten"
    assert tiel_cards.folder == folder
    assert sorted(p.name for p in folder.iterdir()) == ["verwijskaart-tiel-oost.docx", "zakkaart-tiel-oost.docx"]
    assert [w.status for w in tiel_cards.files] == ["nieuw", "nieuw"]


def test_a4_card_reads_as_the_workbooks_flow_with_local_data(tiel_cards, course):
    path = tiel_cards.folder / "verwijskaart-tiel-oost.docx"
    lines = body_lines(path)
    text = "\n".join(lines)
    labels = CardLabels.from_instrument(course.instruments["11.5"])
    assert lines[0] == "Verwijskaart Tiel-Oost"
    order = [
        text.index(s)
        for s in (
            labels.steps,
            SECTION["stappen"][0],
            SECTION["stappen"][1],
            labels.options,
            SECTION["opties"][0],
            labels.contact,
            NAME,
            "Jan de Vries",
        )
    ]
    assert order == sorted(order)
    assert f"{NAME} " not in lines  # the name exactly, in its own paragraph
    assert NAME in lines and "Stichting <Samen>" in lines and "Zorgen over een buurman" in lines
    for line in (
        "Tel: 0344-123456",
        "E-mail: brug@zorg.example",
        "Facebook: facebook.com/debrug",
        "Bereikbaar van 09:00 tot 17:30, maandag t/m vrijdag",
        "Tel: 06-12345678",
        "Instagram: @jandevries",
        "Bereikbaar: maandag, woensdag en vrijdag",
    ):
        assert line in lines
    header, footer = header_footer(path)
    assert header == f"{NAME} \u00b7 Tiel-Oost"
    assert "Verwijskaart Tiel-Oost (werkboek \u00a711.5)" in footer and "Alles uit deze uitgave mag" in footer
    assert _paper(Document(path)) == (21.0, 29.7)


def test_pocket_sheet_is_four_a6_cards_with_cut_lines(tiel_cards):
    path = tiel_cards.folder / "zakkaart-tiel-oost.docx"
    doc = Document(path)
    assert _paper(doc) == (21.0, 29.7)
    assert tiel_cards.pocket_sizes == {"Tiel-Oost": "A6"}
    (grid,) = doc.tables
    assert len(grid.rows) == 2 and len(grid.columns) == 2
    widths = [int(c.get(qn("w:w"))) for c in grid._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths == [round(10.0 * TWIPS_PER_CM)] * 2
    for row in grid._tbl.findall(qn("w:tr")):
        height = row.find(qn("w:trPr")).find(qn("w:trHeight"))
        assert height.get(qn("w:hRule")) == "exact" and int(height.get(qn("w:val"))) == round(13.7 * TWIPS_PER_CM)
    borders = grid._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"dashed"}
    # Cards plus margins fit on the page, so no card runs onto a second sheet.
    assert 2 * 13.7 + 0.6 + 1.5 < 29.7 and 2 * 10.0 + 2 * 0.5 <= 21.0
    text = "\n".join(body_lines(path))
    assert text.count("Verwijskaart Tiel-Oost") == 4 and text.count(f"{NAME} \u2013 Stichting <Samen>") == 4
    assert text.count("Bereikbaar van 09:00 tot 17:30, ma t/m vr") == 4
    _, footer = header_footer(path)
    assert "knip langs de stippellijnen" in footer and "Alles uit deze uitgave mag" in footer


def test_card_without_local_data_has_room_to_write(write_config, tmp_path, course):
    result = make_cards(write_config(), tmp_path)
    assert result.notes[0] == "Het trainingsbestand heeft geen verwijskaart-gedeelte: de kaart heeft invulruimte."
    doc = Document(result.folder / "verwijskaart-tiel.docx")
    body = doc.element.body
    kinds = [sdt.find(qn("w:sdtPr")) for sdt in body.iter(qn("w:sdt"))]
    assert all(control_kind(props) == "tekst" for props in kinds)
    assert len(kinds) == 2 + 2 * 7  # a box for steps and options; two sets of contact fields
    lines = body_lines(result.folder / "verwijskaart-tiel.docx")
    labels = CardLabels.from_instrument(course.instruments["11.5"])
    for label in (labels.steps, labels.options, labels.contact):
        assert label in lines
    assert any(line.startswith("Tel: \u2026") for line in lines)
    pocket = Document(result.folder / "zakkaart-tiel.docx").element.body
    ids = [e.get(qn("w:val")) for e in pocket.iter(qn("w:id")) if e.getparent().tag == qn("w:sdtPr")]
    assert len(ids) == 4 * (2 + 7) and len(set(ids)) == len(ids)  # every copy's controls have their own ids


def test_too_much_for_a6_becomes_a5_two_per_sheet(course):
    run = prepare(course, CardLabels.from_instrument(course.instruments["11.5"]), "")
    many = tuple(
        Contact(
            f"Contactpersoon {i}",
            "Stichting Welzijn en Zorg",
            "Vragen over eenzaamheid",
            "0344-123456",
            f"persoon{i}@welzijn.example",
            van=time(9),
            tot=time(17),
            dagen=(0, 1),
        )
        for i in range(6)
    )
    pocket = cards.pocket_cards(cards.Frame(run.frame, run.text), Place("Buren", ("Bel.",), ("Ga.",), many))
    assert (pocket.size, pocket.fits) == ("A5", True)
    doc = Document(io.BytesIO(pocket.docx))
    assert _paper(doc) == (29.7, 21.0)
    assert len(doc.tables[0].rows) == 1 and len(doc.tables[0].columns) == 2


def test_no_pocket_card_when_not_even_a5_holds_it_and_what_is_longest_is_named(write_config, tmp_path, run):
    long = "Vragen over eenzaamheid, mantelzorg, schulden en wonen " * 12
    section = {
        "stappen": ["Bel."],
        "contacten": [
            {"naam": f"Contactpersoon {i}", "telefoon": "0344-123456", "waarvoor": long[: 300 + i]} for i in range(30)
        ],
    }
    code, out, err = run("verwijskaart", str(write_config({"verwijskaart": section})), "--out", str(tmp_path))
    assert code == 0, err
    folder = tmp_path / "welzijn-rivierenland" / "verwijskaarten"
    assert sorted(p.name for p in folder.iterdir()) == ["verwijskaart-tiel.docx"]
    assert (
        "Geen zakkaart voor Tiel: de tekst past niet op een kaart van A5, ook niet in de kleinste letter. Het "
        "meeste ruimte nemen contact 'Contactpersoon 29' (waarvoor, 329 tekens), contact 'Contactpersoon 28' "
        "(waarvoor, 328 tekens) en contact 'Contactpersoon 27' (waarvoor, 327 tekens). Maak die korter of "
        "verdeel de contacten over wijken; de A4-kaart heeft alles."
    ) in out
    assert "Zakkaarten:" not in out
    assert sum("Contactpersoon 29" in line for line in body_lines(folder / "verwijskaart-tiel.docx")) == 1


def test_places_whose_names_make_the_same_file_name_do_not_overwrite():
    places = [Place("Tiel"), Place("Tiël"), Place("TIEL"), Place("Den Bosch"), Place("Den-Bosch"), Place("Con")]
    assert file_names(places) == ["tiel", "tiel-2", "tiel-3", "den-bosch", "den-bosch-2", "con-plaats"]


def test_rebuilding_keeps_a_card_the_coordinator_edited(write_config, tmp_path):
    config = write_config({"verwijskaart": SECTION})
    first = make_cards(config, tmp_path)
    card = first.folder / "verwijskaart-tiel-oost.docx"
    card.write_bytes(card.read_bytes() + b"\0")
    second = make_cards(config, tmp_path)
    statuses = {w.path.name: w.status for w in second.files}
    assert statuses["verwijskaart-tiel-oost.docx"] == "behouden"
    assert statuses["zakkaart-tiel-oost.docx"] == "ongewijzigd"  # the same card is the same bytes
    third = make_cards(config, tmp_path, force=True)
    assert {w.path.name: w.status for w in third.files}["verwijskaart-tiel-oost.docx"] == "overschreven"


def test_two_processes_make_the_same_cards_as_one(course):
    run = prepare(course, CardLabels.from_instrument(course.instruments["11.5"]), "Org")
    places = [Place(f"Wijk {i}", ("Bel.",), (), (Contact(f"Team {i}", telefoon="0344-123456"),)) for i in range(9)]
    seen = []
    one = render_all(run, places, workers=1)
    two = render_all(run, places, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert [_xml(a) for a, _ in one] == [_xml(a) for a, _ in two]
    assert [_xml(p.docx) for _, p in one] == [_xml(p.docx) for _, p in two]
    assert seen[-1] == (9, 9) and [d for d, _ in seen] == sorted(d for d, _ in seen)


def _paper(doc) -> tuple[float, float]:
    section = doc.sections[0]
    return round(section.page_width / Cm(1), 1), round(section.page_height / Cm(1), 1)


def _xml(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return package.read("word/document.xml")


def test_the_a4_card_of_a_place_is_set_large_to_be_read_at_a_glance(course):
    """The example's place (three steps, three options, two contacts) fills its page in a large letter: the
    steps at 14 pt or more, the contacts at 12 pt or more, not 11-12 pt with a third of the page empty."""
    from desi_pack.training.config import load_training
    from desi_pack.verwijskaart.verwijskaart import INSTRUMENT

    place = place_from_training(load_training(None))
    labels = CardLabels.from_instrument(course.instruments[INSTRUMENT])
    text = cards.CardText(
        labels=labels,
        organisation="Welzijn Rivierenland",
        paragraph=INSTRUMENT,
        source_line="",
        signals="Signaleringskaart (werkboek \u00a75.3)",
        attribution="",
    )
    plan = cards.a4_plan(place, text)
    assert plan.text_size >= 14 and plan.contact_size >= 12
    assert plan.height_cm <= plan.room_cm
