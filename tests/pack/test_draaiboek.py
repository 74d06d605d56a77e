"""The draaiboek re-opened: header, agenda against the data, totals, materials, footer."""

from __future__ import annotations

import pytest
from docx import Document

from desi_pack import build, load_training
from desi_pack.pack.documents import duration_text, workbook_refs
from tests.docx_text import body_lines, header_footer, table_rows


def _draaiboek(root, number):
    return root / f"bijeenkomst-{number}" / f"draaiboek-bijeenkomst-{number}.docx"


def test_header_information(example_pack):
    info = table_rows(_draaiboek(example_pack, 2), 0)
    assert info == [
        ["Datum", "dinsdag 16 februari 2027"],
        ["Tijd", "13:30 \u2013 16:30"],  # the one end time: the planned one, with 10 minutes to spare
        ["Locatie", "Bibliotheek Tiel"],
        ["Trainers", "Anna de Vries en Mohamed El Amrani"],
        ["Deelnemers", "12"],
        ["Organisatie", "Welzijn Rivierenland, Tiel"],
    ]
    lines = body_lines(_draaiboek(example_pack, 2))
    assert lines[0] == "Draaiboek bijeenkomst 2"
    assert lines[1].startswith("Het signaleren, herkennen en bespreekbaar maken")


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_agenda_table_matches_the_data(example_pack, course, number):
    rows = table_rows(_draaiboek(example_pack, number), 1)
    assert rows[0] == ["Van\u2013tot", "Wat", "Tijd", "Bijzonderheden", "\u00a7"]
    agenda = course.meeting(number).agenda
    assert len(rows) - 1 == len(agenda)
    for cells, row in zip(rows[1:], agenda):
        assert cells[1] == row.wat
        assert cells[2] == (duration_text(row) if row.duur is not None else "")
        assert cells[4] == workbook_refs(row.werkboek).replace("\u00a0", " ")
        for note in row.bijzonderheden:
            assert note.removeprefix("- ") in cells[3]


def test_clock_times_in_the_agenda(example_pack):
    rows = table_rows(_draaiboek(example_pack, 1), 1)[1:]
    assert [r[0] for r in rows] == [
        "13:30\u201313:40",
        "13:40\u201313:45",
        "13:45\u201314:05",
        "14:05\u201314:25",
        "14:25\u201314:35",
        "14:35\u201314:50",
        "14:50\u201315:00\n15:00\u201315:15",
        "15:15\u201315:25",
        "15:25\u201315:35",
        "15:35\u201316:25",
        "16:25\u201316:30",
    ]
    assert rows[6][2] == "10 + 15 min"


def test_totals_and_one_calm_line_about_time_to_spare(example_pack):
    """The total names the meeting's one end time; time to spare is one calm line, never a 'Let op'."""
    one = body_lines(_draaiboek(example_pack, 1))
    assert "Totaal: 3 uur, van 13:30 tot 16:30." in one
    two = body_lines(_draaiboek(example_pack, 2))
    assert "Totaal: 2 uur 50 min; de bijeenkomst duurt tot 16:30, u houdt 10 minuten over." in two
    three = body_lines(_draaiboek(example_pack, 3))
    assert "Totaal: 3 uur 5 min, van 13:30 tot 16:35." in three
    for lines in (one, two, three):
        assert not [line for line in lines if line.startswith("Let op")]


def test_range_and_choice_are_explained(example_pack):
    four = body_lines(_draaiboek(example_pack, 4))
    assert (
        "Afsluiting: de handleiding noemt 5\u201310 min; gepland is 10 min (de bovengrens), "
        "zodat de bijeenkomst niet uitloopt."
    ) in four
    three = "\n".join(body_lines(_draaiboek(example_pack, 3)))
    assert "U kiest zelf welke oefening de groep doet: 8.2 Praktijkopdracht: Talenten en wensen" in three


def test_materials_with_print_counts(example_pack):
    rows = table_rows(_draaiboek(example_pack, 2), 2)
    # Everything that is printed is on the list: the forms and sheets the agenda uses, the posters.
    assert rows == [
        ["", "Wat", "Meenemen / uitdelen", "Aantal"],
        ["\u2610", "Zelfklevende memo's, grote vellen en tape", "Meenemen", "voor de groep"],
        # What is printed, in the agenda's order, as the print file's cover lists it.
        [
            "\u2610",
            "5.3 Signaleringskaart (bij 5.1 Trainingsopdracht: Signaleren van eenzaamheid en sociaal isolement)",
            "Uitdelen",
            "14",
        ],
        ["\u2610", "Werkblad 6.1 Iedereen heeft vooroordelen (bij opdracht 6.1)", "Uitdelen", "14"],
        ["\u2610", "Poster 6.1 Iedereen heeft vooroordelen (bij opdracht 6.1)", "Ophangen", "1 (A3)"],
        ["\u2610", "6.8 Reflector vooroordelen over eenzaamheid", "Uitdelen", "14"],
        ["\u2610", "Opdracht voor bijeenkomst 3", "Uitdelen", "14"],
    ]
    # The manual's three big sheets of meeting 5 are the three A3 posters: listed once, as posters.
    five = [row[1] for row in table_rows(_draaiboek(example_pack, 5), 2)]
    assert not [what for what in five if what.startswith("Drie grote vellen")]
    assert len([what for what in five if what.startswith("Poster 11.2")]) == 3


