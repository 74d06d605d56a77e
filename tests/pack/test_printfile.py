"""The print file of a meeting: every hand-out in agenda order, each on its own paper, with a cover."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image

from desi_pack import build, load_training
from desi_pack.course.adapt import adapt
from desi_pack.course.schedule import schedules
from desi_pack.pack import documents
from desi_pack.pack.printfile import BOOKMARK, PAGES_LATER, UNKNOWN_PAGE, contents, set_page_numbers
from desi_pack.resources import templates_dir

MEETINGS = range(1, 6)


def print_file(root, number):
    return Document(root / f"bijeenkomst-{number}" / f"printen-bijeenkomst-{number}.docx")


def items(course, number, root=None, training=None):
    training = training or load_training(None)
    course = adapt(course, training)  # as the pack has it: the example's own verwijskaart at meeting 5
    plan = schedules(training, course)[number - 1]
    folder = f"bijeenkomst-{number}/"
    present = {
        documents.draaiboek_filename(plan.meeting),
        *(h.path for h in documents.meeting_handouts(course, plan.meeting)),
    }
    if plan.meeting.huiswerk and number < 5:
        present.add(documents.homework_filename(plan.meeting))
    if number == 1:
        present.add(documents.DATES)  # the list of dates, handed out at the first meeting
    assert folder  # paths are relative to the meeting's folder
    return contents(training, course, plan, present)


def all_text(element) -> str:
    """The text of an element, fields included (python-docx leaves out what is inside a field)."""
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def first_text(doc) -> str:
    return next(p.text for p in doc.paragraphs if p.text.strip())


def bookmarked_paragraphs(doc) -> dict[str, str]:
    """Bookmark name -> text of the paragraph it is in."""
    found = {}
    for start in doc.element.body.iter(qn("w:bookmarkStart")):
        paragraph = start.getparent()
        found[start.get(qn("w:name"))] = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
    return found


@pytest.mark.parametrize("number", MEETINGS)
def test_print_file_holds_every_document_of_the_meeting_in_order_on_its_own_paper(example_pack, course, number):
    printed = print_file(example_pack, number)
    content = items(course, number)
    folder = example_pack / f"bijeenkomst-{number}"
    originals = [Document(folder / item.path) for item in content.items]
    # The cover and then one section per document.
    assert len(printed.sections) == 1 + len(originals)
    cover = printed.sections[0]
    assert (cover.page_width, cover.page_height) == (
        originals[0].sections[0].page_width,
        originals[0].sections[0].page_height,
    )
    for section, original in zip(printed.sections[1:], originals):
        assert (section.page_width, section.page_height, section.orientation) == (
            original.sections[0].page_width,
            original.sections[0].page_height,
            original.sections[0].orientation,
        )
    # Each document starts where its bookmark is, with its own title, in the cover's order.
    starts = bookmarked_paragraphs(printed)
    for index, original in enumerate(originals, start=1):
        assert starts[BOOKMARK.format(number=index, end="begin")] == first_text(original)
    order = [el.get(qn("w:name")) for el in printed.element.body.iter(qn("w:bookmarkStart"))]
    assert order == [
        BOOKMARK.format(number=n, end=end) for n in range(1, len(originals) + 1) for end in ("begin", "eind")
    ]
    # Everything of each document is in: all its text, in order.
    text = "\n".join(p.text for p in printed.paragraphs)
    position = 0
    for original in originals:
        for paragraph in original.paragraphs:
            if paragraph.text.strip():
                position = text.index(paragraph.text, position)


def test_partnerschapskaart_and_posters_stay_a3_landscape(example_pack, course):
    printed = print_file(example_pack, 5)
    content = items(course, 5)
    a3 = [
        item.path
        for item, section in zip(content.items, printed.sections[1:])
        if round(section.page_width.cm, 1) == 42.0 and round(section.page_height.cm, 1) == 29.7
    ]
    assert a3 == [
        "posters/poster-11.2-1-elkaar-kennen.docx",
        "posters/poster-11.2-2-naar-elkaar-verwijzen.docx",
        "posters/poster-11.2-3-4-partnerschap-en-community.docx",
        "uitdelen/11.6-partnerschapskaart.docx",
    ]


def test_agenda_order_draaiboek_first_homework_last(course):
    content = items(course, 3)
    assert [item.path for item in content.items] == [
        "draaiboek-bijeenkomst-3.docx",
        "uitdelen/werkblad-6.6-in-de-weerstand.docx",  # the agenda row 6.6 names 6.6 and then 7.5
        "uitdelen/7.5-reflector-bekend-besluiten-bereiken.docx",
        "uitdelen/werkblad-7.1-de-rol-van-intuitie.docx",
        "uitdelen/7.4-feedbackformulier-gespreksvaardigheden.docx",  # 7.2 uses 7.4 and 7.6 (course data)
        "uitdelen/7.6-voorbeeldvragen.docx",
        "uitdelen/8.5-mijn-talenten-en-wensen.docx",  # the choice of 8.2 or 8.3 at 16:00
        "uitdelen/8.6-interesses-en-waarden.docx",
        "huiswerk-voor-bijeenkomst-4.docx",  # at the end, with what the homework sheet says it comes with
        "uitdelen/werkblad-6.7-het-gesprek-aangaan.docx",
        "uitdelen/6.9-tips-bespreekbaar-maken-eenzaamheid-en-sociaal-isolement.docx",
        "uitdelen/6.10-reflector-voel-ik-me-eenzaam.docx",
    ]
    assert content.items[1].when == "14:00 6.6 Trainingsopdracht: In de weerstand"
    assert content.items[4].when.startswith("15:10 7.2 Trainingsopdracht")
    assert content.items[6].when == "16:00 alleen als de groep 8.2 doet"  # the choice is still open
    assert content.items[7].when == "16:00 alleen als de groep 8.3 doet"
    assert content.items[8].when == "bij de afsluiting"


def test_copies_per_trainer_per_participant_and_one_poster(course, write_config):
    training = load_training(
        write_config({"deelnemers": 10, "extra_afdrukken": 3, "trainers": ["Anna", "Bert", "Cor"]})
    )
    content = items(course, 2, training=training)
    copies = {item.path: (item.copies, item.note) for item in content.items}
    assert copies["draaiboek-bijeenkomst-2.docx"] == (3, "één per trainer")
    assert copies["uitdelen/5.3-signaleringskaart.docx"] == (13, "(10 + 3)")
    assert copies["huiswerk-voor-bijeenkomst-3.docx"] == (13, "(10 + 3)")
    assert copies["posters/poster-6.1-iedereen-heeft-vooroordelen.docx"] == (1, "om op te hangen")
    assert [(item.title, item.copies) for item in content.elsewhere] == [("Aanwezigheidslijst", 1)]
    elsewhere = items(course, 1, training=training).elsewhere
    assert ("Print van werkboek", 13) in [(item.title, item.copies) for item in elsewhere]


def test_cover_lists_what_is_inside_with_copies_paper_and_page_fields(example_pack, course):
    printed = print_file(example_pack, 5)
    assert printed.paragraphs[0].text == "Printen voor bijeenkomst 5"
    assert printed.paragraphs[1].text.startswith("dinsdag\u00a01\u00a0juni\u00a02027, 13:30")  # held together
    table = printed.tables[0]
    rows = [[all_text(cell._tc) for cell in row.cells] for row in table.rows]
    assert rows[0] == ["", "Wat", "Wanneer", "Aantal", "Papier", "Van blz.", "t/m blz."]
    assert rows[1][:5] == ["1", "Draaiboek bijeenkomst 5", "voor de trainers", "2× één per trainer", "A4"]
    # The example's own verwijskaart, where the manual introduces local networks.
    assert rows[2][1:5] == [
        "11.5 Verwijskaart",
        "14:00 Introductie lokale netwerken (hoofdstuk 11)",
        "14× (12 + 2)",
        "A4",
    ]
    assert rows[3][1:5] == [
        "Poster 11.2 (1) Elkaar kennen",
        "14:15 11.2 Trainingsopdracht: Hoe werken wij samen?",
        "1× om op te hangen",
        "A3 liggend",
    ]
    assert rows[6][3:5] == ["14× (12 + 2)", "A3 liggend"]  # one each and the spares
    # Without PDFs the pages are not counted: a dash, and a line that says how to get them.
    assert all(row[5:] == [UNKNOWN_PAGE, UNKNOWN_PAGE] for row in rows[1:])
    assert PAGES_LATER in [p.text for p in printed.paragraphs]


def test_known_page_numbers_are_written_into_the_cover(example_pack):
    path = example_pack / "bijeenkomst-5" / "printen-bijeenkomst-5.docx"
    numbered = set_page_numbers(path.read_bytes(), [(2, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8)])
    doc = Document(io.BytesIO(numbered))
    rows = [[all_text(cell._tc) for cell in row.cells][5:] for row in doc.tables[0].rows][1:]
    assert rows == [["2", "3"], ["4", "4"], ["5", "5"], ["6", "6"], ["7", "7"], ["8", "8"]]
    assert PAGES_LATER not in [p.text for p in doc.paragraphs]
    # Pages that could not be counted leave the cover as it is.
    assert set_page_numbers(path.read_bytes(), []) == path.read_bytes()


def test_each_document_keeps_its_header_and_footer_and_its_pages_are_numbered_through(example_pack):
    printed = print_file(example_pack, 3)
    footers = [all_text(section.footer.paragraphs[0]._p) for section in printed.sections]
    assert footers[0] == "Printen voor bijeenkomst 3 · Welzijn Rivierenland · voorblad"
    assert footers[1].startswith("Draaiboek bijeenkomst 3 · Welzijn Rivierenland · pagina ")
    assert footers[2].startswith("Werkblad In de weerstand (werkboek §6.6)")
    # The pages are numbered through the whole file, as the cover counts them (issue 26): no part restarts.
    for section in printed.sections[1:]:
        numbering = section._sectPr.find(qn("w:pgNumType"))
        assert numbering is None or numbering.get(qn("w:start")) is None
    for section in printed.sections:
        assert section.footer.paragraphs[1].text.startswith("Bron: Heessels e.a. (2015)")
        assert section.header.paragraphs[0].text == "Welzijn Rivierenland · Tiel"


def test_content_controls_keep_working_and_have_unique_ids(example_pack):
    printed = print_file(example_pack, 3)
    ids = [el.get(qn("w:val")) for el in printed.element.body.iter(qn("w:id")) if el.getparent().tag == qn("w:sdtPr")]
    assert len(ids) > 50 and not [i for i, n in Counter(ids).items() if n > 1]
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}checkbox"
    assert sum(1 for _ in printed.element.body.iter(w14)) > 10


def test_print_file_is_a_valid_package_with_only_the_styles_it_uses(example_pack):
    path = example_pack / "bijeenkomst-4" / "printen-bijeenkomst-4.docx"
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        styles = archive.read("word/styles.xml")
    assert "word/media/image1.png" in names  # the drawn network map of 8.7
    assert styles.count(b"<w:style ") < 60  # of the template's 350
    doc = Document(path)
    for name in ("Title", "Tabeltekst", "Vraag", "Toelichting", "Table Grid"):
        assert doc.styles[name] is not None


@pytest.mark.filterwarnings("error::UserWarning")  # zipfile warns about a name written twice
def test_a_picture_in_the_header_of_every_document_is_copied_once_per_section(tmp_path):
    """A house style with a logo in the header (a template of the trainer's own)."""
    own = tmp_path / "eigen"
    own.mkdir()
    picture = io.BytesIO()
    Image.new("RGB", (120, 40), (31, 92, 107)).save(picture, "PNG")
    for name in ("formulier.docx", "draaiboek.docx", "huiswerk.docx"):
        doc = Document(templates_dir() / name)
        doc.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(picture.getvalue()))
        doc.save(own / name)
    root = build(load_training(None), tmp_path / "uit", [4], templates_dir=own).root
    path = root / "bijeenkomst-4" / "printen-bijeenkomst-4.docx"  # 8.7 has a picture in its text too
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))
    printed = Document(path)
    for section in printed.sections:
        header = section.header
        embeds = [
            el.get(qn("r:embed"))
            for el in header._element.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
        ]
        assert len(embeds) == 1
        assert header.part.related_parts[embeds[0]].blob == picture.getvalue()


