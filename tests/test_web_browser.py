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
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

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
        c.text for t in document.tables for r in t.rows for c in r.cells)
    text += "\n".join(p.text for p in document.sections[0].header.paragraphs)
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


@pytest.mark.parametrize("address", ["/", "/pakket", "/hulp", "start"])
def test_no_serious_accessibility_problem_on_any_page(page, server, address):
    from axe_playwright_python.sync_playwright import Axe
    if address != "start":
        page.get_by_role("button", name="Nieuwe training beginnen").click()
        page.goto(server.address + address)
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
