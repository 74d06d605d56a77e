"""--pdf: a PDF of every document in one LibreOffice run, or a clear Dutch message without LibreOffice."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from desi_pack import build, load_training
from desi_pack.course.course import load_course
from desi_pack.errors import DesiPackError
from desi_pack.writing import pdf
from desi_pack.writing.pdf import PdfError, convert, page_count


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "KNOWN_PLACES", ())


def fake_soffice(folder: Path, script: str) -> str:
    """A stand-in for soffice: a shell script."""
    path = folder / "soffice"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_without_libreoffice_pdf_stops_before_writing_anything(run, tmp_path, no_libreoffice):
    code, out, err = run("build", "--voorbeeld", "--pdf", "--out", str(tmp_path / "uit"))
    assert code == 1 and out == ""
    assert err.startswith("Fout: Voor PDF's (--pdf) is LibreOffice nodig, en dat is op deze computer niet gevonden.")
    assert err.endswith("Zonder PDF's (--pdf) maakt desi-pack alle Word- en Excel-bestanden gewoon.\n")
    for how in ("Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui", "Windows:", "macOS:"):
        assert how in err
    assert "Traceback" not in err
    assert not (tmp_path / "uit").exists()


def test_without_pdf_libreoffice_is_not_needed(run, tmp_path, no_libreoffice):
    code, _, _ = run("build", "--voorbeeld", "--bijeenkomst", "1", "--out", str(tmp_path))
    assert code == 0
    assert not list(tmp_path.rglob("*.pdf"))


def test_libreoffice_found_in_its_usual_place(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    program = tmp_path / "soffice.exe"
    program.write_bytes(b"")
    monkeypatch.setattr(pdf, "KNOWN_PLACES", ("/nergens/soffice", str(program)))
    assert pdf.find_libreoffice() == str(program)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_a_document_libreoffice_cannot_convert_is_named(tmp_path):
    soffice = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded"\n')
    with pytest.raises(PdfError) as error:
        convert(soffice, {"bijeenkomst-1/draaiboek-bijeenkomst-1.docx": b"PK kapot"})
    assert error.value.message.startswith(
        "LibreOffice kon geen PDF maken van bijeenkomst-1/draaiboek-bijeenkomst-1.docx. "
        "LibreOffice meldde: Error: source file could not be loaded"
    )


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_libreoffice_that_hangs_is_stopped(tmp_path):
    soffice = fake_soffice(tmp_path, "sleep 30\n")
    with pytest.raises(PdfError, match="LibreOffice was na 1 seconden niet klaar met 1 document en is gestopt"):
        convert(soffice, {"a.docx": b"x"}, timeout=1)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_one_run_for_all_documents_with_its_own_profile(tmp_path):
    log = tmp_path / "aanroepen.txt"
    # Writes a PDF for each document given, and logs its arguments.
    soffice = fake_soffice(
        tmp_path,
        f"""echo "$@" >> {log}
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
for a in "$@"; do case "$a" in *.docx|*.xlsx) n=$(basename "$a"); printf '%%PDF /Type/Page' > "$out/${{n%.*}}.pdf";; esac; done
""",
    )
    documents = {"a/x.docx": b"1", "b/x.docx": b"2", "c/same.docx": b"1", "d/y.xlsx": b"3"}
    done = []
    result = convert(soffice, documents, progress=lambda stage, n, total: done.append((n, total)))
    assert set(result) == set(documents) and all(page_count(data) == 1 for data in result.values())
    calls = log.read_text().splitlines()
    assert len(calls) == 1  # one LibreOffice run, each distinct document once
    assert calls[0].count(".docx") == 2 and calls[0].count(".xlsx") == 1
    assert "-env:UserInstallation=file://" in calls[0] and "--headless" in calls[0]
    assert done[-1] == (3, 3)


def test_errors_survive_the_trip_from_a_worker_process():
    import pickle

    from desi_pack.errors import ConfigError, TemplateProblem

    for error in (PdfError("kapot"), TemplateProblem("sjabloon"), ConfigError("a.yaml", ["x", "y"])):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and copy.message == error.message and isinstance(copy, DesiPackError)


@pytest.fixture(scope="module")
def kept():
    """LibreOffices kept running, as the page keeps them (writing/office.py)."""
    from desi_pack.writing.office import Offices

    offices = Offices.here()
    if offices is None or not offices.usable:
        pytest.skip("geen Python met LibreOffice's uno (Debian: apt-get install python3-uno)")
    yield offices
    offices.close()


@pytest.mark.libreoffice
@pytest.mark.parametrize("how", ["gestart", "draaiend"])
def test_pdf_of_every_document_and_real_page_numbers_in_the_print_file(tmp_path, monkeypatch, how, request):
    """The same PDFs and page numbers whether LibreOffice is started for the build (the command line)
    or kept running (the page)."""
    training = load_training(None)
    offices = request.getfixturevalue("kept") if how == "draaiend" else None
    result = build(training, tmp_path, [5], pdf=True, offices=offices)
    root = result.root
    sources = sorted(p for p in root.rglob("*") if p.suffix in (".docx", ".xlsx"))
    pdfs = sorted(p for p in root.rglob("*.pdf"))
    assert [p.with_suffix("") for p in pdfs] == [p.with_suffix("") for p in sources]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    folder = root / "bijeenkomst-5"
    printed = (folder / "printen-bijeenkomst-5.pdf").read_bytes()
    parts = [
        "draaiboek-bijeenkomst-5",
        "uitdelen/11.5-verwijskaart",
        "posters/poster-11.2-1-elkaar-kennen",
        "posters/poster-11.2-2-naar-elkaar-verwijzen",
        "posters/poster-11.2-3-4-partnerschap-en-community",
        "uitdelen/11.6-partnerschapskaart",
    ]
    counts = [page_count((folder / f"{name}.pdf").read_bytes()) for name in parts]
    cover = page_count(printed) - sum(counts)
    assert cover == 1
    # The print file's PDF keeps the A3 pages A3: LibreOffice writes each page's size.
    assert printed.count(b"/MediaBox[0 0 1190") + printed.count(b"/MediaBox [0 0 1190") == 4
    # The cover of the .docx shows the pages counted in the PDFs.
    doc = Document(folder / "printen-bijeenkomst-5.docx")
    numbers = [
        ["".join(t.text for t in cell._tc.iter(qn("w:t"))) for cell in row.cells][5:] for row in doc.tables[0].rows
    ][1:]
    expected, page = [], cover
    for count in counts:
        expected.append([str(page + 1), str(page + count)])
        page += count
    assert numbers == expected
    # Built again: nothing changed, so LibreOffice is not started at all.
    monkeypatch.setattr(pdf, "convert_all", lambda *args, **kwargs: pytest.fail("LibreOffice gestart"))
    again = build(training, tmp_path, [5], pdf=True, offices=offices)
    assert again.made == 0 and {w.status for w in again.files} == {"ongewijzigd"}


@pytest.mark.libreoffice
def test_pdf_through_the_command_line(run, tmp_path):
    code, out, err = run("build", "--voorbeeld", "--pdf", "--stil", "--alleen-instrumenten", "--out", str(tmp_path))
    assert code == 0 and err == ""
    forms = len(load_course().instruments)
    assert f"{forms} Word-documenten, {forms} PDF's ({2 * forms} nieuw)." in out
    made = sorted(p.name for p in (tmp_path / "welzijn-rivierenland" / "instrumenten").glob("*.pdf"))
    assert len(made) == forms and "11.6-partnerschapskaart.pdf" in made
    a3 = (tmp_path / "welzijn-rivierenland" / "instrumenten" / "11.6-partnerschapskaart.pdf").read_bytes()
    assert b"/MediaBox[0 0 1190" in a3 or b"/MediaBox [0 0 1190" in a3


def test_page_count_of_a_pdf():
    assert page_count(b"%PDF-1.6 /Type/Pages /Count 2 /Type/Page /Type /Page") == 2


def test_plan_shares_the_documents_out_where_a_second_run_pays():
    assert pdf.plan(52, 5, 1) == [52]
    first, second = pdf.plan(52, 5, 2)  # the print files twice in the first run: fewer others there
    assert first + second == 52 and first < second
    assert pdf.plan(1, 0, 2) == [1, 0]  # one document: one start
    assert pdf.plan(0, 5, 2) == [0, 0]
    assert sum(1 for count in pdf.plan(12, 0, 4) if count) == 4
    assert pdf.plan(12, 5, 4)[0] == 0  # the first run is busy with the print files


FAKE_SOFFICE = """echo "$@" >> {log}
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
for a in "$@"; do case "$a" in *.docx|*.xlsx)
  grep -q kapot "$a" && {{ echo "Error: source file could not be loaded"; exit 1; }}
  grep -q traag "$a" && {{ echo $$ > {pid}; sleep 30; }}
  n=$(basename "$a"); {{ printf '%%PDF /Type/Page '; cat "$a"; }} > "$out/${{n%.*}}.pdf";;
