"""The forms filled in on screen, by the real clients: LibreOffice through its own programming
interface (as a person's clicks end up), and answers stored the way Word stores them.

Every field has a unique, stable tag and an alias; LibreOffice recognises every field; answers
survive saving as .docx and .odt and show in the PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from desi_pack import build, load_training
from desi_pack.word import properties
from desi_pack.word.controls import FORMS_VERSION
from tests.docx_text import W14, control_kind

HELPER = Path(__file__).resolve().parent.parent / "lo_forms.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def _uno_python() -> str | None:
    """A Python with LibreOffice's `uno` module (Debian: python3-uno for /usr/bin/python3)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", "import uno"], capture_output=True).returncode == 0:
            return candidate
    return None


needs_uno = pytest.mark.skipif(
    _uno_python() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice's Python bridge (python3-uno) or pdftotext (poppler-utils) is missing; .ci/run installs "
    "them, or: apt-get install python3-uno poppler-utils",
)


def _lo(*args: str) -> dict:
    done = subprocess.run([_uno_python(), str(HELPER), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _forms(root: Path) -> list[Path]:
    """Every document a participant fills in: the instruments, the werkbladen, the homework sheets."""
    return sorted(
        [
            *root.glob("instrumenten/*.docx"),
            *root.glob("bijeenkomst-*/uitdelen/werkblad-*.docx"),
            *root.glob("bijeenkomst-*/huiswerk-*.docx"),
        ]
    )


def _controls(path: Path) -> list:
    return [sdt.find(qn("w:sdtPr")) for sdt in Document(path).element.body.iter(qn("w:sdt"))]


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


# --- every field named, without a client ----------------------------------------------


def test_every_field_has_a_unique_tag_and_an_alias(example_pack):
    for path in _forms(example_pack):
        tags = [props.find(qn("w:tag")).get(qn("w:val")) for props in _controls(path)]
        assert len(tags) == len(set(tags)), (path.name, [t for t, n in Counter(tags).items() if n > 1])
        for props in _controls(path):
            assert props.find(qn("w:alias")).get(qn("w:val")).strip(), path.name
            content = props.getparent().find(qn("w:sdtContent"))
            assert "".join(t.text or "" for t in content.iter(qn("w:t"))).strip(), "a placeholder of only spaces"


def test_an_empty_field_is_a_dotted_line_in_the_texts_own_colour(example_pack, second_pack):
    """On paper an empty field is a line to write on, not a prompt ('Typ hier…') printed on the form;
    its dots carry no colour of their own, which LibreOffice 7.4 would give to what is typed over them."""
    for path in [*_forms(example_pack), *_forms(second_pack), *example_pack.glob("instrumenten/11.5-*.docx")]:
        for props in _controls(path):
            if control_kind(props) == "vakje":
                continue
            content = props.getparent().find(qn("w:sdtContent"))
            shown = "".join(t.text or "" for t in content.iter(qn("w:t")))
            assert set(shown) == {"\u2026"}, (path.name, shown)
            assert content.find(f".//{qn('w:color')}") is None, (path.name, "a coloured placeholder")


def test_tags_are_stable_across_builds_and_trainings(example_pack, tmp_path, write_config):
    other = build(load_training(write_config({"organisatie": "Anders", "partners": []})), tmp_path).root
    for path in _forms(example_pack):
        if path.parent.name != "instrumenten" or path.name.startswith("11.5-"):
            continue  # the example's verwijskaart is its local card, filled in: no form
        tags = [p.find(qn("w:tag")).get(qn("w:val")) for p in _controls(path)]
        assert tags == [p.find(qn("w:tag")).get(qn("w:val")) for p in _controls(other / "instrumenten" / path.name)]
    tags = [
        p.find(qn("w:tag")).get(qn("w:val"))
        for p in _controls(example_pack / "instrumenten" / "6.8-reflector-vooroordelen-over-eenzaamheid.docx")
    ]
    assert tags[:6] == ["6.8/naam", "6.8/datum", "6.8/1.1/a", "6.8/1.1/b", "6.8/1.1/c", "6.8/1.1/notitie"]


def test_a_form_knows_what_it_is(example_pack):
    blob = (example_pack / "instrumenten" / "8.5-mijn-talenten-en-wensen.docx").read_bytes()
    assert properties.read(blob) == {
        properties.FORM: "8.5",
        properties.VERSION: FORMS_VERSION,
        properties.TRAINING: "Welzijn Rivierenland, Tiel",
    }
    homework = (example_pack / "bijeenkomst-1" / "huiswerk-voor-bijeenkomst-2.docx").read_bytes()
    assert properties.read(homework)[properties.FORM] == "huiswerk-2"
    sheet = next((example_pack / "bijeenkomst-1" / "uitdelen").glob("werkblad-3.5-*.docx")).read_bytes()
    assert properties.read(sheet)[properties.FORM] == "werkblad-3.5"


# --- LibreOffice ----------------------------------------------------------------------------


@pytest.mark.libreoffice
@needs_uno
def test_libreoffice_recognises_every_field_of_every_form(example_pack):
    forms = _forms(example_pack)
    found = _lo("count", *map(str, forms))
    for path in forms:
        kinds = Counter(
            {"vakje": "tick", "tekst": "text", "datum": "date", "keuzelijst": "list"}[control_kind(p)]
            for p in _controls(path)
        )
        assert found[str(path)]["kinds"] == dict(kinds), path.name


FILLED = {
    "6.8-reflector-vooroordelen-over-eenzaamheid.docx": {"tick": [0, 4, 8], "text": {"0": "Klopt\nvolgens mij wel"}},
    "8.5-mijn-talenten-en-wensen.docx": {
        "text": {"0": "goed luisteren\nen koken", "1": "Fatma Yilmaz"},
        "date": {"0": "2027-03-16"},
    },
    "4.2-concreet-vervolg.docx": {"text": {"0": "Koffieochtend in de wijk"}, "list": {"0": "Thuiszorg Rivierenland"}},
}


@pytest.mark.libreoffice
@needs_uno
@pytest.mark.parametrize("name", FILLED)
def test_a_form_filled_in_libreoffice_keeps_every_answer(example_pack, tmp_path, name):
    answers = FILLED[name]
    (tmp_path / "antwoorden.json").write_text(json.dumps(answers), encoding="utf-8")
    out = {kind: tmp_path / f"ingevuld.{kind}" for kind in ("docx", "odt", "pdf")}
    _lo("fill", str(example_pack / "instrumenten" / name), *map(str, out.values()), str(tmp_path / "antwoorden.json"))
    shown = _pdf_text(out["pdf"])
    saved = zipfile.ZipFile(out["docx"]).read("word/document.xml").decode("utf-8")
    odt = zipfile.ZipFile(out["odt"]).read("content.xml").decode("utf-8")
    for text in answers.get("text", {}).values():
        for line in text.split("\n"):  # each line of a text with a line break, on a line of its own
            assert re.search(rf"(^|\s){re.escape(line)}(\s|$)", shown, re.M), (line, shown)
            assert line in saved and line in odt
            assert _colour_of(saved, line) in (None, "auto", "000000"), (line, "typed text in a colour")
    if "tick" in answers:
        assert saved.count('w14:checked w14:val="1"') == len(answers["tick"])
        assert shown.count("\u2612") == len(answers["tick"])
    if "date" in answers:
        assert 'w:fullDate="2027-03-16' in saved and "16-3-2027" in shown
    for item in answers.get("list", {}).values():
        assert item in shown and item in saved
    # What the form is survives too.
    assert properties.read(out["docx"].read_bytes())[properties.FORM] == name.split("-")[0]
    meta = zipfile.ZipFile(out["odt"]).read("meta.xml").decode("utf-8")
    assert f'meta:name="{properties.FORM}"' in meta


def _colour_of(document_xml: str, text: str) -> str | None:
    """The colour (w:color) of the run that holds `text` in a saved document.xml, or None."""
    for run in etree.fromstring(document_xml.encode("utf-8")).iter(qn("w:r")):
        if text in "".join(t.text or "" for t in run.iter(qn("w:t"))):
            colour = run.find(f"{qn('w:rPr')}/{qn('w:color')}")
            return None if colour is None else colour.get(qn("w:val"))
    return None


def _fill_as_word(path: Path, out: Path) -> dict:
    """Answers stored as Word stores them: w14:checked and ☒, typed text with showingPlcHdr removed,
    a line break as w:br, w:fullDate, and the chosen item of a combo box as its text."""
    doc = Document(path)
    by_kind: dict[str, list] = {}
    for sdt in doc.element.body.iter(qn("w:sdt")):
        by_kind.setdefault(control_kind(sdt.find(qn("w:sdtPr"))), []).append(sdt)

    def type_in(sdt, lines: list[str]) -> None:
        props, content = sdt.find(qn("w:sdtPr")), sdt.find(qn("w:sdtContent"))
        placeholder = props.find(qn("w:showingPlcHdr"))
        if placeholder is not None:
            props.remove(placeholder)
        run = content.find(qn("w:r"))
        for child in list(run):
            if child.tag != qn("w:rPr"):
                run.remove(child)
        rpr = run.find(qn("w:rPr"))
        if rpr is not None:
            run.remove(rpr)
        for number, line in enumerate(lines):
            if number:
                etree.SubElement(run, qn("w:br"))
            etree.SubElement(run, qn("w:t")).text = line

    answers = {"text": ["Eerste regel", "tweede regel"], "date": "16-3-2027"}
    if by_kind.get("vakje"):
        box = by_kind["vakje"][0]
        box.find(f"{qn('w:sdtPr')}/{W14}checkbox/{W14}checked").set(f"{W14}val", "1")
        box.find(f".//{qn('w:t')}").text = "\u2612"
    if by_kind.get("tekst"):
        type_in(by_kind["tekst"][0], answers["text"])
    if by_kind.get("datum"):
        date = by_kind["datum"][0]
        date.find(f"{qn('w:sdtPr')}/{qn('w:date')}").set(qn("w:fullDate"), "2027-03-16T00:00:00Z")
        type_in(date, [answers["date"]])
    if by_kind.get("keuzelijst"):
        combo = by_kind["keuzelijst"][0]
        combo.find(f"{qn('w:sdtPr')}/{qn('w:comboBox')}").set(qn("w:lastValue"), "Thuiszorg Rivierenland")
        type_in(combo, ["Thuiszorg Rivierenland"])
    doc.save(out)
    return by_kind


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "name", ["5.3-signaleringskaart.docx", "8.5-mijn-talenten-en-wensen.docx", "4.2-concreet-vervolg.docx"]
)
def test_answers_stored_as_word_stores_them_show_in_the_pdf(example_pack, tmp_path, name):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) ontbreekt")
    from desi_pack.writing.pdf import convert, find_libreoffice

    filled = tmp_path / name
    kinds = _fill_as_word(example_pack / "instrumenten" / name, filled)
    pdf = convert(find_libreoffice(), {name: filled.read_bytes()})[name]
    (tmp_path / "ingevuld.pdf").write_bytes(pdf)
    shown = _pdf_text(tmp_path / "ingevuld.pdf")
    assert re.search(r"(^|\s)Eerste regel(\s|$)", shown, re.M) and re.search(r"(^|\s)tweede regel(\s|$)", shown, re.M)
    if kinds.get("vakje"):
        assert "\u2612" in shown
    if kinds.get("datum"):
        assert "16-3-2027" in shown
    if kinds.get("keuzelijst"):
        assert "Thuiszorg Rivierenland" in shown
