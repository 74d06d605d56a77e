"""The cards as LibreOffice prints them (`verwijskaart --pdf`): four A6 cards, or two A5 cards, on one
sheet, each whole; the A4 card on its page. With 0, 1, several and many contacts, with and without a logo.

The PDFs are made once per module by make_cards(pdf=True), from a contacts workbook with a place per
number of contacts; the tests read them with pdftotext -bbox.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import time

import pytest
import yaml
from openpyxl import load_workbook

from desi_pack.training.config import load_training
from desi_pack.training.referral import CardLabels
from desi_pack.verwijskaart.contacts import template_bytes
from desi_pack.verwijskaart.verwijskaart import make_cards
from tests.conftest import BASE_CONFIG

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) ontbreekt"),
]

# Places by their number of contacts: A6 up to 3 (the last at a smaller letter), A5 from 4 (7: the smallest
# letter, with a logo too much for A5), no pocket card at 12. 'Leeg' has no steps, options or contacts: room
# to write everywhere.
COUNTS = {"Leeg": 0, "Geen": 0, "Een": 1, "Drie": 3, "Vijf": 5, "Zeven": 7, "Twaalf": 12}
SIZES = {"Leeg": "A6", "Geen": "A6", "Een": "A6", "Drie": "A6", "Vijf": "A5", "Zeven": "A5", "Twaalf": None}
SIZES_WITH_LOGO = SIZES | {"Zeven": None}
A4_PT = (595.3, 841.9)
SOURCE_WORD = "\u00a711.5"  # the last line of every card: 'Werkboek … (Heessels e.a., 2015), §11.5 · organisatie'


def _workbook(path, labels) -> None:
    book = load_workbook(io.BytesIO(template_bytes(labels)))
    contacts, places = book["Contacten"], book["Plaatsen"]
    contacts.delete_rows(2)
    places.delete_rows(2)
    for place, count in COUNTS.items():
        if place != "Leeg":
            places.append(
                [
                    place,
                    "Ga in gesprek met de persoon zelf.\nBel bij twijfel het wijkteam.",
                    "Een maatje via de vrijwilligerscentrale.",
                ]
            )
        else:
            places.append([place])
        for i in range(count):
            contacts.append(
                [
                    place,
                    f"Contactpersoon {i}",
                    "Stichting Welzijn en Zorg",
                    "Vragen over eenzaamheid",
                    "0344-123456",
                    f"persoon{i}@welzijn.example",
                    "",
                    time(9),
                    time(17),
                    "ma t/m vr",
                ]
            )
    book.save(path)


@pytest.fixture(scope="module")
def printed(tmp_path_factory, course):
    """{'plain' | 'logo': (CardsResult, {file name: [words per page]})}, the cards of every place as PDFs."""
    from PIL import Image

    folder = tmp_path_factory.mktemp("kaarten")
    _workbook(folder / "contacten.xlsx", CardLabels.from_instrument(course.instruments["11.5"]))
    Image.new("RGB", (600, 200), (200, 60, 40)).save(folder / "logo.png")
    (folder / "training.yaml").write_text(yaml.safe_dump({**BASE_CONFIG, "logo": "logo.png"}), encoding="utf-8")
    made = {}
    for kind, style in (("plain", None), ("logo", load_training(folder / "training.yaml"))):
        result = make_cards(
            folder / "contacten.xlsx",
            folder / kind,
            organisation="Welzijn Rivierenland",
            style=style,
            course=course,
            pdf=True,
        )
        made[kind] = result, {w.path.name: _words(w.path) for w in result.files if w.path.suffix == ".pdf"}
    return made


def _words(pdf) -> list[list[tuple[str, float, float, float, float]]]:
    """Per page of a PDF, its words as (text, x0, top, x1, bottom) in pt, as pdftotext -bbox finds them."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [
        [
            (text, float(x0), float(top), float(x1), float(bottom))
            for x0, top, x1, bottom, text in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
            )
        ]
        for page in xml.split("<page ")[1:]
    ]