@pytest.mark.libreoffice
def test_cover_ranges_are_the_page_numbers_printed_on_the_pages(tmp_path):
    """Counted in the print file's own PDF: each part starts and ends where the cover says, and the
    number at the foot of each page is the one the cover gives ('pagina 5 van 16', issue 26)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    root = build(load_training(None), tmp_path, [3], pdf=True).root / "bijeenkomst-3"
    text = subprocess.run(
        ["pdftotext", str(root / "printen-bijeenkomst-3.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")[:-1]
    footers = [re.findall(r"pagina (\d+) van (\d+)", page) for page in pages]
    assert "voorblad" in pages[0] and footers[0] == []
    doc = Document(root / "printen-bijeenkomst-3.docx")
    ranges = [tuple(int(all_text(cell._tc)) for cell in row.cells[5:]) for row in doc.tables[0].rows[1:]]
    assert ranges[0][0] == 2 and ranges[-1][1] == len(pages)
    for (first, last), following in zip(ranges, [*ranges[1:], (len(pages) + 1, 0)]):
        assert following[0] == last + 1
        assert [footers[page - 1][-1] for page in range(first, last + 1)] == [
            (str(n), str(len(pages))) for n in range(first, last + 1)
        ]


def test_what_a_homework_sheet_says_it_comes_with_is_printed(course):
    """'Bij dit blad krijgt u 6.9 … en 6.10 …': every one of those is on the meeting's list to print."""
    from desi_pack.pack import documents

    for meeting in course.meetings:
        if not meeting.huiswerk:
            continue
        promised = {
            ref
            for a in meeting.huiswerk.opdrachten
            for ref in [*a.werkboek, a.instrument]
            if ref in course.instruments or ref in course.exercises
        }
        handed_out = {h.key for h in documents.meeting_handouts(course, meeting)}
        assert promised <= handed_out, meeting.nummer


