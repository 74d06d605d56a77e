"""Every printed page of a pack, as LibreOffice prints it, read back as a trainer and a participant read it
(issue 26): one end time per meeting in every document that names it, no file names or words of the tool or
of a spreadsheet on paper, no total line alone at the top of a page, and no text of an Excel agenda's row
outside its row.

Both packs are built once with their PDFs (`build(..., pdf=True)`): the built-in example and the second
training (a logo, 15 named participants, meetings of 4 hours, a choice, a sixth meeting)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desi_pack import build, dutch, end_times, load_training
from desi_pack.pack.documents import DATES_TITLE

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt"),
]

TRAININGS = ["example", "second"]

# What a page handed to colleagues and participants never says: the tool's files, folders and words, and
# instructions for a spreadsheet. (The workbook's own 'Let op,' in an instrument is the source's text.)
FORBIDDEN = {
    "a file name": r"(?<![/\w.-])[\w-][\w.-]*\.(docx|xlsx|yaml|yml|pdf)\b",  # not a web address's end
    "a folder of the pack": r"\b(uitdelen|posters|instrumenten|bijeenkomst-\d)/",
    "the training file": r"trainingsbestand",
    "the program's name": r"desi-pack",
    "a key of the training file": r"\((keuze|duur|duren)\)|\bmet (duren|keuze)\b",
    "a spreadsheet column": r"\bkolom [A-Z]\b",
    "a spreadsheet instruction": r"Pas de starttijd|de tijden rekenen mee",
    "the calculation block": r"Verschil \(min\)|Geplande duur \(min\)|Totaal agenda",
    "a rule's code": r"\bRegel\b",
    "a page saying nothing": r"Geen waarschuwingen",
    "a mark on every row": r"\b(Verlengd|Ingekort): de handleiding geeft",
    "a sheet's name": r"blad Aanwezigheid",
    "a folder": r"in deze map",
    "an alarm": r"Let op:",
}


@pytest.fixture(scope="module")
def printed(second_training, tmp_path_factory) -> dict[str, tuple]:
    """Per training: (training, pack folder, {PDF path in the pack: its text per page})."""
    result = {}
    for name, source in (("example", None), ("second", second_training)):
        training = load_training(source)
        root = build(training, tmp_path_factory.mktemp(f"papier-{name}"), pdf=True).root
        texts = {str(pdf.relative_to(root)): _pages(pdf) for pdf in sorted(root.rglob("*.pdf"))}
        result[name] = (training, root, texts)
    return result


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("name", TRAININGS)
def test_no_file_names_or_words_of_the_tool_on_any_printed_page(printed, name):
    _, _, texts = printed[name]
    found = []
    for document, pages in texts.items():
        for number, page in enumerate(pages, start=1):
            text = " ".join(page.split())
            for what, pattern in FORBIDDEN.items():
                for match in re.finditer(pattern, text):
                    found.append(
                        f"{document} p. {number}: {what}: '{text[max(0, match.start() - 30) : match.end() + 30]}'"
                    )
    assert found == []
    assert len(texts) > 50  # every document was read


def _ends_named(text: str, start: str) -> set[str]:
    """The end times a text gives a meeting that starts at `start`: '13:30–16:30', '13:30 – 16:30',
    'van 13:30 tot 16:30', 'duurt tot 16:30', and the overview's '13:30 16:30'; not an agenda row's."""
    text = " ".join(text.split())
    ends = set(re.findall(rf"{start} ?\u2013 ?(\d\d:\d\d)", text))
    ends |= set(re.findall(rf"van {start} tot (\d\d:\d\d)", text))
    ends |= set(re.findall(r"de bijeenkomst duurt tot (\d\d:\d\d)", text))
    ends |= set(re.findall(rf"\d{{4}} {start} (\d\d:\d\d)", text))  # the overview: date, begin, end
    hour = datetime.strptime(start, "%H:%M")
    # An agenda's first row starts at the start too: a meeting lasts an hour at least, a row less.
    return {end for end in ends if (datetime.strptime(end, "%H:%M") - hour).total_seconds() >= 3600}


@pytest.mark.parametrize("name", TRAININGS)
def test_one_end_time_per_meeting_in_every_document(printed, name):
    """Cover, draaiboek, Excel agenda, overview and print file give a meeting one end time: the one
    end_times() gives (meeting 2 of the example: 16:30, with 10 minutes to spare; meeting 3: 16:35)."""
    training, _, texts = printed[name]
    overview = " ".join(texts["overzicht-training.pdf"])
    for ending in end_times(training):
        number = ending.meeting
        start, end = ending.start.strftime("%H:%M"), ending.end.strftime("%H:%M")
        # The list of dates (in the print file of meeting 1) names every meeting's times: checked below.
        documents = {
            path: " ".join(page for page in pages if f"\n{DATES_TITLE}\n" not in page)
            for path, pages in texts.items()
            if path.startswith(f"bijeenkomst-{number}/") and "/" not in path.split("/", 1)[1]
        }
        named = {path: _ends_named(text, start) for path, text in documents.items()}
        for kind in ("draaiboek", "agenda", "printen"):
            path = f"bijeenkomst-{number}/{kind}-bijeenkomst-{number}.pdf"
            assert named[path] == {end}, (name, number, path, named[path])
        assert {e for ends in named.values() for e in ends} == {end}, (name, number, named)
        date_line = re.search(rf"{dutch.long_date(ending.start.date())} {start} (\d\d:\d\d)", overview)
        assert date_line and date_line[1] == end, (name, number)
        dates = " ".join(" ".join(texts["data-van-de-training.pdf"]).split())
        assert f"{start}\u2013{end} uur" in dates, (name, number)
    if name == "example":
        assert [e.end.strftime("%H:%M") for e in end_times(training)] == ["16:30", "16:30", "16:35", "16:30", "16:30"]
        two = " ".join(texts["bijeenkomst-2/draaiboek-bijeenkomst-2.pdf"])
        assert "u houdt 10 minuten over" in " ".join(two.split())


@pytest.mark.parametrize("name", TRAININGS)
def test_no_total_line_alone_at_the_top_of_a_page(printed, name):
    """The draaiboek's 'Totaal: …' stays under its table: it never opens a page (it did in draaiboeks 1,
    2 and 5 of the second training, kept with the notes below it; then in 2 and 3 once the tables got room
    above their text). The last row keeps with it: where the page is full, that row moves along."""
    _, _, texts = printed[name]
    found = []
    for document, pages in texts.items():
        for number, page in enumerate(pages[1:], start=2):
            lines = [line for line in page.splitlines() if line.strip()]
            # The page's header comes first; then the body.
            if any(line.startswith("Totaal:") for line in lines[:3]):
                found.append(f"{document} p. {number}")
    assert found == []


@pytest.mark.parametrize("name", TRAININGS)
def test_no_note_under_the_agenda_opens_a_page(printed, name):
    """A note under the draaiboek's total ('Na deze bijeenkomst volgt nog bijeenkomst 6 …') never starts a
    page with its total on the page before (draaiboek 5 of the second training, issue 26)."""
    from desi_pack.course.adapt import adapt
    from desi_pack.course.course import load_course
    from desi_pack.pack.documents import agenda_notes

    training, _, texts = printed[name]
    course = adapt(load_course(), training)
    found = []
    for meeting in course.meetings:
        notes = [" ".join(note.split())[:40] for note in agenda_notes(meeting, course)]
        pages = texts[f"bijeenkomst-{meeting.nummer}/draaiboek-bijeenkomst-{meeting.nummer}.pdf"]
        for number, page in enumerate(pages[1:], start=2):
            body = " ".join(" ".join(line for line in page.splitlines()[1:4] if line.strip()).split())
            found += [f"draaiboek {meeting.nummer} p. {number}: {note}" for note in notes if body.startswith(note)]
    assert found == []


@pytest.mark.parametrize("name", TRAININGS)
def test_every_row_of_every_agenda_holds_its_text(printed, name, tmp_path):
    """Every sheet of every meeting's Excel agenda and of the overview, for both trainings: each row's last
    line of text ends above the next row (the '(3) Toelichting' of meeting 5 was cut off in 7.4)."""
    from tests.pack.test_workbooks import ROOM_PT, _lines, _rows_as_printed, _words

    _, root, _ = printed[name]
    books = sorted(root.glob("bijeenkomst-*/agenda-bijeenkomst-*.xlsx")) + [root / "overzicht-training.xlsx"]
    problems, checked = [], 0
    for path in books:
        book = load_workbook(io.BytesIO(path.read_bytes()))
        pages = _words(path.with_suffix(".pdf").read_bytes(), tmp_path)
        for sheet in book.worksheets:
            title = sheet.oddHeader.left.text.replace("&&", "&")
            own = [p for p in pages if " ".join(w[0] for w in _lines(p)[0]) == title]
            assert own, (path.name, sheet.title, "not printed")
            for row, room, words in _rows_as_printed(sheet, own):
                checked += 1
                if room < ROOM_PT:
                    last = max(words, key=lambda w: w[3])[0]
                    problems.append(f"{path.name} {sheet.title} row {row}: {room:.1f} pt room under '{last}'")
    assert problems == []
    assert checked > 150