def test_handouts_and_homework_summary(example_pack):
    lines = body_lines(_draaiboek(example_pack, 2))
    assert "Mee te geven aan het eind van deze bijeenkomst; klaar vóór dinsdag 16 maart 2027 (bijeenkomst 3)." in lines
    assert "\u2022 Leesopdracht: Lees het werkboek t/m \u00a76.7." in lines
    five = body_lines(_draaiboek(example_pack, 5))
    assert not [line for line in five if line.startswith("Mee te geven")]


def test_header_and_footer_carry_organisation_and_attribution(example_pack):
    header, footer = header_footer(_draaiboek(example_pack, 1))
    assert header == "Welzijn Rivierenland \u00b7 Tiel"
    assert footer.startswith("Draaiboek bijeenkomst 1 \u00b7 Welzijn Rivierenland \u00b7 pagina")
    assert (
        "Bron: Heessels e.a. (2015). Eenzaam ben je niet alleen. Movisie / Wmo-werkplaatsen. "
        "Alles uit deze uitgave mag, mits met bronvermelding, worden vermenigvuldigd en "
        "openbaar gemaakt."
    ) in footer


def test_page_is_a4_portrait(example_pack):
    section = Document(_draaiboek(example_pack, 1)).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_names_with_special_characters_come_out_exactly(write_config, tmp_path):
    odd = "Zorg & Welzijn <Oost> \u201cDe Brug\u201d 'Ré' \U0001f91d"
    path = write_config({"organisatie": odd, "trainers": ['Ëlla "El" <Amrani>'], "locatie": "Café & Co"})
    root = build(load_training(path), tmp_path / "out", [1]).root
    info = table_rows(_draaiboek(root, 1), 0)
    assert info[2] == ["Locatie", "Café & Co"]
    assert info[3] == ["Trainers", 'Ëlla "El" <Amrani>']
    assert info[5] == ["Organisatie", f"{odd}, Tiel"]
    assert header_footer(_draaiboek(root, 1))[0] == f"{odd} \u00b7 Tiel"
    assert root.name == "zorg-welzijn-oost-de-brug-re"


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_one_list_of_what_is_printed_in_draaiboek_excel_and_print_file(example_pack, number):
    """The draaiboek's materials table and the Excel Materialen sheet list the same items with the
    same counts, and every part of the print file is on that list with its number of copies."""
    from openpyxl import load_workbook

    folder = example_pack / f"bijeenkomst-{number}"
    table = [tuple(row[1:]) for row in table_rows(folder / f"draaiboek-bijeenkomst-{number}.docx", 2)[1:]]
    sheet = load_workbook(folder / f"agenda-bijeenkomst-{number}.xlsx")["Materialen"]
    group = sheet["B1"].value + sheet["B2"].value

    def count(value) -> str:  # '=$B$1+$B$2' is one each and the spares; '=2*(…)' twice that
        if not str(value).startswith("="):
            return str(value)
        return str(2 * group if str(value).startswith("=2*") else group)

    excel = [
        (sheet.cell(r, 2).value, sheet.cell(r, 3).value, count(sheet.cell(r, 4).value))
        for r in range(5, sheet.max_row + 1)
        if sheet.cell(r, 2).value
    ]
    assert excel == table
    cover = table_rows(folder / f"printen-bijeenkomst-{number}.docx", 0)[1:]
    for row in cover[1:]:  # the draaiboek itself is for the trainers
        title, copies = row[1], row[3].split("\u00d7")[0]
        match = [t for t in table if t[0].startswith(title)]
        assert match, (number, title)
        assert match[0][2].split(" ")[0] == copies, (number, title)


def _may_split(path) -> dict[str, bool]:
    """Per agenda row (its 'Wat'): whether it may split over two pages (no w:cantSplit, as Word writes it)."""
    from docx.oxml.ns import qn

    table = Document(path).tables[1]
    return {row.cells[1].text: row._tr.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is None for row in table.rows[1:]}


