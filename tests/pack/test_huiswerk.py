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
        "Leesopdracht", "Lees het werkboek t/m \u00a76.7.",
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
            assert height is not None and int(height.get(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")) >= 450  # 0.8 cm
