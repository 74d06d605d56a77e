"""The verwijskaart and 'Na de bijeenkomsten' on the page, through Flask's test client: uploads kept
only inside the training's folder, read by the core as the CLI reads them, and hostile uploads refused.

The browser's own part (choosing files, downloads, axe) is in test_web_browser.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import time
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from desi_pack.training.referral import CardLabels
from desi_pack.verwijskaart.contacts import template_bytes
from desi_pack.web.guard import FORM_FIELD
from tests.collect.conftest import NAMES
from tests.web_client import ORIGIN, Page


def _training_text() -> str:
    text = Path("templates/training.yaml").read_text(encoding="utf-8")
    return text.replace("deelnemers: 12", "deelnemers:\n" + "".join(f"  - {n}\n" for n in NAMES))


@pytest.fixture
def page(tmp_path):
    folder = tmp_path / "training"
    folder.mkdir()
    (folder / "training.yaml").write_text(_training_text(), encoding="utf-8")
    return Page.open(folder, starter=False)


def contacts_workbook(rows: list[list]) -> bytes:
    """A contacts workbook from the empty one, its example rows replaced by `rows` (sheet Contacten)."""
    from desi_pack.course.course import load_course

    labels = CardLabels.from_instrument(load_course().instruments["11.5"])
    book = load_workbook(io.BytesIO(template_bytes(labels)))
    book["Contacten"].delete_rows(2)
    book["Plaatsen"].delete_rows(2)
    for row in rows:
        book["Contacten"].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    ["Tiel", "Sociaal team Tiel", "", "", "0344-123456", "", "", time(9), time(17), "ma t/m vr"],
    ["Buren", "Buurtzorg Buren", "", "", "0344-654321", "", "", None, None, ""],
]
BAD_EMAIL = ["Tiel", "Jan de Vries", "", "", "", "jan(at)tiel", "", None, None, ""]


def _said(response) -> str:
    """The page's text as read, every run of spaces and line breaks one space."""
    return " ".join(response.get_data(as_text=True).split())


def _text(response) -> str:
    """The page's text as a person reads it: no tags, one space between words."""
    import html

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))).split())


