"""`verwijskaart` run again, through the command line: what did not change is reported unchanged and left
alone (not even its date changes), with and without --pdf in every order; `--pdf` without LibreOffice."""

from __future__ import annotations

import time
import zipfile

import pytest
from docx import Document
from PIL import Image

from desi_pack.errors import said
from desi_pack.writing import pdf
from desi_pack.writing.output import MANIFEST

SECTION = {
    "plaats": "Tiel-Oost",
    "stappen": ["Bel het wijkteam."],
    "opties": ["Een maatje."],
    "contacten": [
        {"naam": "Sociaal wijkteam Tiel", "telefoon": "0344-555 010", "dagen": "ma t/m vr"},
        {"naam": "Jan de Vries", "email": "jan@tiel.example"},
    ],
}
CARDS = ["verwijskaart-tiel-oost.docx", "zakkaart-tiel-oost.docx"]
PDFS = ["verwijskaart-tiel-oost.pdf", "zakkaart-tiel-oost.pdf"]


class _Later:
    """The clock as zipfile reads it, an hour on each run: each run is at another time, as a person's are."""

    def __init__(self):
        self.hours = 0

    def time(self):
        return time.time() + 3600 * self.hours

    def localtime(self, seconds=None):
        return time.localtime(seconds)


@pytest.fixture
def clock(monkeypatch) -> _Later:
    clock = _Later()
    monkeypatch.setattr(zipfile, "time", clock)
    return clock


@pytest.fixture
def cards(run, write_config, tmp_path, clock):
    """Run `verwijskaart` on a training with a logo, an hour after the run before; return (output,
    {file name: (mtime, bytes)})."""
    Image.new("RGB", (400, 200), (31, 92, 107)).save(tmp_path / "logo.png")
    config = write_config({"logo": "logo.png", "verwijskaart": SECTION})
    folder = tmp_path / "uit" / "welzijn-rivierenland" / "verwijskaarten"

    def again(*options: str):
        clock.hours += 1
        code, out, err = run("verwijskaart", str(config), "--out", str(tmp_path / "uit"), "-q", *options)
        assert (code, err) == (0, "")
        return out, {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}

    return again


def _summary(out: str) -> str:
    (line,) = [line for line in out.splitlines() if line.startswith("Verwijskaart en zakkaarten")]
    return line.split(" (", 1)[1]


def test_a_second_run_changes_nothing_and_says_so(cards):
    out, first = cards()
    assert _summary(out) == "2 bestanden: 2 nieuw)."
    out, second = cards()
    assert _summary(out) == "2 bestanden: 2 ongewijzigd)."
    assert second == first  # the same bytes, and not even the dates changed


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "runs",
    [
        ["--pdf", "--pdf"],
        ["--pdf", "", "--pdf"],
        ["", "--pdf", "", "--pdf"],
    ],
    ids=lambda runs: " > ".join(option or "zonder" for option in runs),
)
def test_runs_with_and_without_pdf_change_nothing(cards, runs):
    _, before = cards(*filter(None, [runs[0]]))
    for option in runs[1:]:
        out, now = cards(*filter(None, [option]))
        assert {name: now[name] for name in before} == before, option  # nothing there before was touched
        made = CARDS + (PDFS if option else [])
        new = [name for name in made if name not in before]
        assert new == ([] if option == "" else [p for p in PDFS if p not in before])
        counts = [f"{len(made) - len(new)} ongewijzigd"] + ([f"{len(new)} nieuw"] if new else [])
        files = f"{len(made)} bestanden" + (", waarvan 2 PDF's" if option else "")
        assert _summary(out) == f"{files}: {', '.join(counts)}).", option
        assert "oudere versie" not in out
        before = now
    assert sorted(before) == sorted(CARDS + PDFS)