def test_a_form_filled_in_at_the_meeting_and_again_at_home_is_printed_twice_for_everyone(example_pack, course):
    """Meeting 3 uses 7.5 (after 6.6) and 8.5 or 8.6 (8.2 or 8.3) and hands the homework out with the same
    forms ('Bij dit blad krijgt u het invulformulier 7.5 …'): every participant needs two. The cover, the
    draaiboek's list and the Excel list give one count, 2 × (12 + 2); an information card (7.6), kept and
    taken home, stays once (issue 26)."""
    from openpyxl import load_workbook

    training = load_training(None)
    counts = {item.title: (item.copies, item.note) for item in items(course, 3).items}
    twice = "(2 \u00d7 (12 + 2), ook bij het huiswerk)"
    for form in ("7.5 Reflector Bekend Besluiten Bereiken", "8.5 Mijn talenten en wensen", "8.6 Interesses en waarden"):
        assert counts[form] == (2 * training.print_count, twice), form
    assert counts["7.6 Voorbeeldvragen"] == (training.print_count, "(12 + 2)")
    assert counts["7.4 Feedbackformulier gespreksvaardigheden"][0] == training.print_count
    listed = {
        m["tekst"]: m["aantal"]
        for m in documents.materials(training, adapt(course, training), adapt(course, training).meeting(3))
    }
    assert listed[f"7.5 Reflector Bekend Besluiten Bereiken ({documents.TWICE})"] == "28"
    sheet = load_workbook(example_pack / "bijeenkomst-3" / "agenda-bijeenkomst-3.xlsx")["Materialen"]
    formulas = {sheet.cell(r, 2).value: sheet.cell(r, 4).value for r in range(5, sheet.max_row + 1)}
    assert formulas[f"8.6 Interesses en waarden ({documents.TWICE})"] == "=2*($B$1+$B$2)"
    assert formulas["7.4 Feedbackformulier gespreksvaardigheden"] == "=$B$1+$B$2"