def _everything(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _upload(
    page: Page, path: str, files: dict[str, list[tuple[bytes, str]]], data: dict | None = None, origin: str = ORIGIN
):
    form = {FORM_FIELD: page.guard.csrf_token, **(data or {})}
    for field, items in files.items():
        form[field] = [(io.BytesIO(blob), name) for blob, name in items]
    return page.client.post(
        path, base_url=ORIGIN, data=form, headers={"Origin": origin}, content_type="multipart/form-data"
    )


# --- the verwijskaart -----------------------------------------------------------------------------------------


def test_the_empty_workbook_is_the_one_verwijskaart_sjabloon_writes(page):
    response = page.get("/verwijskaart/contacten-leeg.xlsx")
    assert response.status_code == 200 and "contacten.xlsx" in response.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert {"Uitleg", "Contacten", "Plaatsen"} <= set(book.sheetnames)
    html = page.get("/verwijskaart").get_data(as_text=True)
    assert '<a href="/verwijskaart" aria-current="page">Verwijskaart</a>' in html


def test_a_mistake_in_the_workbook_is_named_by_sheet_row_and_column_beside_the_upload(page):
    response = _upload(
        page, "/verwijskaart/contacten", {"contacten": [(contacts_workbook([*GOOD, BAD_EMAIL]), "mijn contacten.xlsx")]}
    )
    html = response.get_data(as_text=True)
    stored = page.folder / "verwijskaart" / "contacten.xlsx"
    assert stored.is_file()
    assert re.search(
        r'<input type="file" id="contacten"[^>]*aria-describedby="contacten-uitleg contacten-fouten"'
        r'[^>]*aria-invalid="true"',
        html,
        re.DOTALL,
    )
    assert f"{stored}, blad Contacten, rij 4, kolom F (E-mail)" in html
    assert "Kaarten maken uit de werkmap" not in html
    fixed = _upload(page, "/verwijskaart/contacten", {"contacten": [(contacts_workbook(GOOD), "contacten.xlsx")]})
    html = _said(fixed)
    assert "De werkmap is in orde" in html and "2 plaatsen (Tiel, Buren)" in html
    made = page.post("/verwijskaart/maken", {"bron": "werkmap"})
    html = _said(made)
    assert made.status_code == 200 and "Verwijskaart en zakkaarten voor 2 plaatsen" in html
    cards = page.folder / "output" / "welzijn-rivierenland" / "verwijskaarten"
    assert (cards / "verwijskaart-tiel.docx").is_file()
    assert (
        page.get("/verwijskaart/bestand/verwijskaart-tiel.docx").data == (cards / "verwijskaart-tiel.docx").read_bytes()
    )
    archive = zipfile.ZipFile(io.BytesIO(page.get("/verwijskaart/kaarten.zip").data))
    assert "verwijskaarten/verwijskaart-buren.docx" in archive.namelist()


def test_cards_of_many_places_are_made_by_worker_processes_from_the_page(page):
    """From PARALLEL_FROM places on, the cards are made in two processes, forked from the page's thread."""
    from desi_pack.verwijskaart.verwijskaart import PARALLEL_FROM

    places = [f"Dorp {chr(65 + n // 26)}{chr(65 + n % 26)}" for n in range(PARALLEL_FROM + 2)]
    rows = [
        [place, f"Wijkteam {place}", "", "", f"0344-{100000 + n}", "", "", None, None, ""]
        for n, place in enumerate(places)
    ]
    uploaded = _upload(page, "/verwijskaart/contacten", {"contacten": [(contacts_workbook(rows), "contacten.xlsx")]})
    assert f"{len(places)} plaatsen" in _said(uploaded)
    made = page.post("/verwijskaart/maken", {"bron": "werkmap"})
    assert made.status_code == 200 and f"Verwijskaart en zakkaarten voor {len(places)} plaatsen" in _said(made)
    cards = page.folder / "output" / "welzijn-rivierenland" / "verwijskaarten"
    assert len(list(cards.glob("verwijskaart-dorp-*.docx"))) == len(places)
    last = Document(cards / f"verwijskaart-{places[-1].lower().replace(' ', '-')}.docx")
    assert f"Wijkteam {places[-1]}" in "".join(last.element.body.itertext())


def test_the_card_from_the_training_as_verwijskaart_without_a_source(page):
    html = _said(page.post("/verwijskaart/maken", {"bron": "training"}))
    assert "Verwijskaart en zakkaarten voor 1 plaats in" in html
    assert "verwijskaart-tiel.docx" in html


def test_an_upload_is_recognised_by_its_content_not_its_name(page):
    before = _everything(page.folder)
    response = _upload(page, "/verwijskaart/contacten", {"contacten": [(b"%PDF-1.4 niets", "contacten.xlsx")]})
    assert response.status_code == 400 and "geen Excel-werkmap (.xlsx)" in response.get_data(as_text=True)
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    response = _upload(page, "/verwijskaart/contacten", {"contacten": [(docx.getvalue(), "contacten.xlsx")]})
    assert response.status_code == 400
    assert _everything(page.folder) == before


def test_a_workbook_the_trainer_changed_is_not_replaced_without_asking(page):
    _upload(page, "/verwijskaart/contacten", {"contacten": [(contacts_workbook(GOOD), "a.xlsx")]})
    stored = page.folder / "verwijskaart" / "contacten.xlsx"
    book = load_workbook(stored)
    book["Contacten"]["B2"] = "Mijn eigen naam"
    book.save(stored)
    mine = stored.read_bytes()
    response = _upload(page, "/verwijskaart/contacten", {"contacten": [(contacts_workbook(GOOD[:1]), "b.xlsx")]})
    assert response.status_code == 409 and "Vervang de gewijzigde werkmap" in response.get_data(as_text=True)
    assert stored.read_bytes() == mine
    again = _upload(
        page, "/verwijskaart/contacten", {"contacten": [(contacts_workbook(GOOD[:1]), "b.xlsx")]}, {"vervangen": "ja"}
    )
    assert again.status_code == 200 and stored.read_bytes() != mine
    backups = [p for p in (page.folder / "verwijskaart").rglob("contacten.xlsx") if p != stored]
    assert [p.read_bytes() for p in backups] == [mine]


# --- after the meetings ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    from desi_pack.pack.build import BlankForms
    from desi_pack.training.config import load_training

    folder = tmp_path_factory.mktemp("blank")
    (folder / "training.yaml").write_text(_training_text(), encoding="utf-8")
    return BlankForms(load_training(folder / "training.yaml"))


def reflector(blank, name: str, picks: list[str], day: str = "2027-02-16") -> bytes:
    from tests.collect.forms import fill_as_word

    return fill_as_word(
        blank("6.8"),
        {"6.8/naam": name, "6.8/datum": day, **{f"6.8/1.{i}/{p}": True for i, p in enumerate(picks, start=1)}},
    )


def _pack(page: Page):
    from desi_pack.pack.build import build
    from desi_pack.training.config import load_training

    return build(load_training(page.training), page.folder / "output").root


def test_without_a_pack_nothing_is_kept_and_the_page_says_what_to_do(page, blank):
    response = _upload(
        page, "/na/formulieren", {"formulieren": [(reflector(blank, "Anouk Smit", ["a"] * 8), "a.docx")]}
    )
    html = _said(response)
    assert response.status_code == 400 and "hier staan geen pakketten van Welzijn Rivierenland" in html
    assert "Maak eerst het pakket op de pagina Training" in html
    assert not (page.folder / "ingevuld").exists()


def test_forms_dropped_as_files_and_a_zip_are_read_as_verzamel_reads_them(page, blank):
    from tests.collect.test_collect import _tick_attendance

    pack = _pack(page)
    _tick_attendance(pack, {1: NAMES, 2: NAMES, 3: NAMES[:3], 4: NAMES[:2], 5: NAMES[:1]})
    mail = io.BytesIO()
    with zipfile.ZipFile(mail, "w") as archive:
        archive.writestr("Fatima/6.8.docx", reflector(blank, "Fatima Yilmaz", ["b"] * 8))
        archive.writestr("../../ontsnapt.docx", reflector(blank, "Joost van Dijk", ["c"] * 8))
        archive.writestr("scan.pdf", b"%PDF-1.4")
    response = _upload(
        page,
        "/na/formulieren",
        {
            "formulieren": [
                (reflector(blank, "Anouk Smit", ["a"] * 8), "../anouk.docx"),
                (mail.getvalue(), "bijlagen.zip"),
            ]
        },
    )
    html = _said(response)
    assert response.status_code == 200, html
    assert "3 formulieren gelezen van 3 personen" in html
    assert "scan.pdf" in html and "een PDF of afbeelding (een scan of foto?) kan niet gelezen worden" in html
    assert not (page.folder.parent / "anouk.docx").exists() and not (page.folder.parent / "ontsnapt.docx").exists()
    [dropped] = (page.folder / "ingevuld").iterdir()
    assert sorted(p.name for p in dropped.iterdir() if not p.name.startswith(".")) == ["anouk.docx", "bijlagen.zip"]
    workbook = page.get("/na/bestand/antwoorden.xlsx")
    rows = list(load_workbook(io.BytesIO(workbook.data))["6.8 Reflector vooroordelen"].iter_rows(values_only=True))
    fatima = next(r for r in rows if r[0] == "Fatima Yilmaz")
    assert "B" in fatima
    # certificates follow attendance, with the core's default minimum (all but one: 4 of 5)
    assert re.search(r'<option value="4" selected>', html)
    made = _said(page.post("/na/bewijzen", {"minimaal": "4"}))
    assert "Bewijzen van deelname (2, aanwezig bij minstens 4 bijeenkomsten)" in made
    assert "Geen bewijs voor Anouk Smit: aanwezig bij 3 bijeenkomsten." in made
    assert "bewijs-van-deelname-joost-van-dijk.docx" in made
    fewer = _said(page.post("/na/bewijzen", {"minimaal": "3"}))
    assert "Bewijzen van deelname (3, aanwezig bij minstens 3 bijeenkomsten)" in fewer
    wrong = page.post("/na/bewijzen", {"minimaal": "9"})
    assert (
        wrong.status_code == 400
        and "De training heeft 5 bijeenkomsten; kies een getal van 1 tot en met 5." in _said(wrong)
    )


def test_certificates_need_only_the_attendance_as_verzamel_of_an_empty_folder(page):
    from tests.collect.test_collect import _tick_attendance

    _tick_attendance(_pack(page), {n: NAMES[:2] for n in range(1, 6)})
    made = page.post("/na/bewijzen", {"minimaal": "5"})
    assert made.status_code == 200, _said(made)
    said = _said(made)
    assert "Bewijzen van deelname (2, aanwezig bij minstens 5 bijeenkomsten)" in said
    assert "Geen bewijs voor José García: aanwezig bij 0 bijeenkomsten." in said


def _bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(12):
            archive.writestr(f"formulier-{n}.docx", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def _nested_bomb() -> bytes:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("groot.docx", b"\0" * (150 * 1024 * 1024))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(2):
            archive.writestr(f"deel-{n}.zip", inner.getvalue())
    return outer.getvalue()


@pytest.mark.parametrize("make", [_bomb, _nested_bomb], ids=["bom", "bom in een zip"])
def test_a_zip_bomb_is_refused_in_dutch_and_nothing_is_written(page, blank, make):
    _pack(page)
    before = _everything(page.folder.parent)
    data = make()
    assert len(data) < 2 * 1024 * 1024
    response = _upload(
        page,
        "/na/formulieren",
        {"formulieren": [(reflector(blank, "Anouk Smit", ["a"] * 8), "a.docx"), (data, "bijlagen.zip")]},
    )
    html = _said(response)
    assert response.status_code == 400 and "pakt uit tot meer dan 200 MB" in html and "Er is niets opgeslagen" in html
    assert _everything(page.folder.parent) == before


def test_an_oversized_upload_is_refused_in_dutch_and_nothing_is_written(page):
    before = _everything(page.folder.parent)
    big = b"PK\x03\x04" + b"x" * (26 * 1024 * 1024)
    for path, field in (("/na/formulieren", "formulieren"), ("/verwijskaart/contacten", "contacten")):
        response = _upload(page, path, {field: [(big, "groot.zip")]})
        assert response.status_code == 413 and "te groot om te uploaden" in response.get_data(as_text=True)
    assert _everything(page.folder.parent) == before


@pytest.mark.parametrize("path, field", [("/na/formulieren", "formulieren"), ("/verwijskaart/contacten", "contacten")])
def test_an_upload_from_another_site_or_without_the_secret_is_refused(page, blank, path, field):
    before = _everything(page.folder.parent)
    blob = contacts_workbook(GOOD) if field == "contacten" else reflector(blank, "Anouk Smit", ["a"] * 8)
    response = _upload(page, path, {field: [(blob, "a.docx")]}, origin="https://evil.example")
    assert response.status_code == 403 and "andere website" in response.get_data(as_text=True)
    anonymous = page.client.application.test_client()
    response = anonymous.post(
        path,
        base_url=ORIGIN,
        data={field: [(io.BytesIO(blob), "a.xlsx")]},
        headers={"Origin": ORIGIN},
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    assert anonymous.get("/na/bestand/antwoorden.xlsx", base_url=ORIGIN).status_code == 403
    assert _everything(page.folder.parent) == before


def test_a_download_outside_the_pack_or_the_cards_is_refused(page, tmp_path):
    (page.folder / "output" / "welzijn-rivierenland" / "verwijskaarten").mkdir(parents=True)
    (page.folder / "geheim.txt").write_text("niet voor de buren")
    for address in (
        "/na/bestand/../../geheim.txt",
        "/na/bestand/..%2F..%2Fgeheim.txt",
        "/verwijskaart/bestand/../../../geheim.txt",
        "/verwijskaart/bestand/%2E%2E/%2E%2E/geheim.txt",
    ):
        response = page.get(address)
        assert response.status_code == 404 and "niet voor de buren" not in response.get_data(as_text=True), address


def test_the_core_names_the_default_and_the_range_of_the_minimum(page):
    from desi_pack.collect.results import default_minimum, minimum_problem
    from desi_pack.training.config import load_training

    training = load_training(page.training)
    assert default_minimum(training) == 4
    assert minimum_problem(training, 5) is None and "1 tot en met 5" in minimum_problem(training, 0)


def test_a_card_the_trainer_changed_is_kept_until_they_ask_to_replace_it(page):
    page.post("/verwijskaart/maken", {"bron": "training"})
    card = page.folder / "output" / "welzijn-rivierenland" / "verwijskaarten" / "verwijskaart-tiel.docx"
    card.write_bytes(card.read_bytes() + b"\0")  # changed in Word, say
    mine = card.read_bytes()
    said = _text(page.post("/verwijskaart/maken", {"bron": "training"}))
    assert "Niet overschreven, omdat u ze na het maken heeft gewijzigd: verwijskaart-tiel.docx" in said, said
    assert card.read_bytes() == mine
    said = _text(page.post("/verwijskaart/maken", {"bron": "training", "force": "ja"}))
    assert card.read_bytes() != mine and "Reservekopie van de vervangen bestanden" in said


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="LibreOffice ontbreekt")
def test_cards_with_pdfs_when_libreoffice_is_found(page):
    """Made by the LibreOffice the page keeps running (writing/office.py), as the pack's PDFs are."""
    from desi_pack.writing.office import Offices

    offices = Offices.here()
    offices.count = 1
    page.client.application.extensions["desi"].offices = offices
    try:
        html = page.get("/verwijskaart").get_data(as_text=True)
        assert "Ook als PDF" in html
        said = _text(page.post("/verwijskaart/maken", {"bron": "training", "pdf": "ja"}))
        assert "waarvan 2 PDF's" in said
        pdf = page.get("/verwijskaart/bestand/verwijskaart-tiel.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        assert not offices.usable or len(offices._all) == 1  # kept, where a Python with uno is there
    finally:
        offices.close()


def test_a_workbook_of_answers_the_trainer_changed_is_replaced_only_when_asked(page, blank):
    _pack(page)
    _upload(page, "/na/formulieren", {"formulieren": [(reflector(blank, "Anouk Smit", ["a"] * 8), "a.docx")]})
    workbook = page.folder / "output" / "welzijn-rivierenland" / "antwoorden.xlsx"
    book = load_workbook(workbook)
    book["Overzicht"]["A20"] = "mijn aantekening"
    book.save(workbook)
    said = _said(page.post("/na/lezen"))
    assert "antwoorden.xlsx heeft u zelf gewijzigd; het is bewaard" in said and "antwoorden.nieuw.xlsx" in said
    assert load_workbook(workbook)["Overzicht"]["A20"].value == "mijn aantekening"
    page.post("/na/lezen", {"force": "ja"})
    assert load_workbook(workbook)["Overzicht"]["A20"].value is None


def test_without_a_training_file_the_pages_say_so_once_and_write_nothing(tmp_path):
    page = Page.open(tmp_path, starter=False)
    for address in ("/verwijskaart", "/na"):
        response = page.get(address)
        assert response.status_code == 200 and "training.yaml: dit bestand bestaat niet" in _text(response)
    for address, data in (
        ("/verwijskaart/maken", {"bron": "training"}),
        ("/na/bewijzen", {"minimaal": "3"}),
        ("/na/lezen", {}),
    ):
        response = page.post(address, data)
        assert response.status_code == 400 and _text(response).count("dit bestand bestaat niet") == 1, address
    assert list(tmp_path.iterdir()) == []