def test_a_tall_row_at_the_end_of_a_page_is_cut_between_paragraphs(
    example_pack, second_pack, second_training, tmp_path
):
    """No row splits by itself (LibreOffice 25.2 splits one inside a sentence); a tall row where a page ends
    is cut in two rows between its paragraphs when both parts are more than a few lines (meeting 4 of the
    second training, with a logo, in 4 hours 10), and else moves whole (the example's)."""
    tall = "10.2 Trainingsopdracht: Reflecteren op eigen ondersteuning"
    longer = tmp_path / "training.yaml"
    longer.write_text(second_training.read_text(encoding="utf-8").replace("duur: 240", "duur: 250"), encoding="utf-8")
    (tmp_path / "logo.png").write_bytes((second_training.parent / "logo.png").read_bytes())
    rows = table_rows(_draaiboek(build(load_training(longer), tmp_path / "out", [4]).root, 4), 1)
    whats = [row[1] for row in rows]
    cut = whats.index(tall)
    assert whats[cut + 1] == f"{tall} (vervolg)"
    first, rest = rows[cut], rows[cut + 1]
    assert rest[0] == rest[2] == rest[4] == "" and first[4] == "10.2"
    assert "Deze vragen richten zich" in rest[3] and "Deze vragen richten zich" not in first[3]
    for number in range(1, 7):
        assert not any(_may_split(_draaiboek(second_pack, number)).values())
    for number in range(1, 6):
        rows = _may_split(_draaiboek(example_pack, number))
        assert not any(rows.values()) and not any(what.endswith("(vervolg)") for what in rows)


def test_the_town_is_not_repeated_where_the_organisations_name_holds_it(second_pack, example_pack):
    """'Welzijn Zutphen' in Zutphen: headers and the draaiboek's Organisatie line say it once; 'Welzijn
    Rivierenland' in Tiel keeps its town (issue 26)."""
    from openpyxl import load_workbook

    for root, header, line in (
        (second_pack, "Welzijn Zutphen", "Welzijn Zutphen"),
        (example_pack, "Welzijn Rivierenland \u00b7 Tiel", "Welzijn Rivierenland, Tiel"),
    ):
        for path in [
            root / "bijeenkomst-2" / "draaiboek-bijeenkomst-2.docx",
            root / "bijeenkomst-2" / "huiswerk-voor-bijeenkomst-3.docx",
            *sorted((root / "bijeenkomst-2" / "uitdelen").glob("*.docx"))[:1],
        ]:
            doc = Document(path)
            assert doc.sections[0].header.paragraphs[0].text.strip() == header, path.name
        rows = Document(root / "bijeenkomst-2" / "draaiboek-bijeenkomst-2.docx").tables[0].rows
        assert [c.text for c in rows[-1].cells] == ["Organisatie", line]
        sheet = load_workbook(root / "overzicht-training.xlsx")["Bijeenkomsten"]
        assert sheet["A1"].value == f"{line}: overzicht van de training"


def test_how_to_print_a_poster_is_said_only_where_the_meeting_has_posters(example_pack):
    """Meeting 3 hangs up nothing: its draaiboek says nothing of A3; meeting 5 prints its posters on A3."""
    three, five = (" ".join(body_lines(_draaiboek(example_pack, n))) for n in (3, 5))
    assert "A3" not in three
    assert "een poster drukt u af op A3 of groter" in five


def test_the_chosen_exercise_is_in_the_draaiboeks_subtitle(second_pack, example_pack):
    """Meeting 3 of the second training does 8.3: its subtitle says so; the example leaves the choice open."""
    chosen = Document(second_pack / "bijeenkomst-3" / "draaiboek-bijeenkomst-3.docx").paragraphs[1].text
    assert chosen.endswith("Gekozen oefening: 8.3 Praktijkopdracht: Interesses en waarden.")
    assert "Gekozen" not in Document(example_pack / "bijeenkomst-3" / "draaiboek-bijeenkomst-3.docx").paragraphs[1].text


def test_the_manuals_big_sheets_are_named_as_the_posters_printed_for_them(example_pack):
    """Meeting 5's 'Hang in drie hoeken een groot vel' beside the three A3 posters made for it: the draaiboek
    says once that the sheets are those posters (issue 26)."""
    lines = body_lines(_draaiboek(example_pack, 5))
    assert (
        "De grote vellen van de handleiding zijn de drie posters 11.2 in het printbestand (A3): hang die op." in lines
    )
    assert not [line for line in body_lines(_draaiboek(example_pack, 2)) if "grote vellen van de" in line]