def test_the_cover_names_when_in_full(course):
    """'Wanneer' names the agenda row whole, never cut off with '…' (issue 26)."""
    whens = {item.title: item.when for item in items(course, 1).items}
    assert whens["4.2 Concreet vervolg"] == (
        "15:35 4.2 Trainingsopdracht: Dialoogsessie en 4.3 Trainingsopdracht: "
        "Samenwerken vrijwilligers en professionals"
    )
    assert not [when for when in whens.values() if "\u2026" in when]


@pytest.mark.parametrize("number", MEETINGS)
def test_the_draaiboeks_checklist_lists_what_is_printed_in_the_covers_order(course, number):
    """The draaiboek's (and the Excel) list of what to hand out and hang up follows the agenda, as the print
    file's cover does: a trainer ticks them off in the order the cover gives (issue 26)."""
    training = load_training(None)
    adapted = adapt(course, training)

    def start(text):
        return " ".join(text.split()[:2]).rstrip(":")

    cover = [start(item.title) for item in items(course, number).items if not item.title.startswith("Draaiboek")]
    listed = [
        start(m["tekst"])
        for m in documents.materials(training, adapted, adapted.meeting(number))
        if m["soort"] != "Meenemen" and start(m["tekst"]) in cover
    ]
    assert listed == cover
