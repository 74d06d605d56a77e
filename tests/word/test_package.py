"""One way to write Word: every .docx through word/package.py with its fixed zip dates, every piece of
WordprocessingML through word/wordxml.py, with one unit of length."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from PIL import Image

import desi_pack
from desi_pack.word import package
from desi_pack.word import wordxml as wx

SECTION = {
    "plaats": "Tiel-Oost",
    "stappen": ["Bel het wijkteam."],
    "contacten": [{"naam": "Sociaal wijkteam Tiel", "telefoon": "0344-555 010"}],
}
PACKAGE = Path(desi_pack.__file__).parent


def _dates(blob_or_path) -> set[tuple]:
    with zipfile.ZipFile(blob_or_path) as archive:
        return {info.date_time for info in archive.infolist()}


def test_the_cards_zip_entries_have_the_fixed_date_and_a_second_run_changes_nothing(run, write_config, tmp_path):
    """With a logo the cards' frame saves the template with the picture once: that too goes through
    package.py, so no entry carries the time of the run."""
    Image.new("RGB", (400, 200), (31, 92, 107)).save(tmp_path / "logo.png")
    config = write_config({"logo": "logo.png", "verwijskaart": SECTION})
    folder = tmp_path / "uit" / "welzijn-rivierenland" / "verwijskaarten"
    code, _, err = run("verwijskaart", str(config), "--out", str(tmp_path / "uit"), "-q")
    assert (code, err) == (0, "")
    cards = sorted(folder.glob("*.docx"))
    assert [card.name for card in cards] == ["verwijskaart-tiel-oost.docx", "zakkaart-tiel-oost.docx"]
    first = {card.name: card.read_bytes() for card in cards}
    for card in cards:
        assert _dates(card) == {package.ZIP_DATE}, card.name
    code, out, err = run("verwijskaart", str(config), "--out", str(tmp_path / "uit"))
    assert (code, err) == (0, "") and "2 bestanden: 2 ongewijzigd" in out
    assert {card.name: card.read_bytes() for card in cards} == first


def test_every_word_document_of_a_build_has_the_fixed_date(example_pack):
    documents = sorted(example_pack.rglob("*.docx"))
    assert len(documents) > 40
    for path in documents:
        assert _dates(path) == {package.ZIP_DATE}, path.relative_to(example_pack)


def test_a_package_is_its_parts_in_order_and_appended_parts_come_last():
    blob = package.write({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<a/>"})
    whole = package.append(package.without(blob, {"word/document.xml"}), {"word/document.xml": b"<b/>"})
    assert package.entries(whole) == {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<b/>"}
    assert _dates(io.BytesIO(whole)) == {package.ZIP_DATE}


def test_a_tables_grid_has_the_widths_of_its_cells():
    """One unit: the grid's columns and the cells' widths are the same number of twips (they differed by
    one when the grid had 567 twips a cm and the cells 566.93)."""
    body = OxmlElement("w:body")
    widths = [0.9, 5.4, 8.0, 38.4, 2.3]
    table = wx.table(body, widths)
    row = wx.row(table)
    for width in widths:
        wx.cell(row, width)
    grid = [col.get(qn("w:w")) for col in table.iter(qn("w:gridCol"))]
    cells = [tcw.get(qn("w:w")) for tcw in table.iter(qn("w:tcW"))]
    assert grid == cells == [wx.twips(width) for width in widths]
    assert abs(int(wx.twips(8.0)) - 8.0 * wx.TWIPS_PER_CM) < 1 and wx.cm_of(wx.twips(8.0)) == 4535 / wx.TWIPS_PER_CM


def test_a_tiny_paragraph_is_one_point_high_and_goes_before_the_section_properties():
    body = OxmlElement("w:body")
    sect = etree.SubElement(body, qn("w:sectPr"))
    paragraph = wx.tiny_paragraph(body, style="Tabeltekst")
    assert list(body) == [paragraph, sect]
    spacing = paragraph.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    assert paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Tabeltekst"
    assert {key.split("}")[1]: value for key, value in spacing.attrib.items()} == {
        "before": "0",
        "after": "0",
        "lineRule": "exact",
        "line": "20",
    }


def test_run_properties_keep_the_schemas_order():
    """Word refuses a file whose run properties are out of order (ECMA-376 Part 1, §17.3.2.28)."""
    p = OxmlElement("w:p")
    r = wx.run(p, "Tiel\tOost", bold=True, italic=True, color="1F5C6B", size_pt=9.5, size_cs=True, fill="FFFFFF")
    assert [child.tag for child in r.find(qn("w:rPr"))] == [
        qn(f"w:{n}") for n in ("b", "i", "color", "sz", "szCs", "shd")
    ]
    assert [child.tag for child in r][1:] == [qn("w:t"), qn("w:tab"), qn("w:t")]
    wx.set_size(p, 12)
    assert [child.tag for child in r.find(qn("w:rPr"))][-3:] == [qn("w:sz"), qn("w:szCs"), qn("w:shd")]
    assert r.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "24"


# Writing a package or building WordprocessingML element by element: only in word/. (web/app.py zips a
# folder for download, ooxml.py reads a Strict file as a transitional one: neither writes a document.)
_WRITES_WORD = re.compile(
    r"OxmlElement|SubElement|etree\.Element\(|ZipInfo\(|ZipFile\([^)]*\"[wa]\"|TWIPS_PER_CM\s*=|"
    r"def _tiny_paragraph"
)
_ALLOWED = {"web/app.py", "ooxml.py"}


def test_word_is_written_only_in_word():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("word/") or relative in _ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _WRITES_WORD.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