@pytest.mark.libreoffice
def test_the_pdf_of_a_card_the_coordinator_changed_shows_that_version(cards, tmp_path):
    import subprocess

    folder = tmp_path / "uit" / "welzijn-rivierenland" / "verwijskaarten"
    cards("--pdf")
    doc = Document(folder / CARDS[0])
    doc.add_paragraph("Aantekening van de coördinator")
    doc.save(folder / CARDS[0])
    out, now = cards("--pdf")
    assert _summary(out) == "4 bestanden, waarvan 2 PDF's: 1 behouden, 2 ongewijzigd, 1 bijgewerkt)."
    text = subprocess.run(["pdftotext", str(folder / PDFS[0]), "-"], capture_output=True, text=True, check=True).stdout
    assert "Aantekening van de coördinator" in text
    out, again = cards("--pdf")
    assert again == now and "bijgewerkt" not in out


@pytest.mark.libreoffice
def test_pdfs_of_an_older_card_are_named_after_a_run_without_pdf(run, write_config, tmp_path):
    folder = tmp_path / "welzijn-rivierenland" / "verwijskaarten"
    config = write_config({"verwijskaart": SECTION})
    assert run("verwijskaart", str(config), "--out", str(tmp_path), "--pdf", "-q")[0] == 0
    config = write_config({"verwijskaart": SECTION | {"opties": ["Een maatje.", "De huisarts."]}})
    code, out, _ = run("verwijskaart", str(config), "--out", str(tmp_path), "-q")
    assert code == 0 and "2 bestanden: 2 bijgewerkt" in out
    assert (
        "Let op: 2 PDF's horen bij een oudere versie van hun kaart (zoals verwijskaart-tiel-oost.pdf); maak ze "
        "opnieuw met: desi-pack verwijskaart --pdf"
    ) in out
    code, out, _ = run("verwijskaart", str(config), "--out", str(tmp_path), "--pdf", "-q")
    assert code == 0 and "4 bestanden, waarvan 2 PDF's: 2 ongewijzigd, 2 bijgewerkt" in out
    assert sorted(p.name for p in folder.iterdir()) == sorted(CARDS + PDFS)


def test_many_places_made_in_two_processes_are_unchanged_the_second_time(run, workbook, tmp_path, clock):
    rows = [[f"Wijk {i}", f"Team {i}", "", "", "0344-123456"] for i in range(40)]
    book = workbook(rows)
    code, out, _ = run("verwijskaart", str(book), "--out", str(tmp_path), "-q")
    assert code == 0 and "80 bestanden: 80 nieuw" in out
    folder = tmp_path / "contacten" / "verwijskaarten"
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    clock.hours += 1
    code, out, _ = run("verwijskaart", str(book), "--out", str(tmp_path), "-q")
    assert code == 0 and "80 bestanden: 80 ongewijzigd" in out
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before


def test_without_libreoffice_pdf_stops_before_writing_anything(run, write_config, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "KNOWN_PLACES", ())
    code, out, err = run(
        "verwijskaart", str(write_config({"verwijskaart": SECTION})), "--pdf", "--out", str(tmp_path / "uit")
    )
    assert code == 1 and out == "" and "Traceback" not in err
    assert err == f"Fout: {said(pdf.INSTALL_HELP, {'pdf': ' (--pdf)'})}\n"  # the message of build --pdf
    assert not (tmp_path / "uit").exists()


def test_help_tells_of_pdf_in_dutch(run):
    code, out, _ = run("verwijskaart", "--help")
    assert code == 0
    assert "--pdf" in out and "Maak ook een PDF van elke kaart (met LibreOffice" in out


def test_the_manifest_keeps_the_key_of_each_pdf(run, write_config, tmp_path):
    """Without --pdf no PDF key is recorded, so that a run with --pdf cannot take a PDF that is not there."""
    import json

    run("verwijskaart", str(write_config({"verwijskaart": SECTION})), "--out", str(tmp_path), "-q")
    manifest = json.loads((tmp_path / "welzijn-rivierenland" / MANIFEST).read_text())
    assert sorted(manifest["bestanden"]) == [f"verwijskaarten/{name}" for name in CARDS]
    assert not any(name.endswith(".pdf") for name in manifest["invoer"])
