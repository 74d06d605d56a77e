"""Worksheets, posters and what each meeting hands out: re-opened and read back."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm

from desi_pack import build, dutch, load_training
from desi_pack.pack.documents import meeting_handouts, poster_filename, worksheet_filename
from desi_pack.pack.instruments import subtitle
from desi_pack.pack.posters import TEXT_PT
from tests.docx_text import body_lines, table_rows
from tests.pack.test_instruments import _all_text, _controls

WORKSHEETS = {1: ["3.5"], 2: ["6.1"], 3: ["6.6", "7.1", "6.7"], 4: ["8.4"], 5: []}
POSTER_SHEETS = {2: [("6.1", 0)], 5: [("11.2", 0), ("11.2", 1), ("11.2", 2)]}


def _worksheet(root, course, number, key):
    return Document(root / f"bijeenkomst-{number}" / "uitdelen" / worksheet_filename(course, key))


def _poster(root, course, number, key, sheet):
    return Document(root / f"bijeenkomst-{number}" / "posters" / poster_filename(course, key, sheet))


def _line_tables(doc) -> list:
    """The tables of writing lines: every row a dotted line (the first the placeholder of its field)."""

    def text(row) -> set[str]:
        return set("".join(t.text or "" for t in row._tr.iter(qn("w:t"))))

    return [t for t in doc.tables if all(text(row) == {"\u2026"} for row in t.rows)]


def _same(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_each_meeting_hands_out_the_worksheets_of_its_assignments(example_pack, course, number):
    folder = example_pack / f"bijeenkomst-{number}" / "uitdelen"
    found = sorted(p.name for p in folder.iterdir() if p.name.startswith("werkblad-"))
    assert found == sorted(worksheet_filename(course, key) for key in WORKSHEETS[number])


@pytest.mark.parametrize("number,key", [(n, k) for n, keys in WORKSHEETS.items() for k in keys])
def test_worksheet_has_every_question_verbatim_with_a_field_and_lines(example_pack, course, number, key):
    exercise = course.exercises[key]
    doc = _worksheet(example_pack, course, number, key)
    text = _same(_all_text(doc))
    for part in [
        subtitle(exercise.titel),
        *exercise.instructie,
        *exercise.afsluiting,
        *(q.vraag for q in exercise.vragen),
    ]:
        assert _same(part) in text
    writing = [q for q in exercise.vragen if q.regels != 0]
    assert _controls(doc) == {"tekst": len(writing)}
    line_tables = _line_tables(doc)
    assert len(line_tables) == len(writing)
    for table, question in zip(line_tables, writing):
        assert len(table.rows) >= max(question.regels or 0, 5)  # the workbook's dots, at least five
        assert all(row.height >= Cm(0.85) for row in table.rows)


def test_a_step_without_writing_room_gets_no_lines(example_pack, course):
    doc = _worksheet(example_pack, course, 3, "6.7")
    line_tables = _line_tables(doc)
    assert [len(t.rows) for t in line_tables] == [5, 12]


@pytest.mark.parametrize("number,key,sheet", [(n, k, s) for n, items in POSTER_SHEETS.items() for k, s in items])
def test_poster_is_a3_landscape_with_its_questions_and_room_for_notes(example_pack, course, number, key, sheet):
    doc = _poster(example_pack, course, number, key, sheet)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (42.0, 29.7)
    item = course.posters[key].vellen[sheet]
    text = _same(_all_text(doc))
    for part in [dutch.capital(item.titel), *(f"{lv.kop}: {lv.tekst}" for lv in item.niveaus), *item.vakken]:
        assert _same(part) in text
    (board,) = doc.tables
    assert [c.text for c in board.rows[0].cells] == item.vakken
    assert board.rows[1].height >= Cm(10)  # room for the sticky notes
    assert all(c.text == "" for c in board.rows[1].cells)


def test_meeting_5_has_the_three_big_sheets_of_the_manual(course):
    titles = [h.text for h in meeting_handouts(course, course.meeting(5)) if h.kind == "poster"]
    assert titles == [
        "Poster 11.2 (1) Elkaar kennen",
        "Poster 11.2 (2) Naar elkaar verwijzen",
        "Poster 11.2 (3/4) Partnerschap en community",
    ]


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_draaiboek_names_every_handout_and_poster_once(example_pack, course, number):
    """The materials table names each form, worksheet and poster once; no second list repeats them."""
    draaiboek = example_pack / f"bijeenkomst-{number}" / f"draaiboek-bijeenkomst-{number}.docx"
    table = [row[1] for row in table_rows(draaiboek, 2)]
    lines = body_lines(draaiboek)
    for handout in meeting_handouts(course, course.meeting(number)):
        named = [what for what in table if what == handout.text or what.startswith(f"{handout.text} (")]
        assert len(named) == 1, (handout.text, named)
        assert not [line for line in lines if line.startswith(f"\u2610 {handout.text}")], handout.text
        assert (example_pack / f"bijeenkomst-{number}" / handout.path).is_file()
    posters = "; een poster drukt u af op A3 of groter" if number in (2, 5) else ""
    assert (
        f"Wat u uitdeelt en ophangt, staat in \u2018Printen voor bijeenkomst {number}\u2019, in de volgorde van "
        f"de agenda{posters}." in lines
    )


def test_draaiboek_says_where_what_is_not_printed_comes_from(example_pack):
    path = example_pack / "bijeenkomst-1" / "draaiboek-bijeenkomst-1.docx"
    assert "Print van werkboek (bestellen of downloaden via www.movisie.nl of www.wmowerkplaatsen.nl)" in body_lines(
        path
    )
    headings = [p.text for p in Document(path).paragraphs if p.style.name.startswith("Heading")]
    assert "Uitdelen" not in headings and "Posters (A3, ophangen)" not in headings


def test_homework_links_its_worksheet_and_is_fillable(example_pack):
    path = example_pack / "bijeenkomst-3" / "huiswerk-voor-bijeenkomst-4.docx"
    lines = body_lines(path)
    assert (
        "Bij dit blad krijgt u het werkblad 6.7 Het gesprek aangaan, de informatiekaart 6.9 Tips bespreekbaar "
        "maken eenzaamheid en sociaal isolement, het invulformulier 6.10 Reflector 'Voel ik me eenzaam?', het "
        "invulformulier 7.5 Reflector Bekend Besluiten Bereiken en de informatiekaart 7.6 Voorbeeldvragen."
    ) in lines
    doc = Document(path)
    questions = [p for p in doc.paragraphs if p.style.style_id == "Vraag"]
    # One field for the name, one on the first line under every question or notes heading.
    assert _controls(doc) == {"tekst": 1 + len(questions)}


def test_signaleringskaart_says_where_to_report_when_the_training_says(write_config, tmp_path, course):
    with_point = build(
        load_training(write_config({"meldpunt": "Meldpunt Tiel & Zorg\nTel. 0344 123 456"})),
        tmp_path / "a",
        only_instruments=True,
    ).root
    text = _all_text(Document(with_point / "instrumenten" / "5.3-signaleringskaart.docx"))
    assert "Signalen melden in Tiel\nMeldpunt Tiel & Zorg\nTel. 0344 123 456" in text
    without = build(load_training(write_config()), tmp_path / "b", only_instruments=True).root
    assert "Signalen melden" not in _all_text(Document(without / "instrumenten" / "5.3-signaleringskaart.docx"))


def test_what_a_participant_gets_names_no_file_folder_or_extension_and_no_third_person(example_pack):
    """Sheets a participant holds speak to the participant: no paths, no '.docx', no 'de deelnemers'."""
    import re

    sheets = [
        *example_pack.glob("bijeenkomst-*/huiswerk-*.docx"),
        *example_pack.glob("bijeenkomst-*/uitdelen/*.docx"),
        *example_pack.glob("bijeenkomst-*/posters/*.docx"),
    ]
    assert len(sheets) > 20
    for path in sheets:
        text = re.sub(r"https?://\S+", "", "\n".join(body_lines(path)))  # a source's address may end in .pdf
        assert not re.search(r"\.(docx|xlsx|pdf)\b|uitdelen/|instrumenten/|posters/", text), path.name
        assert "de deelnemers" not in text.lower() or path.parent.name == "posters", path.name


def test_posters_are_readable_from_three_metres(example_pack):
    """Level texts at least 20 pt, titles starting with a capital."""
    for path in example_pack.glob("bijeenkomst-*/posters/*.docx"):
        doc = Document(path)
        paragraphs = [*doc.paragraphs, *(p for t in doc.tables for c in t._cells for p in c.paragraphs)]
        sizes = [
            run.font.size.pt
            for p in paragraphs
            for run in p.runs
            if run.font.size and p.style.style_id not in ("Title", "Subtitle") and run.text.strip()
        ]
        assert sizes and min(sizes) >= TEXT_PT >= 20, path.name
        title = next(p.text for p in doc.paragraphs if p.style.style_id == "Title")
        assert next(c for c in title if c.isalpha()).isupper(), title
