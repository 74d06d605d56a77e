"""The page in a real browser: Debian's Chromium driven by Playwright, as a coordinator uses it.

Skipped, saying why, where Chromium is not installed (`.ci/run` installs it with apt).
"""

from __future__ import annotations

import io
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium ontbreekt (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Server:
    """desi-pack web for a folder, on a free port of 127.0.0.1, in this process."""

    def __init__(self, folder: Path):
        from waitress.server import create_server

        from desi_pack.web.app import create_app
        from desi_pack.web.guard import Guard
        from desi_pack.web.serve import free_port

        port = free_port()
        self.guard = Guard.new(port)
        self.app = create_app(folder, self.guard)
        self.server = create_server(self.app, host="127.0.0.1", port=port, threads=4)
        self.address = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    @property
    def entry(self) -> str:
        return f"{self.address}/?sleutel={self.guard.secret}"

    def close(self) -> None:
        run = self.app.extensions["desi"].build
        if run is not None and run.thread is not None:
            run.thread.join()
        self.server.close()


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path)
    yield running
    running.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="nl-NL", accept_downloads=True)
    page = context.new_page()
    page.goto(server.entry)
    yield page
    context.close()


def test_a_coordinators_whole_path_from_a_new_training_to_a_document_in_the_zip(page, server, tmp_path):
    from docx import Document
    from playwright.sync_api import expect

    page.get_by_role("button", name="Nieuwe training beginnen").click()
    page.get_by_label("Naam van de organisatie").fill("Welzijn Tiel-Oost")
    page.get_by_label("Trainers", exact=False).and_(page.get_by_role("textbox")).fill("Fatima El Idrissi\nKees Bosman")
    page.get_by_label("Namen van de deelnemers").fill("Anna Bakker\nJoost van Dijk\nPiet de Boer")
    page.get_by_label("Of alleen het aantal deelnemers").fill("")
    meeting = page.locator("#bijeenkomst-1")
    meeting.get_by_label("Datum", exact=False).and_(page.locator("input")).fill("2027-01-19")
    # A mistake the page points at: the standard location left empty.
    location = page.get_by_label("Standaardlocatie van de bijeenkomsten")
    location.fill("")
    location.blur()
    error = page.locator("#veld-locatie-fout")
    expect(error).to_have_text("Mag niet leeg zijn.")
    expect(location).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#status")).to_contain_text("1 fout")
    location.fill("Wijkcentrum De Ster, Tiel")
    location.blur()
    expect(error).to_have_text("")
    expect(location).not_to_have_attribute("aria-invalid", "true")
    expect(meeting.locator(".agenda .total")).to_contain_text("van 13:30 tot 16:30")
    page.get_by_role("button", name="Opslaan en pakket maken").click()
    page.get_by_text("Klaar.").wait_for(timeout=120_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Alles downloaden als zip").click()
    archive = zipfile.ZipFile(download.value.path())
    name = next(n for n in archive.namelist() if n.endswith("bijeenkomst-1/draaiboek-bijeenkomst-1.docx"))
    document = Document(io.BytesIO(archive.read(name)))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    text += "\n".join(p.text for p in document.sections[0].header.paragraphs)
    text = text.replace("\u00a0", " ")  # a place holds together on its line (non-breaking spaces)
    assert "Welzijn Tiel-Oost" in text and "Wijkcentrum De Ster, Tiel" in text and "19 januari 2027" in text
    training = (tmp_path / "training.yaml").read_text(encoding="utf-8")
    assert "# Naam van de organisatie die de training geeft (verplicht)." in training  # the starter's comments stay


def test_the_page_works_with_the_keyboard_alone_and_shows_where_the_focus_is(page):
    from playwright.sync_api import expect

    page.get_by_role("button", name="Nieuwe training beginnen").focus()
    page.keyboard.press("Enter")
    page.get_by_label("Naam van de organisatie").wait_for()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    field = page.get_by_label("Naam van de organisatie")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("Buurtwerk Noord")
    page.keyboard.press("Tab")  # leaving the field checks it
    expect(page.locator("#status")).to_contain_text("Niet opgeslagen")


@pytest.mark.parametrize("address", ["/", "/pakket", "/verwijskaart", "/na", "/hulp", "start"])
def test_no_serious_accessibility_problem_on_any_page(page, server, address):
    from axe_playwright_python.sync_playwright import Axe

    if address != "start":
        page.get_by_role("button", name="Nieuwe training beginnen").click()
        page.goto(server.address + address)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def _trained(folder: Path) -> None:
    """The starter training with four named participants, as the collect tests fill in forms for."""
    from tests.test_web_after import _training_text

    (folder / "training.yaml").write_text(_training_text(), encoding="utf-8")


def _no_serious_violation(page) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_a_contacts_workbook_with_a_mistake_named_fixed_and_made_into_cards(page, server, tmp_path):
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    from tests.test_web_after import BAD_EMAIL, GOOD

    _trained(tmp_path)
    page.get_by_role("link", name="Verwijskaart").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download de lege contactenwerkmap").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    book["Contacten"].delete_rows(2)
    book["Plaatsen"].delete_rows(2)
    for row in [*GOOD, BAD_EMAIL]:
        book["Contacten"].append(row)
    filled = tmp_path.parent / "mijn-contacten.xlsx"
    book.save(filled)
    upload = page.get_by_label("Ingevulde contactenwerkmap (.xlsx)")
    upload.set_input_files(filled)
    page.get_by_role("button", name="Werkmap uploaden en controleren").click()
    problems = page.locator("#contacten-fouten")
    expect(problems).to_contain_text("blad Contacten, rij 4, kolom F (E-mail)")
    expect(page.get_by_label("Ingevulde contactenwerkmap (.xlsx)")).to_have_attribute("aria-invalid", "true")
    _no_serious_violation(page)
    book["Contacten"]["F4"] = "jan@tiel.example"
    book.save(filled)
    page.get_by_label("Ingevulde contactenwerkmap (.xlsx)").set_input_files(filled)
    page.get_by_role("button", name="Werkmap uploaden en controleren").click()
    expect(page.get_by_text("De werkmap is in orde.")).to_be_visible()
    expect(page.locator("#contacten-fouten")).to_have_count(0)
    page.get_by_role("button", name="Kaarten maken uit de werkmap").click()
    expect(page.get_by_text("Verwijskaart en zakkaarten voor 2 plaatsen")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Alle kaarten downloaden als zip").click()
    names = zipfile.ZipFile(download.value.path()).namelist()
    assert "verwijskaarten/verwijskaart-tiel.docx" in names and "verwijskaarten/zakkaart-buren.docx" in names
    with page.expect_download() as download:
        page.get_by_role("link", name="verwijskaart-tiel.docx").click()
    card = zipfile.ZipFile(download.value.path()).read("word/document.xml").decode()
    assert "jan@tiel.example" in card and "Buurtzorg Buren" not in card  # Tiel's card: Tiel's contacts only
    _no_serious_violation(page)


def test_a_zip_of_filled_forms_becomes_the_workbook_and_certificates_follow_attendance(page, server, tmp_path):
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    from desi_pack.pack.build import BlankForms, build
    from desi_pack.training.config import load_training
    from tests.collect.conftest import NAMES
    from tests.collect.test_collect import FIXTURES, _tick_attendance
    from tests.test_web_after import reflector

    _trained(tmp_path)
    training = load_training(tmp_path / "training.yaml")
    pack = build(training, tmp_path / "output").root
    _tick_attendance(pack, {1: NAMES, 2: NAMES, 3: NAMES[:3], 4: NAMES[:2], 5: NAMES[:1]})
    mail = tmp_path.parent / "bijlagen.zip"
    with zipfile.ZipFile(mail, "w") as archive:
        archive.writestr("Fatima Yilmaz/reflector.docx", reflector(BlankForms(training), "Fatima Yilmaz", ["b"] * 8))
        archive.write(FIXTURES / "4.2.docx", "Anouk/acties.docx")  # saved by LibreOffice 7.4: no tags
        archive.writestr("scan.pdf", b"%PDF-1.4")
    page.get_by_role("link", name="Na de bijeenkomsten").click()
    page.get_by_label("Ingevulde formulieren (.docx of .odt, of een .zip ervan)").set_input_files(mail)
    page.get_by_role("button", name="Formulieren toevoegen en lezen").click()
    expect(page.get_by_role("status").first).to_contain_text("2 formulieren gelezen van 2 personen")
    flagged = page.get_by_role("table", name="Bestanden met een opmerking (1)")
    expect(flagged).to_contain_text("scan.pdf")
    expect(flagged).to_contain_text("een PDF of afbeelding (een scan of foto?) kan niet gelezen worden")
    read = page.get_by_role("table", name="De formulieren, per persoon")
    expect(read).to_contain_text("Anouk Smit")
    _no_serious_violation(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="De werkmap met antwoorden downloaden").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = next(name for name in book.sheetnames if name.startswith("4.2"))
    values = [cell for row in book[sheet].iter_rows(values_only=True) for cell in row]
    assert "Buurtlunch opzetten\nelke maand" in values and "Anouk Smit" in values
    expect(page.get_by_label("Aanwezig bij minstens")).to_have_value("4")  # the core's default: all but one
    page.get_by_role("button", name="Bewijzen van deelname maken").click()
    expect(page.get_by_text("Geen bewijs voor Anouk Smit: aanwezig bij 3 bijeenkomsten.")).to_be_visible()
    expect(page.get_by_role("link", name="bewijs-van-deelname-joost-van-dijk.docx")).to_be_visible()
    page.get_by_label("Aanwezig bij minstens").select_option("3")
    page.get_by_role("button", name="Bewijzen van deelname maken").click()
    expect(page.get_by_role("link", name="bewijs-van-deelname-anouk-smit.docx")).to_be_visible()
    expect(page.get_by_text("Geen bewijs voor Anouk Smit")).to_have_count(0)
    _no_serious_violation(page)