esac; done
"""


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_convert_all_runs_libreoffice_on_two_cores_each_with_its_own_profile(tmp_path):
    log = tmp_path / "aanroepen.txt"
    soffice = fake_soffice(tmp_path, FAKE_SOFFICE.format(log=log, pid=tmp_path / "pid"))
    documents = {f"d/{n}.docx": f"doc {n}".encode() for n in range(20)} | {"e/kopie.docx": b"doc 3"}
    prints = {"p/printen-1.docx": b"print 1", "p/printen-2.docx": b"print 2"}
    seen = []

    def numbered(marked):
        seen.append(marked)
        return {path: data + b" genummerd" for path, data in prints.items()}

    done = []
    result = pdf.convert_all(
        soffice,
        documents,
        lambda stage, n, total: done.append((stage, n, total)),
        pdf.TwoPass(prints, numbered),
        cores=2,
    )
    assert result["e/kopie.docx"] == result["d/3.docx"] and result["d/7.docx"].endswith(b"doc 7")
    assert result["p/printen-2.docx"].endswith(b"print 2 genummerd")
    assert set(seen[0]) == set(prints) and seen[0]["p/printen-1.docx"].endswith(b"print 1")
    calls = log.read_text().splitlines()
    assert len(calls) in (3, 4)  # the print files twice, the others in one or two runs
    assert "ExportBookmarksToPDFDestination" in calls[0] or any("ExportBookmarks" in c for c in calls)
    assert sum(call.count(".docx") for call in calls) == 20 + 2 * 2  # the copy converted once
    profiles = {call.split("-env:UserInstallation=")[1].split()[0] for call in calls}
    assert len(profiles) == len(calls)
    assert {stage for stage, _, _ in done} == {"PDF's maken met LibreOffice (2 tegelijk)"}
    assert done[-1][1:] == (24, 24) and [n for _, n, _ in done] == sorted(n for _, n, _ in done)


@pytest.mark.skipif(os.name != "posix", reason="the stand-in for soffice is a shell script")
def test_a_run_that_fails_stops_the_other(tmp_path):
    soffice = fake_soffice(tmp_path, FAKE_SOFFICE.format(log=tmp_path / "log", pid=tmp_path / "pid"))
    # The first run gets the slow document, the second the broken one, last.
    documents = {"d/traag.docx": b"traag"} | {f"k/{n}.docx": f"{n}".encode() for n in range(14)}
    documents["k/kapot.docx"] = b"kapot"
    assert pdf.plan(len(documents), 0, 2) == [8, 8]
    with pytest.raises(PdfError, match=r"LibreOffice kon geen PDF maken van k/kapot\.docx"):
        pdf.convert_all(soffice, documents, cores=2)
    slow = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(slow, 0)  # the slow run was stopped, not waited for


@pytest.mark.libreoffice
def test_the_pdf_of_a_kept_file_follows_every_edit_of_the_trainer(tmp_path):
    """A kept file is remembered as made from its base (for staleness), but its PDF is of what it is now."""
    import shutil
    import subprocess

    from docx import Document

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    training = load_training(None)
    root = build(training, tmp_path, [5], pdf=True).root
    draaiboek = root / "bijeenkomst-5" / "draaiboek-bijeenkomst-5.docx"
    for line in ("Eerste aantekening van de trainer.", "Tweede aantekening van de trainer."):
        doc = Document(draaiboek)
        doc.add_paragraph(line)
        doc.save(draaiboek)
        build(training, tmp_path, [5], pdf=True)
        printed = subprocess.run(
            ["pdftotext", str(draaiboek.with_suffix(".pdf")), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert line in printed