def _cards(page) -> list[tuple[float, float]]:
    """Where each card's title ('Verwijskaart <plaats>') starts on a page: (x, top)."""
    return sorted((x0, top) for text, x0, top, _, _ in page if text == "Verwijskaart")


@pytest.mark.parametrize("kind", ["plain", "logo"])
@pytest.mark.parametrize("place", [p for p, size in SIZES.items() if size])
def test_a_pocket_sheet_prints_its_cards_on_one_page_each_card_whole(printed, kind, place):
    result, pdfs = printed[kind]
    size = result.pocket_sizes.get(place)
    if size is None:
        assert SIZES_WITH_LOGO[place] is None and f"zakkaart-{place.lower()}.pdf" not in pdfs
        return
    pages = pdfs[f"zakkaart-{place.lower()}.pdf"]
    assert len(pages) == 1, f"{place}: {len(pages)} pagina's"
    (page,) = pages
    titles = _cards(page)
    columns, rows = (2, 2) if size == "A6" else (2, 1)
    assert len(titles) == columns * rows, titles
    assert len({round(x) for x, _ in titles}) == columns and len({round(top) for _, top in titles}) == rows
    # Each card ends with its source line, below its own title and above the next card's (or the footer).
    width, height = A4_PT if size == "A6" else A4_PT[::-1]
    tops = sorted({round(top) for _, top in titles})
    footer_top = min(top for text, _, top, _, _ in page if text == "Zakkaart")
    ends = sorted((round(x0), bottom) for text, x0, _, _, bottom in page if text == SOURCE_WORD)
    assert len(ends) == columns * rows, f"{place}: a card's last line is cut off"
    for _, bottom in ends:
        row = max(index for index, top in enumerate(tops) if top < bottom)
        limit = tops[row + 1] if row + 1 < len(tops) else footer_top
        assert bottom < limit - 5, (place, bottom, limit)
    assert footer_top > height - 1.5 / 2.54 * 72 - 1  # the footer in the bottom margin, under the cards
    assert all(x1 <= width for _, _, _, x1, _ in page)


@pytest.mark.parametrize("kind", ["plain", "logo"])
def test_cards_of_a_few_contacts_are_a6_and_many_a5(printed, kind):
    result, _ = printed[kind]
    assert {p: result.pocket_sizes.get(p) for p in COUNTS} == (SIZES if kind == "plain" else SIZES_WITH_LOGO)


@pytest.mark.parametrize("kind", ["plain", "logo"])
def test_the_a4_card_prints_whole_with_its_header_and_footer(printed, kind):
    _, pdfs = printed[kind]
    for place, count in COUNTS.items():
        pages = pdfs[f"verwijskaart-{place.lower()}.pdf"]
        assert len(pages) == (1 if count <= 8 else 2), place
        words = [text for page in pages for text, *_ in page]
        assert words.count("Verwijskaart") == len(pages) + 1  # the title, and 'Verwijskaart <plaats>' in each footer
        assert words[:4] == ["Welzijn", "Rivierenland", "\u00b7", place]  # the header
        assert f"persoon{count - 1}@welzijn.example" in words if count else "Tel:" in words


def test_the_logo_is_printed_on_every_card(printed):
    for kind, per_sheet in (("plain", 0), ("logo", 1)):
        result, _ = printed[kind]
        for name, sheets in (("verwijskaart-een.pdf", 1), ("zakkaart-een.pdf", 4), ("zakkaart-vijf.pdf", 2)):
            listed = subprocess.run(
                ["pdfimages", "-list", str(result.folder / name)], capture_output=True, text=True, check=True
            ).stdout.splitlines()[2:]
            assert len(listed) == per_sheet * sheets, (kind, name, listed)


# Contacts as a coordinator fills them in: every field.
FULL_CONTACT = {
    "organisatie": "Stichting Welzijn en Zorg",
    "waarvoor": "Vragen over eenzaamheid en meedoen",
    "telefoon": "0344-123456",
    "bereikbaar_van": "09:00",
    "bereikbaar_tot": "17:00",
    "dagen": "maandag t/m vrijdag",
}
EMPTY_PLACES = {"Nul": 0, "Een": 1, "Vijf": 5, "Acht": 8, "Twaalf": 12}  # no steps or options: boxes to write in


