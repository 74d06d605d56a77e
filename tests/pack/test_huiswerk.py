"""The homework sheets: due date, assignments and the questions with room to write."""

from __future__ import annotations

from docx import Document

from tests.docx_text import body_lines, table_rows


def _sheet(root, number):
    return root / f"bijeenkomst-{number}" / f"huiswerk-voor-bijeenkomst-{number + 1}.docx"


def test_one_sheet_for_each_meeting_but_the_last(example_pack):
    assert [_sheet(example_pack, n).exists() for n in range(1, 6)] == [True] * 4 + [False]


def test_due_date_is_the_next_meeting(example_pack):
    info = table_rows(_sheet(example_pack, 3), 0)
    assert info[1] == ["Klaar vóór", "dinsdag 20 april 2027"]
    assert info[2] == ["Bijeenkomst 4", "13:30, Buurthuis De Schakel, Tiel"]
    assert table_rows(_sheet(example_pack, 1), 0)[1] == ["Klaar vóór", "dinsdag 16 februari 2027"]
    assert table_rows(_sheet(example_pack, 1), 0)[2] == ["Bijeenkomst 2", "13:30, Bibliotheek Tiel"]


def test_assignments_and_questions(example_pack):
    lines = body_lines(_sheet(example_pack, 2))
    assert lines[0] == "Opdrachten voor bijeenkomst 3"
    for expected in [
        "Leesopdracht",
        "Lees het werkboek t/m \u00a76.7.",
        "5.2 Praktijkopdracht: Signaleren",
        "Welke signalen vielen u op bij een persoon die u (onlangs) heeft ondersteund?",
        "Wat heeft u vervolgens gedaan?",
        "Bij welke mensen die u ondersteunt, heeft u een vermoeden dat ze eenzaam of sociaal geïsoleerd zijn?",
    ]:
        assert expected in lines
    three = body_lines(_sheet(example_pack, 3))
    assert "Hoe verliep het gesprek?" in three
    assert "8.4 Praktijkopdracht: Persoonlijke netwerkkaart" in three
    assert "Werkboek: \u00a76.7, \u00a76.9, \u00a76.10, \u00a77.3, \u00a77.5, \u00a77.6" in three


def test_every_question_has_writing_lines(example_pack):
    doc = Document(_sheet(example_pack, 4))
    # table 0 is the header; each question (or note block) is followed by a table of lines.
    line_tables = doc.tables[1:]
    questions = [p for p in doc.paragraphs if p.style.name in ("Vraag",)]
    assert len(line_tables) == len(questions) == 1 + 3 + 5 + 1  # notes, 9.2, 10.1, 10.3
    for table, question in zip(line_tables, questions):
        # Notes on reading get three lines; a question five.
        assert len(table.rows) >= (3 if question.text == "Aantekeningen" else 5)
        for row in table.rows:
            height = row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}trHeight")
            assert (
                height is not None
                and int(height.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")) >= 450
            )  # 0.8 cm


def test_the_name_is_one_dotted_line(example_pack, second_pack):
    """Naam: the field's dotted line and nothing under it (a border there read as a stray second line)."""
    from docx.oxml.ns import qn

    for root in (example_pack, second_pack):
        for number in range(1, 5):
            row = Document(_sheet(root, number)).tables[0].rows[0]
            assert row.cells[0].text == "Naam"
            cell = row.cells[1]._tc
            assert cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}") is None
            shown = "".join(t.text or "" for t in cell.iter(qn("w:t")))
            assert set(shown) == {"\u2026"} and len(cell.findall(f".//{qn('w:sdt')}")) == 1


def test_the_writing_lines_are_planned_for_the_page(example_pack, second_pack):
    """Meeting 2's homework keeps to one sheet, with a logo in its header too: four lines a question."""
    from desi_pack.pack.documents import FEWEST_LINES

    for root in (example_pack, second_pack):
        doc = Document(_sheet(root, 2))
        lines = [len(t.rows) for t in doc.tables[1:]]
        assert lines and all(n >= FEWEST_LINES - 1 for n in lines)
        assert lines[1:] == [4, 4, 4]


def test_no_plan_leaves_a_question_alone_on_its_page():
    """However many questions, with or without a logo: the last page holds two questions at least, or
    the sheet is one page (as estimated; the LibreOffice tests check the real pages)."""
    from desi_pack.pack.documents import MOST_LINES, _pages, plan_lines

    for logo in (False, True):
        for count in range(1, 16):
            questions = [{"tekst": f"Vraag {n} over wat u heeft gezien en gedaan?", "regels": 5} for n in range(count)]
            context = {
                "kop": "Opdrachten voor bijeenkomst 3",
                "training": "Doorbreek Eenzaamheid – Welzijn",
                "opdrachten": [
                    {
                        "kop": "5.2 Praktijkopdracht: Signaleren",
                        "tekst": ["Lees §5.2."],
                        "instructie": [],
                        "werkboek": "§5.2",
                        "formulieren": "",
                        "vragen": questions,
                        "regels": 3,
                    }
                ],
            }
            plan_lines(context, logo)
            pages = _pages(context, logo)
            assert len(pages) == 1 or len(pages[-1]) >= 2, (logo, count, pages)
            assert all(3 <= q["regels"] <= MOST_LINES for q in questions)


def test_a_template_of_before_with_lines_under_the_name_and_answers_gets_no_second_line(tmp_path):
    """A trainer's copy of an older huiswerk.docx drew the Naam line and the writing lines as dotted
    borders: where a field's dots are the line, the border goes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from desi_pack import build, load_training
    from desi_pack.resources import templates_dir

    own = tmp_path / "eigen"
    own.mkdir()
    doc = Document(templates_dir() / "huiswerk.docx")
    for table in doc.tables:
        for row in table.rows:
            tcpr = row.cells[-1]._tc.get_or_add_tcPr()
            borders = OxmlElement("w:tcBorders")
            bottom = OxmlElement("w:bottom")
            bottom.set(qn("w:val"), "dotted")
            borders.append(bottom)
            tcpr.append(borders)
    doc.save(own / "huiswerk.docx")
    root = build(load_training(None), tmp_path / "uit", [2], templates_dir=own).root
    sheet = Document(_sheet(root, 2))
    for table in sheet.tables:
        for row in table.rows:
            cell = row.cells[-1]._tc
            if cell.find(f".//{qn('w:sdt')}") is not None:
                assert cell.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}") is None


def test_the_forms_of_an_open_choice_come_as_the_one_or_the_other(example_pack, second_pack):
    """Meeting 3 leaves the group 8.2 (with form 8.5) or 8.3 (with 8.6): the homework sheet says which form
    goes with which exercise, not that both come with it; with the choice made (8.3), only 8.6."""
    example = [line for line in body_lines(_sheet(example_pack, 3)) if line.startswith("Bij dit blad")]
    assert example[-1] == (
        "Bij dit blad krijgt u het invulformulier 8.5 Mijn talenten en wensen (bij oefening 8.2) "
        "of het invulformulier 8.6 Interesses en waarden (bij oefening 8.3): het formulier bij de "
        "oefening die de groep deed."
    )
    second = [line for line in body_lines(_sheet(second_pack, 3)) if line.startswith("Bij dit blad")]
    assert second[-1] == "Bij dit blad krijgt u het invulformulier 8.6 Interesses en waarden."