@pytest.fixture(scope="module")
def a4_cards(tmp_path_factory, course):
    """{place: [words per page]} of the A4 cards: of a workbook's places without steps or options, and of a
    training's card with three steps, three options and five contacts ('Tiel')."""
    folder = tmp_path_factory.mktemp("a4")
    book = load_workbook(io.BytesIO(template_bytes(CardLabels.from_instrument(course.instruments["11.5"]))))
    contacts, places = book["Contacten"], book["Plaatsen"]
    contacts.delete_rows(2)
    places.delete_rows(2)
    for place, count in EMPTY_PLACES.items():
        places.append([place])
        for i in range(count):
            contacts.append(
                [
                    place,
                    f"Contactpersoon {i}",
                    FULL_CONTACT["organisatie"],
                    FULL_CONTACT["waarvoor"],
                    "0344-123456",
                    f"persoon{i}@welzijn.example",
                    "",
                    time(9),
                    time(17),
                    FULL_CONTACT["dagen"],
                ]
            )
    book.save(folder / "contacten.xlsx")
    card = {
        "plaats": "Tiel",
        "stappen": [
            "Maak uw zorg bespreekbaar in een rustig gesprek met de persoon zelf.",
            "Noteer wat u opviel op de Signaleringskaart.",
            "Bel bij twijfel het Sociaal wijkteam; u hoeft het niet alleen op te lossen.",
        ],
        "opties": [
            "Samen een activiteit in de buurt zoeken, bijvoorbeeld in Buurthuis De Schakel.",
            "Een maatje via de vrijwilligers van Welzijn Rivierenland.",
            "Bij somberheid of gezondheidsklachten naar de huisarts.",
        ],
        "contacten": [
            {"naam": f"Contactpersoon {i}", **FULL_CONTACT, "email": f"persoon{i}@welzijn.example"} for i in range(5)
        ],
    }
    (folder / "training.yaml").write_text(yaml.safe_dump({**BASE_CONFIG, "verwijskaart": card}), encoding="utf-8")
    pdfs = {}
    for source, out in ((folder / "contacten.xlsx", "werkmap"), (folder / "training.yaml", "training")):
        result = make_cards(source, folder / out, organisation="Welzijn Rivierenland", course=course, pdf=True)
        pdfs |= {
            w.path.stem.removeprefix("verwijskaart-"): _words(w.path)
            for w in result.files
            if w.path.suffix == ".pdf" and w.path.name.startswith("verwijskaart-")
        }
    return pdfs


@pytest.mark.parametrize("place", ["nul-plaats", "een", "vijf", "acht", "tiel"])
def test_the_a4_card_of_a_realistic_place_is_one_page(a4_cards, place):
    """Up to 8 contacts with boxes to write steps and options in, or 5 contacts with three steps and three
    options: one page, in LibreOffice 7.4 and 25.2 alike (the boxes and the contacts' letter give way)."""
    pages = a4_cards[place]
    assert len(pages) == 1, f"{place}: {len(pages)} pagina's"
    words = [text for text, *_ in pages[0]]
    count = {"nul-plaats": 0, "een": 1, "vijf": 5, "acht": 8, "tiel": 5}[place]
    assert all(f"persoon{i}@welzijn.example" in words for i in range(count)), words
    assert "pagina 1 van 1" in " ".join(words)


def test_an_a4_card_that_runs_on_leaves_no_page_of_a_lone_fragment(a4_cards):
    """Twelve contacts run onto a second page: it holds whole contacts (not the side bar alone), and
    each page's footer counts the pages."""
    pages = a4_cards["twaalf"]
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        words = [text for text, *_ in page]
        assert f"pagina {number} van 2" in " ".join(words)
        assert sum(1 for text in words if text.startswith("persoon")) >= 2, (number, words)
